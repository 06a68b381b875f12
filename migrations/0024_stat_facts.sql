CREATE TABLE "stat_facts" (
	"organisation_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"first" boolean NOT NULL,
	"occurred" date NOT NULL,
	"occurred_to" date,
	"recorded" date NOT NULL,
	"decided" date,
	"form" text NOT NULL,
	"status" text NOT NULL,
	"late" boolean NOT NULL,
	"decision_route" text,
	"country" text NOT NULL,
	"admin1" text,
	"admin2" text,
	"setting" text,
	"parties" text[] NOT NULL,
	"party_categories" text[] NOT NULL,
	"source_orgs" text[] NOT NULL,
	"consent_outside" boolean NOT NULL,
	"created_by" uuid NOT NULL,
	"assigned_to" uuid[] NOT NULL,
	"count_unknown" boolean NOT NULL,
	"i_women" integer NOT NULL,
	"i_girls" integer NOT NULL,
	"i_men" integer NOT NULL,
	"i_boys" integer NOT NULL,
	"i_unknown" integer NOT NULL,
	"v_women" integer NOT NULL,
	"v_girls" integer NOT NULL,
	"v_men" integer NOT NULL,
	"v_boys" integer NOT NULL,
	"v_unknown" integer NOT NULL,
	CONSTRAINT "stat_facts_incident_id_position_pk" PRIMARY KEY("incident_id","position")
);
--> statement-breakpoint
CREATE TABLE "stat_versions" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisation_settings" ADD COLUMN "suppression_threshold" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation_settings" ADD COLUMN "protect_zeros" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "stat_facts" ADD CONSTRAINT "stat_facts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stat_versions" ADD CONSTRAINT "stat_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stat_facts_org_occurred_idx" ON "stat_facts" USING btree ("organisation_id","occurred");--> statement-breakpoint
CREATE INDEX "stat_facts_org_created_by_idx" ON "stat_facts" USING btree ("organisation_id","created_by");--> statement-breakpoint
CREATE INDEX "stat_facts_parties_idx" ON "stat_facts" USING gin ("parties");--> statement-breakpoint
-- The fact table kept in step with the records, in the writer's transaction (src/stats/tables.ts). The
-- counting rules of src/stats/rules.ts that decide which records have rows: never a soft-deleted record, a
-- linked duplicate only through its canonical record. Late: verified after the end of the quarter of the
-- incident's last day (the same rule as src/incidents/verification.ts and the list's filter).
CREATE FUNCTION stat_sync(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stat_facts WHERE incident_id = ANY(ids);
  INSERT INTO stat_facts (organisation_id, incident_id, position, first, occurred, occurred_to, recorded, decided, form, status, late,
    decision_route, country, admin1, admin2, setting, parties, party_categories, source_orgs, consent_outside, created_by, assigned_to,
    count_unknown, i_women, i_girls, i_men, i_boys, i_unknown, v_women, v_girls, v_men, v_boys, v_unknown)
  SELECT i.organisation_id, i.id, coalesce(v.position, 0),
    -- first: the first violation of its track (CRSV or exploitation and abuse), where its incident is counted
    coalesce(v.position, 0) = coalesce((SELECT min(v2.position) FROM violations v2 WHERE v2.incident_id = i.id
      AND (v2.form = 'sea_un_humanitarian') = (coalesce(v.form, 'unspecified') = 'sea_un_humanitarian')), 0),
    i.occurred_from, i.occurred_to, (i.created_at AT TIME ZONE 'UTC')::date, (i.decided_at AT TIME ZONE 'UTC')::date,
    coalesce(v.form, 'unspecified'), i.verification_status,
    i.verification_status = 'verified' AND i.decided_at IS NOT NULL
      AND (i.decided_at AT TIME ZONE 'UTC')::date > (date_trunc('quarter', coalesce(i.occurred_to, i.occurred_from)) + interval '3 months' - interval '1 day')::date,
    i.decision_route, i.country, i.admin1, i.admin2, i.setting,
    p.parties, p.categories, s.orgs,
    NOT ('agency_only' = ANY(i.consent)) AND 'aggregate_statistics' = ANY(i.consent),
    i.created_by, i.assigned_to, i.victim_count_unknown,
    i.victims_women, i.victims_girls, i.victims_men, i.victims_boys, i.victims_unknown,
    coalesce(v.victims_women, 0), coalesce(v.victims_girls, 0), coalesce(v.victims_men, 0), coalesce(v.victims_boys, 0), coalesce(v.victims_unknown, 0)
  FROM incidents i
  LEFT JOIN violations v ON v.incident_id = i.id
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(DISTINCT x.party ORDER BY x.party), ARRAY['not_recorded']) AS parties,
           coalesce(array_agg(DISTINCT x.category ORDER BY x.category), ARRAY['unknown']) AS categories
    FROM (
      SELECT CASE
               WHEN e->>'partyId' IS NOT NULL THEN e->>'partyId'
               WHEN e->>'partyChoice' IN ('unknown', 'unidentified_armed_men') THEN e->>'partyChoice'
               WHEN coalesce(trim(e->>'party'), '') <> '' THEN 'not_linked'
               ELSE 'unknown'
             END AS party,
             coalesce(e->>'category', 'unknown') AS category
      FROM jsonb_array_elements(i.perpetrators) e
    ) x
  ) p
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(DISTINCT trim(e->>'organisation') ORDER BY trim(e->>'organisation')) FILTER (WHERE coalesce(trim(e->>'organisation'), '') <> ''), ARRAY[]::text[]) AS orgs
    FROM jsonb_array_elements(i.sources) e
  ) s
  WHERE i.id = ANY(ids) AND i.deleted_at IS NULL AND i.canonical_id IS NULL;
  INSERT INTO stat_versions (organisation_id, version, changed_at)
    SELECT DISTINCT organisation_id, 1, now() FROM incidents WHERE id = ANY(ids)
    ON CONFLICT (organisation_id) DO UPDATE SET version = stat_versions.version + 1, changed_at = now();
