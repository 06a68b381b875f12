// Why: the Verification section. Decided statuses (verified, not verified, found not to have occurred) are
// coordinator decisions: other roles see them disabled with a hint. Four eyes: nobody decides a record they
// recorded (nor a new one), so those statuses are disabled there too. The server enforces the same rules.
import { useTranslation } from 'react-i18next';
import { DECIDED_STATUSES, NOT_VERIFIED_REASONS, VERIFICATION_STATUSES } from '../../../src/shared/taxonomy.ts';
import type { NotVerifiedReason, VerificationStatus } from '../../../src/shared/taxonomy.ts';
import { reasonLabel, statusLabel } from '../format.ts';
import { fieldId } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import { controlProps, FieldError, Hint } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';

interface Props {
  form: FormState;
  set: (patch: Partial<FormState>, path: string) => void;
  errors: Errors;
  canDecide: boolean;
  /** Four eyes: `new` while recording, `recorder` when editing a record the user recorded, else null. */
  ownRecord: 'new' | 'recorder' | null;
}

const isStatus = (v: string): v is VerificationStatus => VERIFICATION_STATUSES.some((s) => s === v);
const isReason = (v: string): v is NotVerifiedReason => NOT_VERIFIED_REASONS.some((r) => r === v);

export function VerificationFields({ form, set, errors, canDecide, ownRecord }: Props) {
  const { t } = useTranslation();
  const mayDecide = canDecide && ownRecord === null;
  // Coordinators are told about four eyes; other roles about coordinators (which also covers their own records).
  const hint = !canDecide ? t('form.decidedOnlyCoordinators')
    : ownRecord === 'new' ? t('form.fourEyesNew')
      : ownRecord === 'recorder' ? t('form.fourEyesRecorder') : null;
  const onStatus = (v: string) => {
    if (!isStatus(v)) return;
    set({ status: v, reason: v === 'not_verified' ? form.reason : '' }, 'verification.status');
  };
  return (
    <fieldset className="section" id={fieldId('verification')} tabIndex={-1}>
      <legend>{t('form.sectionVerification')}</legend>
      <FieldError path="verification" errors={errors} form={form} />
      <div className="grid wide">
        <div className="field">
          <label htmlFor={fieldId('verification.status')}>{t('incident.status')}</label>
          <select
            value={form.status}
            onChange={(e) => onStatus(e.target.value)}
            {...controlProps('verification.status', errors, hint ? 'status-hint' : undefined)}
          >
            {VERIFICATION_STATUSES.map((s) => (
              <option key={s} value={s} disabled={!mayDecide && DECIDED_STATUSES.includes(s) && s !== form.status}>
                {statusLabel(t, s)}
              </option>
            ))}
          </select>
          {hint && <Hint id="status-hint">{hint}</Hint>}
          <FieldError path="verification.status" errors={errors} form={form} />
        </div>
        {form.status === 'not_verified' && (
          <div className="field">
            <label htmlFor={fieldId('verification.notVerifiedReason')}>{t('incident.notVerifiedReason')}</label>
            <select
              value={form.reason}
              onChange={(e) => set({ reason: isReason(e.target.value) ? e.target.value : '' }, 'verification.notVerifiedReason')}
              {...controlProps('verification.notVerifiedReason', errors)}
            >
              <option value="">{t('form.chooseReason')}</option>
              {NOT_VERIFIED_REASONS.map((r) => <option key={r} value={r}>{reasonLabel(t, r)}</option>)}
            </select>
            <FieldError path="verification.notVerifiedReason" errors={errors} form={form} />
          </div>
        )}
      </div>
    </fieldset>
  );
}
