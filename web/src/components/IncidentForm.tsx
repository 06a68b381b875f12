// Why: the one incident form used to create and to edit, in steps. It validates on every change with the
// shared `IncidentCreate` schema and shows each problem next to its field; Next checks the current step and
// stays there with a focused summary while it has problems; recording checks everything and goes to the
// first step with a problem. Server validation, permission and version-conflict answers show the same way.
// A new incident is autosaved as a server-side draft (never in the browser); an edit is not.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { IncidentCreate, IncidentDetail } from '../../../src/shared/incident.ts';
import { api, ApiRequestError } from '../api.ts';
import type { FieldIssue } from '../api.ts';
import { useDraftAutosave } from '../drafts.ts';
import { focusTarget } from '../formLabels.ts';
import { issueRule, onePerField } from '../issues.ts';
import { firstStepWithIssue, issuesOfStep, LAST_STEP, stepOfPath, STEPS } from '../formSteps.ts';
import { buildCreate, buildPatch, emptyForm, formFromDetail, validate, withRules } from '../incidentForm.ts';
import { useRules } from '../rules.ts';
import type { FormState } from '../incidentForm.ts';
import { canAssign, useMe } from '../session.tsx';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { DraftStatusLine } from './Drafts.tsx';
import type { ResumedDraft } from './Drafts.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { savedState } from './SavedNotice.tsx';
import { FormStep } from './FormStep.tsx';
import { StepActions, StepHeading, StepList } from './FormStepper.tsx';

interface Props {
  /** The incident being edited; absent when creating. */
  detail?: IncidentDetail;
  /** Reloads the incident after a version conflict. */
  onReload?: () => void;
  /** New incidents: the draft this form saves to (a fresh id, or a resumed draft with its content and step). */
  draft?: { id: string; resumed?: ResumedDraft };
}

/** Whether two dotted paths are the same field or one contains the other. */
const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/** One problem per field: the server's (it saw the record as saved) before the browser's. */
const dedupe = (issues: FieldIssue[]): FieldIssue[] => onePerField(issues);

/** What to focus once the step on screen has rendered: its heading, the error summary, or a field's control. */
type FocusRequest = { target: 'heading' | 'summary' } | { target: 'field'; path: string };

