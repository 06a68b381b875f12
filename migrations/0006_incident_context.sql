ALTER TABLE "incidents" ADD COLUMN "setting" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "time_of_day" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "displacement_stage" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "abduction" boolean;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "detention" boolean;