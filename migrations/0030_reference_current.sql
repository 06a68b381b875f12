-- The unique index first: the choice's foreign key (version_id, dataset) needs it.
CREATE UNIQUE INDEX "reference_dataset_versions_id_dataset_key" ON "reference_dataset_versions" USING btree ("id","dataset");--> statement-breakpoint
CREATE TABLE "reference_current_versions" (
	"organisation_id" uuid NOT NULL,
	"dataset" text NOT NULL,
	"version_id" uuid NOT NULL,
	"chosen_by" uuid NOT NULL,
	"chosen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reference_current_versions_organisation_id_dataset_pk" PRIMARY KEY("organisation_id","dataset")
);
--> statement-breakpoint
ALTER TABLE "reference_current_versions" ADD CONSTRAINT "reference_current_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_current_versions" ADD CONSTRAINT "reference_current_versions_chosen_by_users_id_fk" FOREIGN KEY ("chosen_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_current_versions" ADD CONSTRAINT "reference_current_versions_version_fk" FOREIGN KEY ("version_id","dataset") REFERENCES "public"."reference_dataset_versions"("id","dataset") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reference_current_versions_version_idx" ON "reference_current_versions" USING btree ("version_id");
