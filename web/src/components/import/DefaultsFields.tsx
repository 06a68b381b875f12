// Why: what the import uses when a field has no column or a cell is empty (country, the survivors' consent,
// victims of unknown sex and age, form, status, source type, estimated dates), and how the file writes dates
// and several values in one cell. Consent starts at the most protective scope, as in the incident form.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_SCOPES, SOURCE_TYPES, SV_FORMS } from '../../../../src/shared/taxonomy.ts';
import type { SvForm } from '../../../../src/shared/taxonomy.ts';
import { IMPORT_STATUSES } from '../../../../src/shared/import.ts';
import { countryName, formLabel, sourceTypeLabel, statusLabel } from '../../format.ts';
import { DATE_ORDER_CHOICES, draftProblems, SEPARATOR_CHOICES, VICTIMS_SPLIT_CHOICES } from '../../importMapping.ts';
import type { DateOrder, DefaultsDraft, MappingDraft, Separator, VictimsSplit } from '../../importMapping.ts';
import { usePlaceCountries } from '../../places.ts';
import { ownChoices, useLookups } from '../../lookups.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { ORG_CODE } from '../../../../src/shared/lookup.ts';
import { ConsentChoices } from '../ConsentChoices.tsx';

const OTHER = 'other';
const isOneOf = <T extends string>(list: readonly T[], v: string): v is T => list.some((x) => x === v);

