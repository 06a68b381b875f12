CREATE TABLE "commitment_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name_sealed" "bytea" NOT NULL,
	"content_sealed" "bytea" NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitment_parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"commitment_id" uuid NOT NULL,
	"party_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"signed_on" date NOT NULL,
	"signatories" text,
	"reference_url" text,
	"file_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"deletion_reason" text
);
--> statement-breakpoint
CREATE TABLE "measure_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"date" date NOT NULL,
	"text" text NOT NULL,
	"file_id" uuid,
	"progress" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawal_reason" text
);
--> statement-breakpoint
CREATE TABLE "commitment_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"commitment_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"deadline" date,
	"responsible_body" text,
	"progress" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"text" text NOT NULL,
	"written_by" uuid NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_listings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"report_year" integer NOT NULL,
	"listing" text NOT NULL,
	"report_symbol" text NOT NULL,
	"paragraph" text,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "commitment_files" ADD CONSTRAINT "commitment_files_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_files" ADD CONSTRAINT "commitment_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_parties" ADD CONSTRAINT "commitment_parties_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_parties" ADD CONSTRAINT "commitment_parties_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_parties" ADD CONSTRAINT "commitment_parties_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_file_id_commitment_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."commitment_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_evidence" ADD CONSTRAINT "measure_evidence_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_evidence" ADD CONSTRAINT "measure_evidence_measure_id_commitment_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."commitment_measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_evidence" ADD CONSTRAINT "measure_evidence_file_id_commitment_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."commitment_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_evidence" ADD CONSTRAINT "measure_evidence_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_evidence" ADD CONSTRAINT "measure_evidence_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_measures" ADD CONSTRAINT "commitment_measures_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_measures" ADD CONSTRAINT "commitment_measures_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_measures" ADD CONSTRAINT "commitment_measures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_measures" ADD CONSTRAINT "commitment_measures_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_assessments" ADD CONSTRAINT "party_assessments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_assessments" ADD CONSTRAINT "party_assessments_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_assessments" ADD CONSTRAINT "party_assessments_written_by_users_id_fk" FOREIGN KEY ("written_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_listings" ADD CONSTRAINT "party_listings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_listings" ADD CONSTRAINT "party_listings_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_listings" ADD CONSTRAINT "party_listings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commitment_files_org_idx" ON "commitment_files" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "commitment_parties_commitment_idx" ON "commitment_parties" USING btree ("commitment_id");--> statement-breakpoint
CREATE INDEX "commitment_parties_party_idx" ON "commitment_parties" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "commitments_org_signed_idx" ON "commitments" USING btree ("organisation_id","signed_on");--> statement-breakpoint
CREATE INDEX "measure_evidence_measure_idx" ON "measure_evidence" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "commitment_measures_commitment_idx" ON "commitment_measures" USING btree ("commitment_id");--> statement-breakpoint
CREATE INDEX "party_assessments_party_idx" ON "party_assessments" USING btree ("organisation_id","party_id","written_at");--> statement-breakpoint
CREATE INDEX "party_listings_party_idx" ON "party_listings" USING btree ("organisation_id","party_id");--> statement-breakpoint
-- Evidence of a measure is append-only: an entry is never changed or removed; it may be withdrawn once, with
-- a reason (the withdrawal columns set from null, nothing else touched).
CREATE FUNCTION measure_evidence_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.withdrawn_at IS NULL AND NEW.withdrawn_at IS NOT NULL AND NEW.withdrawn_by IS NOT NULL
    AND NEW.withdrawal_reason IS NOT NULL
    AND (NEW.id, NEW.organisation_id, NEW.measure_id, NEW.date, NEW.text, NEW.file_id, NEW.progress, NEW.recorded_by, NEW.recorded_at)
      IS NOT DISTINCT FROM (OLD.id, OLD.organisation_id, OLD.measure_id, OLD.date, OLD.text, OLD.file_id, OLD.progress, OLD.recorded_by, OLD.recorded_at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'measure_evidence is append-only: an entry can only be withdrawn, once (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER measure_evidence_no_change BEFORE UPDATE OR DELETE ON measure_evidence
  FOR EACH ROW EXECUTE FUNCTION measure_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER measure_evidence_no_truncate BEFORE TRUNCATE ON measure_evidence
  FOR EACH STATEMENT EXECUTE FUNCTION measure_evidence_append_only();
--> statement-breakpoint
-- Versions of an assessment are never changed or removed; only the party they are about may be re-pointed
-- (a merge of duplicate parties, and its undo).
CREATE FUNCTION party_assessments_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.id, NEW.organisation_id, NEW.text, NEW.written_by, NEW.written_at)
      IS NOT DISTINCT FROM (OLD.id, OLD.organisation_id, OLD.text, OLD.written_by, OLD.written_at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'party_assessments is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER party_assessments_no_change BEFORE UPDATE OR DELETE ON party_assessments
  FOR EACH ROW EXECUTE FUNCTION party_assessments_append_only();
--> statement-breakpoint
CREATE TRIGGER party_assessments_no_truncate BEFORE TRUNCATE ON party_assessments
  FOR EACH STATEMENT EXECUTE FUNCTION party_assessments_append_only();
