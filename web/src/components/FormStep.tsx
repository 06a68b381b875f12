// Why: what each step of the incident form holds. Only the current step is on the page; the form's state
// keeps everything else, so moving between steps loses nothing.
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../src/shared/incident.ts';
import type { FieldIssue } from '../api.ts';
import type { FormState } from '../incidentForm.ts';
import { NARRATIVE_CEILING } from '../../../src/shared/organisation.ts';
import { useRules } from '../rules.ts';
import { canAssign, useMe } from '../session.tsx';
import { AssigneeFields } from './AssigneeFields.tsx';
import { ConsentFields } from './ConsentFields.tsx';
import { ContextFields } from './ContextFields.tsx';
import { DateFields } from './DateFields.tsx';
import { Hint } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';
import { NarrativeFields } from './NarrativeFields.tsx';
import { PerpetratorsFields } from './PerpetratorsFields.tsx';
import { PlaceFields } from './PlaceFields.tsx';
import { ReferralsFields } from './ReferralsFields.tsx';
import { ReviewSummary } from './ReviewSummary.tsx';
import { SourcesFields } from './SourcesFields.tsx';
import { SurvivorsFields } from './SurvivorsFields.tsx';
import { TallyInputs } from './TallyInputs.tsx';
import { VerificationFields } from './VerificationFields.tsx';
import { ViolationsFields } from './ViolationsFields.tsx';

interface Props {
  step: number;
  form: FormState;
  /** `path`: the field edited (its problems show from then on), or null. */
  set: (patch: Partial<FormState>, path: string | null) => void;
  errors: Errors;
  /** Every problem of the form (for the review's counts). */
  issues: readonly FieldIssue[];
  detail: IncidentDetail | undefined;
  onGo: (step: number) => void;
}

export function FormStep({ step, form, set, errors, issues, detail, onGo }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const rules = useRules();
  const erasedAt = detail?.erasedAt ?? null;
  const common = { form, errors };
  switch (step) {
    case 0:
      return (
        <>
          <DateFields {...common} set={set} />
          <PlaceFields {...common} set={set} erased={!!erasedAt} />
          <ContextFields {...common} set={set} />
        </>
      );
    case 1:
      return (
        <>
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
            >
              <div className="checkbox">
                <input type="checkbox" id="victim-count-unknown" checked={form.victimCountUnknown} onChange={(e) => set({ victimCountUnknown: e.target.checked }, 'victimCountUnknown')} data-testid="victimCountUnknown" />
                <label htmlFor="victim-count-unknown">{t('form.victimCountUnknown')}</label>
              </div>
            </TallyInputs>
          </div>
          <ViolationsFields {...common} onChange={(violations, path) => set({ violations }, path)} />
          <SurvivorsFields {...common} onChange={(survivors, path) => set({ survivors }, path)} erased={!!erasedAt} />
        </>
      );
    case 2:
      return <PerpetratorsFields {...common} onChange={(perpetrators, path) => set({ perpetrators }, path)} />;
    case 3:
      return <SourcesFields {...common} onChange={(sources, path) => set({ sources }, path)} />;
    case 4:
      return (
        <>
          <ConsentFields {...common} set={set} />
          <ReferralsFields {...common} onChange={(referrals, path) => set({ referrals }, path)} />
        </>
      );
    default:
      return (
        <>
          <NarrativeFields {...common} set={set} erasedAt={erasedAt} max={rules.data?.narrativeMaxLength ?? NARRATIVE_CEILING} />
          <VerificationFields {...common} set={set} detail={detail} rules={rules.data} />
          {canAssign(me.user.role) && <AssigneeFields {...common} set={set} />}
          <ReviewSummary form={form} issues={issues} onGo={onGo} />
        </>
      );
  }
}
