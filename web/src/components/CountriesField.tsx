// Why: choosing one country or several (a party's countries, a filter) among every ISO 3166 country, named
// in the reader's language; chosen countries are listed with a button to take each one off.
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import isoCodes from 'i18n-iso-countries/codes.json' with { type: 'json' };
import { countryName } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';

/** Every ISO alpha-3 code, sorted by its name in the language. */
export function useCountryOptions(): { code: string; name: string }[] {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return useMemo(
    () => (isoCodes as [string, string, string, string][]).map(([, a3]) => ({ code: a3, name: countryName(t, a3) })).sort((a, b) => a.name.localeCompare(b.name, lang)),
    [t, lang],
  );
}

interface Props { id: string; label: string; value: readonly string[]; onChange: (codes: string[]) => void; hint?: string }

export function CountriesField({ id, label, value, onChange, hint }: Props) {
  const { t } = useTranslation();
  const options = useCountryOptions();
  const hintId = useId();
  return (
    <div className="field countries-field">
      <label htmlFor={id}>{label}</label>
      {value.length > 0 && (
        <ul className="chips" aria-label={label}>
          {value.map((code) => (
            <li key={code}>
              <span>{countryName(t, code)}</span>
              <button type="button" className="link-button" onClick={() => onChange(value.filter((c) => c !== code))}
                aria-label={t('parties.form.removeCountry', { country: countryName(t, code) })}>×</button>
            </li>
          ))}
        </ul>
      )}
      <select id={id} value="" aria-describedby={hint ? hintId : undefined} onChange={(e) => { if (e.target.value) onChange([...value, e.target.value]); }}>
        <option value="">{t('parties.form.addCountry')}</option>
        {options.filter((o) => !value.includes(o.code)).map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
      </select>
      {hint && <p className="hint" id={hintId}>{hint}</p>}
    </div>
  );
}
