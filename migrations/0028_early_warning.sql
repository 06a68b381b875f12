CREATE TABLE "warning_alert_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"alert_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"action" text,
	"note" text,
	"by_user" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"rule_version" integer NOT NULL,
	"key" text NOT NULL,
	"country" text NOT NULL,
	"admin1" text,
	"admin2" text,
	"party_id" uuid,
	"status" text DEFAULT 'new' NOT NULL,
	"episode_start" date NOT NULL,
	"episode_end" date,
	"explanation" jsonb NOT NULL,
	"latest" jsonb,
	"incident_ids" uuid[] DEFAULT '{}' NOT NULL,
	"incident_total" integer DEFAULT 0 NOT NULL,
	"observation_ids" uuid[] DEFAULT '{}' NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"code" text,
	"category" text NOT NULL,
	"kind" text NOT NULL,
	"names" jsonb NOT NULL,
	"descriptions" jsonb NOT NULL,
	"count" jsonb,
	"retired_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_observations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"observed_on" date NOT NULL,
	"country" text NOT NULL,
	"admin1" text,
	"admin2" text,
	"party_id" uuid,
	"severity" text NOT NULL,
	"note" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"deletion_reason" text
);
--> statement-breakpoint
CREATE TABLE "warning_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"country" text NOT NULL,
	"admin1" text,
	"admin2" text,
	"per" text NOT NULL,
	"params" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_evaluated_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "warning_alert_events" ADD CONSTRAINT "warning_alert_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_alert_events" ADD CONSTRAINT "warning_alert_events_alert_id_warning_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."warning_alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_alert_events" ADD CONSTRAINT "warning_alert_events_by_user_users_id_fk" FOREIGN KEY ("by_user") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_alerts" ADD CONSTRAINT "warning_alerts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_alerts" ADD CONSTRAINT "warning_alerts_rule_id_warning_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."warning_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_alerts" ADD CONSTRAINT "warning_alerts_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_indicators" ADD CONSTRAINT "warning_indicators_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_indicators" ADD CONSTRAINT "warning_indicators_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_observations" ADD CONSTRAINT "warning_observations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_observations" ADD CONSTRAINT "warning_observations_indicator_id_warning_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."warning_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_observations" ADD CONSTRAINT "warning_observations_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_observations" ADD CONSTRAINT "warning_observations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_observations" ADD CONSTRAINT "warning_observations_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_rules" ADD CONSTRAINT "warning_rules_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_rules" ADD CONSTRAINT "warning_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_rules" ADD CONSTRAINT "warning_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "warning_alert_events_alert_idx" ON "warning_alert_events" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "warning_alerts_org_status_idx" ON "warning_alerts" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "warning_alerts_rule_key_idx" ON "warning_alerts" USING btree ("rule_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "warning_indicators_code_idx" ON "warning_indicators" USING btree ("code");--> statement-breakpoint
CREATE INDEX "warning_indicators_org_idx" ON "warning_indicators" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "warning_observations_org_day_idx" ON "warning_observations" USING btree ("organisation_id","observed_on");--> statement-breakpoint
CREATE INDEX "warning_rules_org_idx" ON "warning_rules" USING btree ("organisation_id");--> statement-breakpoint
-- One open episode per rule and area: the alert raised when it began.
CREATE UNIQUE INDEX "warning_alerts_open_episode_idx" ON "warning_alerts" ("rule_id", "key") WHERE "episode_end" IS NULL;
--> statement-breakpoint
-- An alert's history is append-only: events are never changed or removed.
CREATE FUNCTION warning_alert_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'warning_alert_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER warning_alert_events_no_change BEFORE UPDATE OR DELETE ON warning_alert_events
  FOR EACH ROW EXECUTE FUNCTION warning_alert_events_append_only();