END $$;
--> statement-breakpoint
-- Statement-level triggers with transition tables: one set-based sync per statement (COPY batches included).
CREATE FUNCTION stat_sync_incidents_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM stat_sync(ARRAY(SELECT id FROM new_rows)); RETURN NULL; END $$;
--> statement-breakpoint
CREATE FUNCTION stat_sync_incidents_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM stat_sync(ARRAY(SELECT id FROM old_rows)); RETURN NULL; END $$;
--> statement-breakpoint
CREATE FUNCTION stat_sync_violations_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM stat_sync(ARRAY(SELECT DISTINCT incident_id FROM new_rows)); RETURN NULL; END $$;
--> statement-breakpoint
CREATE FUNCTION stat_sync_violations_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM stat_sync(ARRAY(SELECT DISTINCT incident_id FROM old_rows)); RETURN NULL; END $$;
--> statement-breakpoint
CREATE TRIGGER stat_incidents_insert AFTER INSERT ON incidents REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_sync_incidents_new();
--> statement-breakpoint
CREATE TRIGGER stat_incidents_update AFTER UPDATE ON incidents REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_sync_incidents_new();
--> statement-breakpoint
CREATE TRIGGER stat_incidents_delete AFTER DELETE ON incidents REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_sync_incidents_old();
--> statement-breakpoint
CREATE TRIGGER stat_violations_insert AFTER INSERT ON violations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_sync_violations_new();
--> statement-breakpoint
CREATE TRIGGER stat_violations_update AFTER UPDATE ON violations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_sync_violations_new();
--> statement-breakpoint
CREATE TRIGGER stat_violations_delete AFTER DELETE ON violations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_sync_violations_old();
--> statement-breakpoint
-- The records already stored.
SELECT stat_sync(ARRAY(SELECT id FROM incidents));
