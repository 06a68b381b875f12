ALTER TABLE "incidents" ADD COLUMN "display_level" text DEFAULT 'admin2' NOT NULL;--> statement-breakpoint
-- Kept versions keep the shape of a create: the default display level where they had none.
UPDATE "incident_versions" SET "restricted" = jsonb_set("restricted", '{place,displayLevel}', '"admin2"')
  WHERE "restricted" ? 'place' AND NOT ("restricted"->'place' ? 'displayLevel');
