-- Consent is kept only by the slices the protected releases read (core, admin1, form_admin1, victims_admin1,
-- form_party_units); the dashboard's other slices sum both and stay as small as before 0033. Every month
-- waits for the job again (figures stay exact meanwhile, read from the facts).
ALTER TABLE "stat_rollup" ALTER COLUMN "outside" DROP NOT NULL;
--> statement-breakpoint
INSERT INTO stat_dirty (organisation_id, basis, month)
  SELECT DISTINCT f.organisation_id, d.basis, date_trunc('month', d.day)::date
  FROM stat_facts f CROSS JOIN LATERAL (VALUES ('occurred', f.occurred), ('recorded', f.recorded), ('decided', f.decided)) d(basis, day)
  WHERE d.day IS NOT NULL;