export function DefaultsFields({ draft, onChange }: { draft: MappingDraft; onChange: (next: MappingDraft) => void }) {
  const { t } = useTranslation();
  const ownSources = ownChoices(t, useLookups().data, 'sourceType', draft.defaults.sourceType, currentLanguage());
  const d = draft.defaults;
  const problems = draftProblems(draft);
  const countries = usePlaceCountries();
  // A country outside the list is typed as a code; the choice sticks while the code is being typed.
  const [otherChosen, setOtherChosen] = useState(false);
  const otherCountry = otherChosen || (d.country !== '' && !countries.includes(d.country));
  const set = (patch: Partial<DefaultsDraft>) => onChange({ ...draft, defaults: { ...d, ...patch } });
  const described = (hint: string | null, error: boolean, id: string) => [hint, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

  return (
    <fieldset className="section defaults" data-testid="defaults">
      <legend>{t('import.defaults.title')}</legend>
      <p className="hint">{t('import.defaults.intro')}</p>
      <div className="grid wide">
        <div className="field">
          <label htmlFor="default-country">{t('import.defaults.country')}</label>
          <select
            id="default-country"
            value={otherCountry ? OTHER : d.country}
            onChange={(e) => {
              const v = e.target.value;
              setOtherChosen(v === OTHER);
              set({ country: v === OTHER ? '' : v });
            }}
            data-testid="default-country"
          >
            <option value="">{t('import.defaults.noCountry')}</option>
            {countries.map((c) => <option key={c} value={c}>{countryName(t, c)}</option>)}
            <option value={OTHER}>{t('form.otherCountry')}</option>
          </select>
        </div>
        {otherCountry && (
          <div className="field">
            <label htmlFor="default-country-code">{t('form.otherCountryCode')}</label>
            <input
              id="default-country-code"
              type="text"
              dir="ltr"
              className="code-text"
              maxLength={3}
              autoComplete="off"
              spellCheck={false}
              value={d.country}
              onChange={(e) => { setOtherChosen(true); set({ country: e.target.value.toUpperCase() }); }}
              aria-invalid={problems.country ? true : undefined}
              aria-describedby={described('default-country-code-hint', Boolean(problems.country), 'default-country-code')}
            />
            <p className="hint" id="default-country-code-hint">{t('form.otherCountryHint')}</p>
            {problems.country && <p className="field-error" id="default-country-code-error">{t(`import.defaults.${problems.country}`)}</p>}
          </div>
        )}
        <div className="field">
          <label htmlFor="default-victims">{t('import.defaults.victimsUnknown')}</label>
          <input
            id="default-victims"
            type="number"
            inputMode="numeric"
            min={0}
            max={100000}
            step={1}
            value={d.victimsUnknown}
            onChange={(e) => set({ victimsUnknown: e.target.value })}
            aria-invalid={problems.victimsUnknown ? true : undefined}
            aria-describedby={described('default-victims-hint', Boolean(problems.victimsUnknown), 'default-victims')}
            data-testid="default-victims"
          />
          <p className="hint" id="default-victims-hint">{t('import.defaults.victimsHint')}</p>
          {problems.victimsUnknown && <p className="field-error" id="default-victims-error">{t(`import.defaults.${problems.victimsUnknown}`)}</p>}
        </div>
        <div className="field">
          <label htmlFor="default-form">{t('import.defaults.form')}</label>
          <select id="default-form" value={d.forms} onChange={(e) => set({ forms: isOneOf<SvForm>(SV_FORMS, e.target.value) ? e.target.value : '' })}>
            <option value="">{t('import.defaults.none')}</option>
            {SV_FORMS.map((f) => <option key={f} value={f}>{formLabel(t, f)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="default-status">{t('import.defaults.status')}</label>
          <select id="default-status" value={d.verificationStatus} onChange={(e) => set({ verificationStatus: isOneOf(IMPORT_STATUSES, e.target.value) ? e.target.value : '' })}>
            <option value="">{t('import.defaults.statusReported')}</option>
            {IMPORT_STATUSES.filter((s) => s !== 'reported').map((s) => <option key={s} value={s}>{statusLabel(t, s)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="default-source">{t('import.defaults.sourceType')}</label>
          <select id="default-source" value={d.sourceType} onChange={(e) => set({ sourceType: isOneOf(SOURCE_TYPES, e.target.value) || ORG_CODE.test(e.target.value) ? e.target.value : '' })}>
            <option value="">{t('import.defaults.none')}</option>
            {SOURCE_TYPES.map((s) => <option key={s} value={s}>{sourceTypeLabel(t, s)}</option>)}
            {ownSources.length > 0 && (
              <optgroup label={t('lookups.ownValues')}>
                {ownSources.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
              </optgroup>
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor="date-order">{t('import.dates.order')}</label>
          <select id="date-order" value={draft.dateOrder} onChange={(e) => onChange({ ...draft, dateOrder: e.target.value as DateOrder })} aria-describedby="date-order-hint" data-testid="date-order">
            {DATE_ORDER_CHOICES.map((f) => <option key={f} value={f}>{t(`import.dateOrders.${f}`)}</option>)}
          </select>
          <p className="hint" id="date-order-hint">{t('import.dates.orderHint')}</p>
        </div>
        <div className="field">
          <label htmlFor="victims-split">{t('import.split.label')}</label>
          <select id="victims-split" value={draft.victimsSplit} onChange={(e) => onChange({ ...draft, victimsSplit: e.target.value as VictimsSplit })} data-testid="victims-split">
            {VICTIMS_SPLIT_CHOICES.map((f) => <option key={f} value={f}>{t(`import.split.${f}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="separator">{t('import.defaults.separator')}</label>
          <select id="separator" value={draft.separator} onChange={(e) => onChange({ ...draft, separator: e.target.value as Separator })} aria-describedby="separator-hint" data-testid="separator">
            {SEPARATOR_CHOICES.map((s) => <option key={s} value={s}>{t(`import.separators.${s}`)}</option>)}
          </select>
          <p className="hint" id="separator-hint">{t('import.defaults.separatorHint')}</p>
        </div>
      </div>
      <div className="checkbox">
        <input type="checkbox" id="default-estimated" checked={d.dateEstimated} onChange={(e) => set({ dateEstimated: e.target.checked })} />
        <label htmlFor="default-estimated">{t('import.defaults.dateEstimated')}</label>
      </div>
      <fieldset className="choice-group default-consent">
        <legend>{t('import.defaults.consent')}</legend>
        <p className="hint" id="default-consent-hint">{t('import.defaults.consentHint')}</p>
        <ConsentChoices
          idPrefix="default-consent"
          scopes={CONSENT_SCOPES}
          value={d.consent}
          onChange={(consent) => set({ consent })}
          invalid={Boolean(problems.consent)}
          errorId="default-consent-error"
        />
        {problems.consent && <p className="field-error" id="default-consent-error">{t(`import.defaults.${problems.consent}`)}</p>}
      </fieldset>
    </fieldset>
  );
}
