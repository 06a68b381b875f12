ALTER TABLE "incidents" ADD COLUMN "consent" text[] DEFAULT '{"agency_only"}' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "erased_by" uuid;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_erased_by_users_id_fk" FOREIGN KEY ("erased_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;