CREATE TABLE "incident_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_fields" text[] NOT NULL,
	"restricted" jsonb NOT NULL,
	"identifying_enc" "bytea"
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "deleted_by" uuid;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "deletion_reason" text;--> statement-breakpoint
ALTER TABLE "incident_versions" ADD CONSTRAINT "incident_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_versions" ADD CONSTRAINT "incident_versions_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_versions" ADD CONSTRAINT "incident_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_versions_incident_version_key" ON "incident_versions" USING btree ("incident_id","version");--> statement-breakpoint
CREATE INDEX "incident_versions_org_idx" ON "incident_versions" USING btree ("organisation_id");--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;