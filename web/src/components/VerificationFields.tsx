// Why: the Verification section of the entry form. The form only moves a record along while it waits
// (reported, pending); the decision itself - with its standard of proof and the sources it relied on - is
// recorded in the decision panel on the record's page, which this section hands over to. It also says what
// the organisation requires before the record can be verified, so nothing is missing when the time comes.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../src/shared/incident.ts';
import type { RecordingRules } from '../../../src/shared/organisation.ts';
import { DECIDED_STATUSES } from '../../../src/shared/taxonomy.ts';
import type { VerificationStatus } from '../../../src/shared/taxonomy.ts';
import { missingForVerification } from '../decision.ts';
import { statusLabel } from '../format.ts';
import { fieldId, toPayload } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import { controlProps, FieldError, Hint } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';
import { StatusBadge } from './StatusBadge.tsx';

interface Props {
  form: FormState;
  set: (patch: Partial<FormState>, path: string) => void;
  errors: Errors;
  /** The record being edited (absent while recording a new one). */
  detail: IncidentDetail | undefined;
  rules: RecordingRules | undefined;
}

const WAITING: readonly VerificationStatus[] = ['reported', 'pending'];
const isWaiting = (v: string): v is VerificationStatus => WAITING.some((s) => s === v);

export function VerificationFields({ form, set, errors, detail, rules }: Props) {
  const { t } = useTranslation();
  const decided = DECIDED_STATUSES.includes(form.status);
  const payload = toPayload(form) as { place: IncidentDetail['place']; sources: IncidentDetail['sources']; perpetrators: IncidentDetail['perpetrators'] };
  const missing = rules
    ? missingForVerification(t, { place: payload.place, sources: payload.sources, perpetrators: payload.perpetrators, narrative: form.narrative, verification: detail?.verification ?? { status: form.status } as IncidentDetail['verification'] }, rules)
    : [];
  return (
    <fieldset className="section" id={fieldId('verification')} tabIndex={-1}>
      <legend>{t('form.sectionVerification')}</legend>
      <FieldError path="verification" errors={errors} form={form} />
      {decided ? (
        <div className="field" data-testid="verification-handover">
          <p><StatusBadge status={form.status} /></p>
          <p className="note">{t('verify.panel.editHandOver')}</p>
          {detail && <p><Link to={`/incidents/${detail.id}#decision`}>{t('verify.panel.editOpenPanel')}</Link></p>}
        </div>
      ) : (
        <div className="field">
          <label htmlFor={fieldId('verification.status')}>{t('incident.status')}</label>
          <select value={form.status} onChange={(e) => { if (isWaiting(e.target.value)) set({ status: e.target.value, reason: '' }, 'verification.status'); }} {...controlProps('verification.status', errors, 'status-hint')}>
            {WAITING.map((s) => <option key={s} value={s}>{statusLabel(t, s)}</option>)}
          </select>
          <Hint id="status-hint">
            {t('verify.form.statusHandOver')}
            {detail && <> <Link to={`/incidents/${detail.id}#decision`}>{t('verify.panel.editOpenPanel')}</Link></>}
          </Hint>
          <FieldError path="verification.status" errors={errors} form={form} />
        </div>
      )}
      {!decided && missing.length > 0 && (
        <div className="note" data-testid="form-missing">
          <p>{t('verify.panel.missing')}</p>
          <ul>{missing.map((m) => <li key={m}>{m}</li>)}</ul>
        </div>
      )}
    </fieldset>
  );
}
