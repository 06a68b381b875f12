-- The audit log is append-only: no row may be changed or removed, and the table may not be truncated.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- Counts and tallies are never negative, whatever writes them.
ALTER TABLE incidents ADD CONSTRAINT incidents_victims_nonnegative
  CHECK (victims_women >= 0 AND victims_girls >= 0 AND victims_men >= 0 AND victims_boys >= 0 AND victims_unknown >= 0);
--> statement-breakpoint
ALTER TABLE violations ADD CONSTRAINT violations_victims_nonnegative
  CHECK (victims_women >= 0 AND victims_girls >= 0 AND victims_men >= 0 AND victims_boys >= 0 AND victims_unknown >= 0);
