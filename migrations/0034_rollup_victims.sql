-- A new rollup slice (victims_admin1: which categories of victim an incident has, by region), so incidents and
-- violations with a victim category as a filter are summed too. Every month waits for the job to sum it again
-- (figures stay exact meanwhile, read from the facts; a slice with no rows yet is never read for a listed month).
ALTER TABLE "stat_rollup" ADD COLUMN "victims" smallint;
--> statement-breakpoint
INSERT INTO stat_dirty (organisation_id, basis, month)
  SELECT DISTINCT f.organisation_id, d.basis, date_trunc('month', d.day)::date
  FROM stat_facts f CROSS JOIN LATERAL (VALUES ('occurred', f.occurred), ('recorded', f.recorded), ('decided', f.decided)) d(basis, day)
  WHERE d.day IS NOT NULL;
