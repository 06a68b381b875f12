CREATE TABLE "parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"name" text NOT NULL,
	"short_name" text,
	"category" text NOT NULL,
	"countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"parent_id" uuid,
	"active_from" text,
	"active_to" text,
	"status" text NOT NULL,
	"merged_into" uuid,
	"source" text NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_external_ids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"party_id" uuid NOT NULL,
	"organisation_id" uuid,
	"scheme" text NOT NULL,
	"value" text NOT NULL,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_merge_moves" (
	"merge_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"row_id" text NOT NULL,
	"previous" jsonb,
	CONSTRAINT "party_merge_moves_merge_id_kind_row_id_pk" PRIMARY KEY("merge_id","kind","row_id")
);
--> statement-breakpoint
CREATE TABLE "party_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"from_party_id" uuid NOT NULL,
	"into_party_id" uuid NOT NULL,
	"previous" jsonb NOT NULL,
	"merged_by" uuid NOT NULL,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_by" uuid,
	"undone_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "party_names" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"party_id" uuid NOT NULL,
	"organisation_id" uuid,
	"name" text NOT NULL,
	"language" text,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"search_key" text NOT NULL,
	"exact_key" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_relations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"from_party_id" uuid NOT NULL,
	"to_party_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"valid_from" text,
	"valid_to" text,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "parties" ADD CONSTRAINT "parties_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parties" ADD CONSTRAINT "parties_parent_id_parties_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parties" ADD CONSTRAINT "parties_merged_into_parties_id_fk" FOREIGN KEY ("merged_into") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parties" ADD CONSTRAINT "parties_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_external_ids" ADD CONSTRAINT "party_external_ids_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_external_ids" ADD CONSTRAINT "party_external_ids_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_external_ids" ADD CONSTRAINT "party_external_ids_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_merge_moves" ADD CONSTRAINT "party_merge_moves_merge_id_party_merges_id_fk" FOREIGN KEY ("merge_id") REFERENCES "public"."party_merges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_merges" ADD CONSTRAINT "party_merges_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_merges" ADD CONSTRAINT "party_merges_from_party_id_parties_id_fk" FOREIGN KEY ("from_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_merges" ADD CONSTRAINT "party_merges_into_party_id_parties_id_fk" FOREIGN KEY ("into_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_merges" ADD CONSTRAINT "party_merges_merged_by_users_id_fk" FOREIGN KEY ("merged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_merges" ADD CONSTRAINT "party_merges_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_names" ADD CONSTRAINT "party_names_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_names" ADD CONSTRAINT "party_names_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_names" ADD CONSTRAINT "party_names_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_relations" ADD CONSTRAINT "party_relations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_relations" ADD CONSTRAINT "party_relations_from_party_id_parties_id_fk" FOREIGN KEY ("from_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_relations" ADD CONSTRAINT "party_relations_to_party_id_parties_id_fk" FOREIGN KEY ("to_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_relations" ADD CONSTRAINT "party_relations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "parties_organisation_idx" ON "parties" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "parties_parent_idx" ON "parties" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "party_external_ids_party_idx" ON "party_external_ids" USING btree ("party_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_external_ids_reference_actor_key" ON "party_external_ids" USING btree ("value") WHERE "party_external_ids"."scheme" = 'ucdp_actor' AND "party_external_ids"."organisation_id" IS NULL;--> statement-breakpoint
CREATE INDEX "party_merges_from_idx" ON "party_merges" USING btree ("from_party_id");--> statement-breakpoint
CREATE INDEX "party_merges_into_idx" ON "party_merges" USING btree ("into_party_id");--> statement-breakpoint
CREATE INDEX "party_names_party_idx" ON "party_names" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "party_names_exact_idx" ON "party_names" USING btree ("exact_key");--> statement-breakpoint
CREATE INDEX "party_relations_from_idx" ON "party_relations" USING btree ("from_party_id");--> statement-breakpoint
CREATE INDEX "party_relations_to_idx" ON "party_relations" USING btree ("to_party_id");