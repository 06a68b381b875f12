-- Reports, hardened (review of 0031): the append-only tables refuse TRUNCATE too (a TRUNCATE fires no row
-- trigger), as the project's other append-only tables do; a version can only be written as a draft (the
-- workflow trigger guards updates only, so an INSERT could have put a version straight into "approved", where
-- viewers read it); a workflow event must name a step of the workflow.
CREATE TRIGGER report_templates_no_truncate BEFORE TRUNCATE ON report_templates FOR EACH STATEMENT EXECUTE FUNCTION report_append_only();
--> statement-breakpoint
CREATE TRIGGER report_events_no_truncate BEFORE TRUNCATE ON report_events FOR EACH STATEMENT EXECUTE FUNCTION report_append_only();
--> statement-breakpoint
CREATE TRIGGER report_comments_no_truncate BEFORE TRUNCATE ON report_comments FOR EACH STATEMENT EXECUTE FUNCTION report_append_only();
--> statement-breakpoint
CREATE FUNCTION report_versions_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'report versions are kept (TRUNCATE refused)' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER report_versions_no_truncate BEFORE TRUNCATE ON report_versions FOR EACH STATEMENT EXECUTE FUNCTION report_versions_kept();
--> statement-breakpoint
ALTER TABLE report_versions ADD CONSTRAINT report_versions_status_check CHECK (status IN ('draft', 'in_review', 'approved', 'submitted'));
--> statement-breakpoint
CREATE FUNCTION report_versions_born_draft() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM 'draft' THEN
    RAISE EXCEPTION 'a report version is written as a draft (not %)', NEW.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_versions_born_draft BEFORE INSERT ON report_versions FOR EACH ROW EXECUTE FUNCTION report_versions_born_draft();
--> statement-breakpoint
ALTER TABLE report_events ADD CONSTRAINT report_events_step_check CHECK (
  action IN ('generate', 'send_to_review', 'return_to_draft', 'approve', 'submit') AND status IN ('draft', 'in_review', 'approved', 'submitted'));
