ALTER TABLE "incidents" ADD COLUMN "victim_count_unknown" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "import_digest" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "encoding_detected" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "encoding" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "profile" jsonb;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "mapping_draft" jsonb;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "changed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "updated" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "excluded" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "on_changed" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "warnings" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "changes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- Mappings said how dates were written (iso, dmy, mdy, year); every way is now read as it is, and the
-- mapping keeps only the order of day and month for numeric dates both readings allow.
UPDATE "imports" SET "mapping" = ("mapping" - 'dateFormat') || jsonb_build_object('dateOrder', CASE "mapping"->>'dateFormat' WHEN 'mdy' THEN 'mdy' ELSE 'dmy' END) WHERE "mapping" ? 'dateFormat';--> statement-breakpoint
UPDATE "import_mappings" SET "mapping" = ("mapping" - 'dateFormat') || jsonb_build_object('dateOrder', CASE "mapping"->>'dateFormat' WHEN 'mdy' THEN 'mdy' ELSE 'dmy' END) WHERE "mapping" ? 'dateFormat';
