CREATE TABLE "party_text_links" (
	"organisation_id" uuid NOT NULL,
	"text_key" text NOT NULL,
	"text" text NOT NULL,
	"party_id" uuid,
	"choice" text,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_text_links_organisation_id_text_key_pk" PRIMARY KEY("organisation_id","text_key")
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "party_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "party_text_links" ADD CONSTRAINT "party_text_links_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_text_links" ADD CONSTRAINT "party_text_links_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_text_links" ADD CONSTRAINT "party_text_links_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "party_text_links_party_idx" ON "party_text_links" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "incidents_party_ids_idx" ON "incidents" USING gin ("party_ids");