CREATE TABLE "admin_areas" (
	"code" text PRIMARY KEY NOT NULL,
	"country" text NOT NULL,
	"level" integer NOT NULL,
	"name" text NOT NULL,
	"name_fr" text,
	"name_ar" text,
	"parent_code" text,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "admin_areas_country_level_idx" ON "admin_areas" USING btree ("country","level");--> statement-breakpoint
CREATE INDEX "admin_areas_parent_idx" ON "admin_areas" USING btree ("parent_code");