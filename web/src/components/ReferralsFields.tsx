// Why: referrals to services (health, psychosocial, legal, safety, livelihood), each made only with the
// survivor's consent to that referral: "referred" and "received" need the consent box ticked (the shared
// schema says so, here and on the server).
import { useTranslation } from 'react-i18next';
import { REFERRAL_STATUSES, SERVICES } from '../../../src/shared/taxonomy.ts';
import { referralStatusLabel, serviceLabel } from '../format.ts';
import { emptyReferral } from '../formRows.ts';
import type { ReferralState } from '../formRows.ts';
import { currentLanguage } from '../i18n/index.ts';
import { fieldId } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import { ownChoices, useLookups } from '../lookups.ts';
import { CheckboxInput, DateInput, SelectInput, TextInput } from './Controls.tsx';
import { FieldError, Hint } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';
import { RepeatableRows } from './RepeatableRows.tsx';

interface Props {
  form: FormState;
  onChange: (referrals: ReferralState[], path: string | null) => void;
  errors: Errors;
}

export function ReferralsFields({ form, onChange, errors }: Props) {
  const { t } = useTranslation();
  const own = useLookups().data;
  const lang = currentLanguage();
  return (
    <fieldset className="section" id={fieldId('referrals')} tabIndex={-1} aria-describedby="referrals-hint" data-testid="referrals-fields">
      <legend>{t('incident.referrals')}</legend>
      <Hint id="referrals-hint">{t('referral.hint')}</Hint>
      <FieldError path="referrals" errors={errors} form={form} />
      <RepeatableRows
        name="referrals"
        rows={form.referrals}
        onChange={onChange}
        make={emptyReferral}
        first="service"
        legend={(n) => t('referral.entryN', { n })}
        addLabel={t('referral.add')}
        removeLabel={(n) => t('referral.remove', { n })}
        max={50}
        errors={errors}
        form={form}
      >
        {(row, path, update) => (
          <>
            <div className="grid">
              <SelectInput
                path={`${path}.service`}
                label={t('referral.service')}
                value={row.service}
                options={[{ value: '', label: t('form.choose') }, ...SERVICES.map((s) => ({ value: s, label: serviceLabel(t, s) }))]}
                groups={[{ label: t('lookups.ownValues'), options: ownChoices(t, own, 'service', row.service, lang) }]}
                onChange={(service) => update({ service }, 'service')}
                errors={errors}
              />
              <SelectInput
                path={`${path}.status`}
                label={t('referral.status')}
                value={row.status}
                options={REFERRAL_STATUSES.map((s) => ({ value: s, label: referralStatusLabel(t, s) }))}
                onChange={(status) => update({ status }, 'status')}
                errors={errors}
              />
              <DateInput path={`${path}.date`} label={t('referral.date')} value={row.date} onChange={(date) => update({ date }, 'date')} errors={errors} />
              <TextInput path={`${path}.provider`} label={t('referral.provider')} hint={t('referral.providerHint')} value={row.provider} onChange={(provider) => update({ provider }, 'provider')} errors={errors} />
            </div>
            <CheckboxInput path={`${path}.consented`} label={t('referral.consented')} checked={row.consented} onChange={(consented) => update({ consented }, 'consented')} errors={errors} />
          </>
        )}
      </RepeatableRows>
    </fieldset>
  );
}
