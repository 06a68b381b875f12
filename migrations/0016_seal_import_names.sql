ALTER TABLE "imports" ALTER COLUMN "file_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "file_name_sealed" "bytea";