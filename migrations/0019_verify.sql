CREATE TABLE "incident_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"reviewer_organisation_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"share_narrative" boolean DEFAULT false NOT NULL,
	"note" text,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "organisation_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"four_eyes_mode" text DEFAULT 'same_organisation' NOT NULL,
	"reviewer_ids" uuid[] DEFAULT '{}' NOT NULL,
	"min_sources_to_verify" integer DEFAULT 0 NOT NULL,
	"require_admin1" boolean DEFAULT false NOT NULL,
	"require_admin2" boolean DEFAULT false NOT NULL,
	"require_perpetrator_to_verify" boolean DEFAULT false NOT NULL,
	"narrative_max_length" integer DEFAULT 50000 NOT NULL,
	"updated_at" timestamp with time zone,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "incident_versions" ADD COLUMN "sealed_changes" text[];--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "verification_standard" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "relied_on_sources" integer[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "decision_note" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "self_decision_justification" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "decision_route" text;--> statement-breakpoint
ALTER TABLE "incident_reviews" ADD CONSTRAINT "incident_reviews_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_reviews" ADD CONSTRAINT "incident_reviews_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_reviews" ADD CONSTRAINT "incident_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_reviews" ADD CONSTRAINT "incident_reviews_reviewer_organisation_id_organisations_id_fk" FOREIGN KEY ("reviewer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_reviews" ADD CONSTRAINT "incident_reviews_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_reviews" ADD CONSTRAINT "incident_reviews_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_settings" ADD CONSTRAINT "organisation_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_settings" ADD CONSTRAINT "organisation_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_reviews_open_key" ON "incident_reviews" USING btree ("incident_id") WHERE "incident_reviews"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "incident_reviews_reviewer_idx" ON "incident_reviews" USING btree ("reviewer_id","closed_at");--> statement-breakpoint
CREATE INDEX "incident_reviews_org_idx" ON "incident_reviews" USING btree ("organisation_id");--> statement-breakpoint
-- hand-written: decisions recorded before routes were kept were taken by another coordinator
UPDATE "incidents" SET "decision_route" = 'coordinator' WHERE "decided_by" IS NOT NULL AND "decided_by" <> "created_by";
