CREATE TABLE "audit_checkpoints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_id" bigint NOT NULL,
	"hash" text NOT NULL,
	"at" text NOT NULL,
	"mac" text NOT NULL
);
--> statement-breakpoint
-- Entries written before this migration were hashed without a key: they keep 'sha256' (metadata only, no
-- row is rewritten, so the append-only triggers are not involved); every later entry says how it was made.
ALTER TABLE "audit_log" ADD COLUMN "alg" text NOT NULL DEFAULT 'sha256';--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "alg" DROP DEFAULT;--> statement-breakpoint
CREATE INDEX "audit_checkpoints_entry_idx" ON "audit_checkpoints" USING btree ("entry_id");--> statement-breakpoint
-- From now on the database itself refuses an unkeyed entry (the chain verification would reject it too).
CREATE FUNCTION audit_log_refuse_unkeyed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.alg IS DISTINCT FROM 'hmac-sha256' THEN
    RAISE EXCEPTION 'audit_log accepts keyed entries only (alg %)', NEW.alg USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_keyed_only BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_unkeyed();
--> statement-breakpoint
-- Checkpoints are append-only like the log.
CREATE TRIGGER audit_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
