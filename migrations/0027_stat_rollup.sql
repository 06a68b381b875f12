CREATE TABLE "stat_dirty" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"month" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stat_rollup" (
	"organisation_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"month" date NOT NULL,
	"slice" text NOT NULL,
	"sea" boolean NOT NULL,
	"counted" boolean NOT NULL,
	"verified" boolean NOT NULL,
	"country" text NOT NULL,
	"status" text,
	"form" text,
	"late" boolean,
	"admin1" text,
	"admin2" text,
	"setting" text,
	"party" text,
	"top" boolean,
	"violations" integer NOT NULL,
	"incidents" integer NOT NULL,
	"form_incidents" integer NOT NULL,
	"self_incidents" integer NOT NULL,
	"self_form_incidents" integer NOT NULL,
	"i_women" integer NOT NULL,
	"i_girls" integer NOT NULL,
	"i_men" integer NOT NULL,
	"i_boys" integer NOT NULL,
	"i_unknown" integer NOT NULL,
	"v_women" integer NOT NULL,
	"v_girls" integer NOT NULL,
	"v_men" integer NOT NULL,
	"v_boys" integer NOT NULL,
	"v_unknown" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stat_rollup" ADD CONSTRAINT "stat_rollup_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stat_dirty_org_idx" ON "stat_dirty" USING btree ("organisation_id","basis","month");--> statement-breakpoint
CREATE INDEX "stat_rollup_lookup_idx" ON "stat_rollup" USING btree ("organisation_id","basis","slice","month");--> statement-breakpoint
CREATE INDEX "stat_facts_org_recorded_idx" ON "stat_facts" USING btree ("organisation_id","recorded");--> statement-breakpoint
CREATE INDEX "stat_facts_org_decided_idx" ON "stat_facts" USING btree ("organisation_id","decided");
-- The months whose facts changed, for the rollup job (src/stats/rollups.ts): one row per organisation, date
-- basis and month touched by the statement, appended (never updated: writers never wait on each other).
CREATE FUNCTION stat_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stat_dirty (organisation_id, basis, month)
    SELECT DISTINCT r.organisation_id, d.basis, date_trunc('month', d.day)::date
    FROM changed_rows r CROSS JOIN LATERAL (VALUES ('occurred', r.occurred), ('recorded', r.recorded), ('decided', r.decided)) d(basis, day)
    WHERE d.day IS NOT NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stat_facts_dirty_insert AFTER INSERT ON stat_facts REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER stat_facts_dirty_delete AFTER DELETE ON stat_facts REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER stat_facts_dirty_update_old AFTER UPDATE ON stat_facts REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER stat_facts_dirty_update_new AFTER UPDATE ON stat_facts REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_dirty();
--> statement-breakpoint
-- The facts already stored: every month waits for the job's first run (read from the facts until then).
INSERT INTO stat_dirty (organisation_id, basis, month)
  SELECT DISTINCT f.organisation_id, d.basis, date_trunc('month', d.day)::date
  FROM stat_facts f CROSS JOIN LATERAL (VALUES ('occurred', f.occurred), ('recorded', f.recorded), ('decided', f.decided)) d(basis, day)
  WHERE d.day IS NOT NULL;
--> statement-breakpoint
-- A party moved in the hierarchy changes what its units slice holds: every month is summed again (figures stay
-- exact meanwhile, read from the facts).
CREATE FUNCTION stat_parties_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.parent_id IS DISTINCT FROM n.parent_id) THEN
    INSERT INTO stat_dirty (organisation_id, basis, month) SELECT DISTINCT organisation_id, basis, month FROM stat_rollup;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stat_parties_moved AFTER UPDATE ON parties REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_parties_moved();
