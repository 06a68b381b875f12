// Why: the one incident form used to create and to edit. It validates on every change with the shared
// `IncidentCreate` schema, shows each problem next to its field and in a summary, and shows server
// validation, permission and version-conflict answers the same way.
import { useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { IncidentCreate, IncidentDetail } from '../../../src/shared/incident.ts';
import { api, ApiRequestError } from '../api.ts';
import type { FieldIssue } from '../api.ts';
import { JUST_CREATED } from '../duplicates.ts';
import { buildCreate, buildPatch, emptyForm, fieldId, formFromDetail, validate } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import { canAssign, canDecideVerification, useMe } from '../session.tsx';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { AssigneeFields } from './AssigneeFields.tsx';
import { ConsentFields } from './ConsentFields.tsx';
import { ContextFields } from './ContextFields.tsx';
import { ErasedNotice } from './ErasedNotice.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { controlProps, FieldError, Hint, IdentifyingMark } from './FieldParts.tsx';
import { PlaceFields } from './PlaceFields.tsx';
import { TallyInputs } from './TallyInputs.tsx';
import { VerificationFields } from './VerificationFields.tsx';
import { ViolationsFields } from './ViolationsFields.tsx';

interface Props {
  /** The incident being edited; absent when creating. */
  detail?: IncidentDetail;
  /** Reloads the incident after a version conflict. */
  onReload?: () => void;
}

/** Whether two dotted paths are the same field or one contains the other. */
const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

function dedupe(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => !seen.has(`${i.field}\n${i.message}`) && !!seen.add(`${i.field}\n${i.message}`));
}

