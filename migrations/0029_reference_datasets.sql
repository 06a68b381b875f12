CREATE TABLE "reference_actor_decisions" (
	"organisation_id" uuid NOT NULL,
	"actor_key" text NOT NULL,
	"actor" text NOT NULL,
	"party_id" uuid,
	"choice" text,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reference_actor_decisions_organisation_id_actor_key_pk" PRIMARY KEY("organisation_id","actor_key")
);
--> statement-breakpoint
CREATE TABLE "reference_dataset_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dataset" text NOT NULL,
	"label" text NOT NULL,
	"sha256" text NOT NULL,
	"row_count" integer NOT NULL,
	"actor_count" integer NOT NULL,
	"first_year" integer,
	"last_year" integer,
	"citation" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"loaded_by" uuid,
	"loaded_by_organisation" uuid,
	"current" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_rows" (
	"version_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"year" smallint NOT NULL,
	"conflict_id" text,
	"actor" text NOT NULL,
	"ucdp_actor_id" text,
	"actor_key" text NOT NULL,
	"actor_type" smallint,
	"location" text,
	"gwno" text[] DEFAULT '{}'::text[] NOT NULL,
	"conflict_year" smallint,
	"interim" smallint,
	"post_conflict" smallint,
	"state_prev" smallint,
	"ai_prev" smallint,
	"hrw_prev" smallint,
	"child_prev" smallint,
	"forms" text[],
	"multiple_perpetrators" smallint,
	CONSTRAINT "reference_rows_version_id_row_number_pk" PRIMARY KEY("version_id","row_number")
);
--> statement-breakpoint
ALTER TABLE "reference_actor_decisions" ADD CONSTRAINT "reference_actor_decisions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_actor_decisions" ADD CONSTRAINT "reference_actor_decisions_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_actor_decisions" ADD CONSTRAINT "reference_actor_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_dataset_versions" ADD CONSTRAINT "reference_dataset_versions_loaded_by_users_id_fk" FOREIGN KEY ("loaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_dataset_versions" ADD CONSTRAINT "reference_dataset_versions_loaded_by_organisation_organisations_id_fk" FOREIGN KEY ("loaded_by_organisation") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_rows" ADD CONSTRAINT "reference_rows_version_id_reference_dataset_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."reference_dataset_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reference_actor_decisions_party_idx" ON "reference_actor_decisions" USING btree ("party_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reference_dataset_versions_file_key" ON "reference_dataset_versions" USING btree ("dataset","sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "reference_dataset_versions_current_key" ON "reference_dataset_versions" USING btree ("dataset") WHERE "reference_dataset_versions"."current";--> statement-breakpoint
CREATE INDEX "reference_rows_actor_idx" ON "reference_rows" USING btree ("version_id","actor_key");--> statement-breakpoint
-- Custom: the codebook's values, checked by the database as well as by the reader (reference/codebook.ts).
ALTER TABLE "reference_dataset_versions" ADD CONSTRAINT "reference_dataset_versions_dataset_check" CHECK ("dataset" IN ('svac', 'rsvac'));
--> statement-breakpoint
ALTER TABLE "reference_rows" ADD CONSTRAINT "reference_rows_prevalence_check" CHECK (
  ("state_prev" IS NULL OR "state_prev" BETWEEN 0 AND 3) AND ("ai_prev" IS NULL OR "ai_prev" BETWEEN 0 AND 3)
  AND ("hrw_prev" IS NULL OR "hrw_prev" BETWEEN 0 AND 3) AND ("child_prev" IS NULL OR "child_prev" BETWEEN 0 AND 3)
  AND ("multiple_perpetrators" IS NULL OR "multiple_perpetrators" BETWEEN 0 AND 2));
--> statement-breakpoint
ALTER TABLE "reference_actor_decisions" ADD CONSTRAINT "reference_actor_decisions_one_check" CHECK (("party_id" IS NULL) <> ("choice" IS NULL));
--> statement-breakpoint
-- Custom: a version's rows are what the file said; they are written once, with the version, and never changed.
CREATE FUNCTION reference_rows_written_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'reference_rows are written once with their version and never changed (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER reference_rows_no_change BEFORE UPDATE OR DELETE ON reference_rows
  FOR EACH ROW EXECUTE FUNCTION reference_rows_written_once();
--> statement-breakpoint
CREATE TRIGGER reference_rows_no_truncate BEFORE TRUNCATE ON reference_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reference_rows_written_once();
