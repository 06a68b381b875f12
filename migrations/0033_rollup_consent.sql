-- Every rollup slice keeps the survivors' consent for figures beyond the organisation, so the protected
-- releases (reports, exports, the viewers' dashboard) sum rollups instead of reading every fact. The rows
-- summed before did not keep it: they go, and every month waits for the job again (figures stay exact
-- meanwhile, read from the facts).
DELETE FROM "stat_rollup";
--> statement-breakpoint
ALTER TABLE "stat_rollup" ADD COLUMN "outside" boolean NOT NULL;
--> statement-breakpoint
INSERT INTO stat_dirty (organisation_id, basis, month)
  SELECT DISTINCT f.organisation_id, d.basis, date_trunc('month', d.day)::date
  FROM stat_facts f CROSS JOIN LATERAL (VALUES ('occurred', f.occurred), ('recorded', f.recorded), ('decided', f.decided)) d(basis, day)
  WHERE d.day IS NOT NULL;
