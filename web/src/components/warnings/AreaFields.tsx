// Why: the area of an observation or a rule: a country, optionally a region (admin 1) and a district (admin 2)
// in it, picked from the same lists as the incident form (places.ts: the server's, the bundled ones meanwhile;
// codes stored, names in the reader's language). Where a country has no list, the area is typed as its code.
import { useTranslation } from 'react-i18next';
import { fieldLabel } from '../../../../src/shared/messages.ts';
import { countryName } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { translate } from '../../issues.ts';
import { admin1Of, admin2Of, areaLabel, hasAdmin2, usePlaceCountries, usePlaces } from '../../places.ts';
import type { FormParts } from './formParts.ts';

export interface AreaDraft { country: string; admin1: string; admin2: string }
export const EMPTY_AREA: AreaDraft = { country: '', admin1: '', admin2: '' };

/** The area as the contract takes it (empty levels left out). */
export const areaBody = (a: AreaDraft) => ({ country: a.country, admin1: a.admin1.trim() || null, admin2: a.admin2.trim() || null });

interface Props {
  form: FormParts;
  /** The area's path in the body ("area"). */
  path: string;
  value: AreaDraft;
  onChange: (value: AreaDraft) => void;
  /** Which levels may be chosen (a rule watching each district separately names no district). */
  levels?: 1 | 2;
  hint?: string;
}

export function AreaFields({ form, path, value, onChange, levels = 2, hint }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const countries = usePlaceCountries();
  const areas = usePlaces(value.country);
  const admin1 = admin1Of(areas, lang);
  const admin2 = value.admin1 ? admin2Of(areas, value.admin1, lang) : [];
  const offered = value.country && !countries.includes(value.country) ? [...countries, value.country] : countries;
  const p = (level: string) => `${path}.${level}`;
  // Named as the problems name them (the shared catalogue's field labels).
  const label = (level: string) => fieldLabel(translate(t), p(level));
  return (
    <div className="grid area-fields">
      <div className="field">
        <label htmlFor={form.id(p('country'))}>{label('country')}</label>
        <select value={value.country} onChange={(e) => onChange({ country: e.target.value, admin1: '', admin2: '' })} {...form.props(p('country'), hint ? `${form.id(path)}-hint` : undefined)}>
          <option value="">{t('form.chooseCountry')}</option>
          {offered.map((c) => <option key={c} value={c}>{countryName(t, c)}</option>)}
        </select>
        {hint && <p className="hint" id={`${form.id(path)}-hint`}>{hint}</p>}
        {form.message(p('country'))}
      </div>
      <div className="field">
        <label htmlFor={form.id(p('admin1'))}>{label('admin1')} <span className="muted">({t('warnings.optional')})</span></label>
        {admin1.length > 0 || !value.country ? (
          <select value={value.admin1} disabled={!value.country} onChange={(e) => onChange({ ...value, admin1: e.target.value, admin2: '' })} {...form.props(p('admin1'))}>
            <option value="">{value.country ? t('warnings.area.wholeCountry') : t('form.chooseCountryFirst')}</option>
            {admin1.map((a) => <option key={a.code} value={a.code}>{areaLabel(a, lang)}</option>)}
          </select>
        ) : (
          <input type="text" dir="auto" maxLength={60} value={value.admin1} onChange={(e) => onChange({ ...value, admin1: e.target.value })} {...form.props(p('admin1'))} />
        )}
        {form.message(p('admin1'))}
      </div>
      {levels === 2 && (
        <div className="field">
          <label htmlFor={form.id(p('admin2'))}>{label('admin2')} <span className="muted">({t('warnings.optional')})</span></label>
          {hasAdmin2(areas) || !value.admin1 ? (
            <select value={value.admin2} disabled={!value.admin1} onChange={(e) => onChange({ ...value, admin2: e.target.value })} {...form.props(p('admin2'))}>
              <option value="">{value.admin1 ? t('warnings.area.wholeRegion') : t('form.chooseAdmin1First')}</option>
              {admin2.map((a) => <option key={a.code} value={a.code}>{areaLabel(a, lang)}</option>)}
            </select>
          ) : (
            <input type="text" dir="auto" maxLength={60} value={value.admin2} onChange={(e) => onChange({ ...value, admin2: e.target.value })} {...form.props(p('admin2'))} />
          )}
          {form.message(p('admin2'))}
        </div>
      )}
    </div>
  );
}