export function IncidentForm({ detail, onReload, draft }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const resumed = draft?.resumed;
  const [form, setForm] = useState<FormState>(() => (detail ? formFromDetail(detail) : resumed?.form ?? emptyForm()));
  const [before] = useState<IncidentCreate | null>(() => (detail ? validate(formFromDetail(detail)).data : null));
  const [step, setStep] = useState(resumed?.step ?? 0);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  /** Steps whose problems are all shown (Next was tried there). */
  const [checked, setChecked] = useState<ReadonlySet<number>>(() => new Set());
  /** The step where Next was just refused: its summary shows until the user moves. */
  const [refused, setRefused] = useState<number | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [focus, setFocus] = useState<FocusRequest | null>(resumed ? { target: 'heading' } : null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const rules = useRules();
  const validation = useMemo(() => withRules(validate(form), form, rules.data), [form, rules.data]);
  const autosave = useDraftAutosave({ id: detail ? null : draft?.id ?? null, form, step, exists: !!resumed });
  const assign = canAssign(me.user.role);

  useEffect(() => {
    if (!focus) return;
    const frame = requestAnimationFrame(() => {
      if (focus.target === 'summary') summaryRef.current?.focus();
      else if (focus.target === 'field') focusTarget(focus.path)?.focus();
      else {
        formRef.current?.scrollIntoView({ block: 'start' });
        headingRef.current?.focus({ preventScroll: true });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [focus]);

  const set = (patch: Partial<FormState>, path: string | null) => {
    setForm((f) => ({ ...f, ...patch }));
    if (path === null) return;
    setTouched((prev) => new Set(prev).add(path));
    setServerIssues((list) => list.filter((i) => !related(i.field, path)));
  };

  const allIssues = dedupe([...serverIssues, ...validation.issues]);
  const shown = (path: string) => submitted || checked.has(stepOfPath(path)) || [...touched].some((p) => p === path || p.startsWith(`${path}.`));
  const errors = new Map<string, string[]>();
  for (const i of dedupe([...serverIssues, ...validation.issues.filter((v) => shown(v.field))])) {
    errors.set(i.field, [...(errors.get(i.field) ?? []), issueRule(t, i)]);
  }
  const summaryIssues = submitted ? allIssues : refused === step ? issuesOfStep(validation.issues, step) : [];
  const flagged = new Set(allIssues.map((i) => stepOfPath(i.field)).filter((s) => submitted || checked.has(s)));

  const goTo = (n: number, then: FocusRequest = { target: 'heading' }) => {
    // The refused step's summary stays while the user follows its links on that step.
    if (n !== step) setRefused(null);
    setStep(n);
    setFocus(then);
  };

  const next = () => {
    if (issuesOfStep(validation.issues, step).length > 0) {
      setChecked((prev) => new Set(prev).add(step));
      setRefused(step);
      setFocus({ target: 'summary' });
      return;
    }
    goTo(Math.min(step + 1, LAST_STEP));
  };

  const save = useMutation({
    mutationFn: async (data: IncidentCreate): Promise<IncidentDetail> => {
      if (!detail) return api.createIncident(buildCreate(data, assign));
      const patch = buildPatch(before, data, detail.version, assign);
      if (Object.keys(patch).length === 1) return detail; // only `version`: nothing to save
      return api.patchIncident(detail.id, patch);
    },
    onSuccess: (saved) => {
      // Recorded: the draft has served its purpose (deleted in the background; the server purges any left over).
      if (!detail) void autosave.finish();
      qc.setQueryData(['incident', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['incidents'] });
      void qc.invalidateQueries({ queryKey: ['history', saved.id] });
      // A new record's page checks at once whether the incident was already recorded (not after an edit).
      // The record's page confirms what was saved (and a new one's page looks for duplicates at once).
      void navigate(`/incidents/${saved.id}`, { state: savedState(detail ? 'updated' : 'created') });
    },
    onError: (e) => {
      if (e instanceof ApiRequestError && e.code === 'validation_failed' && e.issues.length > 0) {
        setServerIssues(e.issues);
        goTo(firstStepWithIssue(e.issues) ?? step, { target: 'summary' });
      } else {
        setFailure(e);
        requestAnimationFrame(() => document.getElementById('form-failure')?.focus());
      }
    },
  });

  const record = () => {
    setSubmitted(true);
    setFailure(null);
    setServerIssues([]);
    if (validation.data) {
      save.mutate(validation.data);
      return;
    }
    goTo(firstStepWithIssue(validation.issues) ?? step, { target: 'summary' });
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // Which button: Enter in a field presses the first submit button, which is Next until the last step.
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    if (step < LAST_STEP && submitter?.dataset.action !== 'save') next();
    else record();
  };

  const conflict = failure instanceof ApiRequestError && failure.code === 'version_conflict';

  return (
    <form className="incident-form" onSubmit={onSubmit} noValidate data-testid="incident-form" ref={formRef} aria-labelledby="step-heading">
      <StepList step={step} onGo={(n) => goTo(n)} flagged={flagged} />
      <ErrorSummary
        issues={summaryIssues}
        form={form}
        ref={summaryRef}
        title={submitted ? undefined : t('form.summaryTitleStep')}
        onGo={(path) => goTo(stepOfPath(path), { target: 'field', path })}
      />
      {failure !== null && (
        <div id="form-failure" tabIndex={-1}>
          {conflict ? (
            <div className="alert error" role="alert">
              <p>{t('form.conflict')}</p>
              {onReload && <button type="button" onClick={onReload}>{t('form.conflictReload')}</button>}
            </div>
          ) : (
            <ApiErrorMessage error={failure} />
          )}
        </div>
      )}
      <StepHeading step={step} ref={headingRef} />
      <div className="step-body" data-step={STEPS[step]!.id}>
        <FormStep step={step} form={form} set={set} errors={errors} issues={allIssues} detail={detail} onGo={(n) => goTo(n)} />
      </div>
      <StepActions
        step={step}
        onBack={() => goTo(Math.max(step - 1, 0))}
        editing={!!detail}
        saving={save.isPending}
        cancelTo={detail ? `/incidents/${detail.id}` : '/incidents'}
        status={detail ? undefined : <DraftStatusLine status={autosave.status} />}
      />
    </form>
  );
}