export function IncidentForm({ detail, onReload }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState<FormState>(() => (detail ? formFromDetail(detail) : emptyForm()));
  const [before] = useState<IncidentCreate | null>(() => (detail ? validate(formFromDetail(detail)).data : null));
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const validation = useMemo(() => validate(form), [form]);
  const assign = canAssign(me.user.role);
  const erasedAt = detail?.erasedAt ?? null;

  const set = (patch: Partial<FormState>, path: string) => {
    setForm((f) => ({ ...f, ...patch }));
    setTouched((prev) => new Set(prev).add(path));
    setServerIssues((list) => list.filter((i) => !related(i.field, path)));
  };

  const shown = (path: string) => submitted || [...touched].some((p) => p === path || p.startsWith(`${path}.`));
  const summaryIssues = submitted ? dedupe([...serverIssues, ...validation.issues]) : [];
  const errors = new Map<string, string[]>();
  for (const i of dedupe([...serverIssues, ...validation.issues.filter((v) => shown(v.field))])) {
    errors.set(i.field, [...(errors.get(i.field) ?? []), i.message]);
  }

  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());

  const save = useMutation({
    mutationFn: async (data: IncidentCreate): Promise<IncidentDetail> => {
      if (!detail) return api.createIncident(buildCreate(data, assign));
      const patch = buildPatch(before, data, detail.version, assign);
      if (Object.keys(patch).length === 1) return detail; // only `version`: nothing to save
      return api.patchIncident(detail.id, patch);
    },
    onSuccess: (saved) => {
      qc.setQueryData(['incident', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['incidents'] });
      void qc.invalidateQueries({ queryKey: ['history', saved.id] });
      // A new record's page checks at once whether the incident was already recorded (not after an edit).
      void navigate(`/incidents/${saved.id}`, detail ? undefined : { state: JUST_CREATED });
    },
    onError: (e) => {
      if (e instanceof ApiRequestError && e.code === 'validation_failed' && e.issues.length > 0) {
        setServerIssues(e.issues);
        focusSummary();
      } else {
        setFailure(e);
        requestAnimationFrame(() => document.getElementById('form-failure')?.focus());
      }
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setFailure(null);
    setServerIssues([]);
    if (!validation.data) focusSummary();
    else save.mutate(validation.data);
  };

  const conflict = failure instanceof ApiRequestError && failure.code === 'version_conflict';
  const today = new Date().toISOString().slice(0, 10);

  return (
    <form className="incident-form" onSubmit={onSubmit} noValidate data-testid="incident-form">
      <ErrorSummary issues={summaryIssues} form={form} ref={summaryRef} />
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

      <ConsentFields form={form} set={set} errors={errors} />

      <fieldset className="section" id={fieldId('date')} tabIndex={-1}>
        <legend>{t('form.sectionDate')}</legend>
        <div className="grid">
          <div className="field">
            <label htmlFor={fieldId('occurredFrom')}>{t('incident.occurredFrom')}</label>
            <input type="date" required max={today} value={form.occurredFrom} onChange={(e) => set({ occurredFrom: e.target.value }, 'occurredFrom')} {...controlProps('occurredFrom', errors)} />
            <FieldError path="occurredFrom" errors={errors} form={form} />
          </div>
          <div className="field">
            <label htmlFor={fieldId('occurredTo')}>{t('incident.occurredTo')}</label>
            <input type="date" min={form.occurredFrom || undefined} value={form.occurredTo} onChange={(e) => set({ occurredTo: e.target.value }, 'occurredTo')} {...controlProps('occurredTo', errors)} />
            <FieldError path="occurredTo" errors={errors} form={form} />
          </div>
        </div>
        <div className="checkbox">
          <input type="checkbox" checked={form.dateEstimated} onChange={(e) => set({ dateEstimated: e.target.checked }, 'dateEstimated')} {...controlProps('dateEstimated', errors)} />
          <label htmlFor={fieldId('dateEstimated')}>{t('incident.dateEstimated')}</label>
        </div>
        <FieldError path="dateEstimated" errors={errors} form={form} />
      </fieldset>

      <PlaceFields form={form} set={set} errors={errors} erased={!!erasedAt} />

      <ContextFields form={form} set={set} errors={errors} />

      <div className="section">
        <TallyInputs
          path="victims"
          legend={t('form.sectionVictims')}
          value={form.victims}
          onChange={(victims, path) => set({ victims }, path)}
          errors={errors}
          form={form}
          hintId="victims-hint"
          lead={<Hint id="victims-hint">{t('form.victimsHint')}</Hint>}
        />
      </div>

      <ViolationsFields form={form} onChange={(violations, path) => set({ violations }, path)} errors={errors} />

      <fieldset className="section">
        <legend>{t('form.sectionParty')}</legend>
        <div className="field">
          <label htmlFor={fieldId('perpetratorParty')}>{t('incident.perpetratorParty')}</label>
          <input type="text" dir="auto" maxLength={200} autoComplete="off" value={form.perpetratorParty} onChange={(e) => set({ perpetratorParty: e.target.value }, 'perpetratorParty')} {...controlProps('perpetratorParty', errors, 'party-hint')} />
          <Hint id="party-hint">{t('form.partyHint')}</Hint>
          <FieldError path="perpetratorParty" errors={errors} form={form} />
        </div>
      </fieldset>

      <VerificationFields
        form={form}
        set={set}
        errors={errors}
        canDecide={canDecideVerification(me.user.role)}
        ownRecord={!detail ? 'new' : detail.createdBy === me.user.id ? 'recorder' : null}
      />

      {assign && <AssigneeFields form={form} set={set} errors={errors} />}

      <fieldset className="section">
        <legend>{t('form.sectionNarrative')}</legend>
        {/* Erased on the survivor's request: the field is gone for good, the notice says so (the server refuses it too). */}
        {erasedAt ? <ErasedNotice erasedAt={erasedAt} inForm /> : <div className="field">
          <label htmlFor={fieldId('narrative')}>{t('incident.narrative')}<IdentifyingMark /></label>
          {/* spellCheck off: some browsers send text to an online spelling service. */}
          <textarea rows={8} dir="auto" spellCheck={false} autoComplete="off" value={form.narrative} onChange={(e) => set({ narrative: e.target.value }, 'narrative')} {...controlProps('narrative', errors, 'narrative-hint')} />
          <Hint id="narrative-hint">{t('form.narrativeHint')}</Hint>
          <FieldError path="narrative" errors={errors} form={form} />
        </div>}
      </fieldset>

      <div className="form-actions">
        <button type="submit" disabled={save.isPending} data-testid="save-incident">{save.isPending ? t('form.saving') : t('form.save')}</button>
        <Link className="button secondary" to={detail ? `/incidents/${detail.id}` : '/incidents'}>{t('form.cancel')}</Link>
      </div>
    </form>
  );
}
