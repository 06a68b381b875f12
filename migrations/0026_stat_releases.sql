CREATE TABLE "stat_releases" (
	"organisation_id" uuid NOT NULL,
	"release" text NOT NULL,
	"day" date NOT NULL,
	"through" date NOT NULL,
	"threshold" integer NOT NULL,
	"protect_zeros" boolean NOT NULL,
	"tables" jsonb NOT NULL,
	"party_ids" text[] NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stat_releases_organisation_id_release_day_pk" PRIMARY KEY("organisation_id","release","day")
);
--> statement-breakpoint
ALTER TABLE "stat_releases" ADD CONSTRAINT "stat_releases_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;