// Why: a coordinator's own early-warning indicator: its name (and description) in the three languages, its
// category of the UN matrix, and its kind: observed (monitors record it) or computed from incidents, then with
// what it counts (incidents or victims, all allegations or verified ones, and which forms, settings, victims and
// parties' categories). Checked with the shared schema; refusals named by field.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAT_STATUS_SCOPES } from '../../../../src/shared/stats.ts';
import { PERPETRATOR_CATEGORIES, SETTINGS, SV_FORMS, VICTIM_CATEGORIES } from '../../../../src/shared/taxonomy.ts';
import { INDICATOR_CATEGORIES, INDICATOR_KINDS, IndicatorCreate, LANGUAGES, type Indicator, type IndicatorCategory, type IndicatorCount, type IndicatorKind } from '../../../../src/shared/warnings.ts';
import { formLabel, perpetratorCategoryLabel, settingLabel, victimLabel } from '../../format.ts';
import { categoryLabel, warningsApi } from '../../warnings.ts';
import { useCheckedForm } from '../formIssues.tsx';
import type { FormParts } from './formParts.ts';
import { WarningsForm } from './WarningsForm.tsx';

type Words = Record<(typeof LANGUAGES)[number], string>;
const NO_WORDS: Words = { en: '', fr: '', ar: '' };
const EMPTY_COUNT: IndicatorCount = { unit: 'incidents', records: 'reported', form: [], setting: [], victimCategory: [], partyCategory: [], party: [] };
const given = (w: Words) => Object.fromEntries(Object.entries(w).filter(([, v]) => v.trim() !== ''));

export function IndicatorForm({ onSaved, onCancel }: { onSaved: (i: Indicator) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [names, setNames] = useState<Words>(NO_WORDS);
  const [descriptions, setDescriptions] = useState<Words>(NO_WORDS);
  const [category, setCategory] = useState<IndicatorCategory | ''>('');
  const [kind, setKind] = useState<IndicatorKind>('observed');
  const [count, setCount] = useState<IndicatorCount>(EMPTY_COUNT);
  const value = { category: category || undefined, kind, name: given(names), description: given(descriptions), count: kind === 'computed' ? count : null };
  const form = useCheckedForm({ prefix: 'indicator', schema: IndicatorCreate, value, send: (body) => warningsApi.createIndicator(body), onSaved });
  return (
    <WarningsForm form={form} legend={t('warnings.indicators.new')} testId="indicator-form" send={{ label: t('warnings.indicators.save'), testId: 'save-indicator' }} onCancel={onCancel}>
      <p className="hint">{t('warnings.indicators.namesHint')}</p>
      <div className="grid">
        {LANGUAGES.map((l) => (
          <div className="field" key={l}>
            <label htmlFor={form.id(`name.${l}`)}>{t(`warnings.indicators.nameIn.${l}`)}</label>
            <input type="text" dir={l === 'ar' ? 'rtl' : 'ltr'} lang={l} maxLength={200} value={names[l]} onChange={(e) => setNames({ ...names, [l]: e.target.value })} {...form.props(`name.${l}`)} />
            {form.message(`name.${l}`)}
          </div>
        ))}
      </div>
      {form.message('name')}
      <div className="grid">
        {LANGUAGES.map((l) => (
          <div className="field" key={l}>
            <label htmlFor={form.id(`description.${l}`)}>{t(`warnings.indicators.descriptionIn.${l}`)} <span className="muted">({t('warnings.optional')})</span></label>
            <textarea rows={2} dir={l === 'ar' ? 'rtl' : 'ltr'} lang={l} maxLength={2000} value={descriptions[l]} onChange={(e) => setDescriptions({ ...descriptions, [l]: e.target.value })} {...form.props(`description.${l}`)} />
            {form.message(`description.${l}`)}
          </div>
        ))}
      </div>
      <div className="grid wide">
        <div className="field">
          <label htmlFor={form.id('category')}>{t('warnings.indicators.category')}</label>
          <select value={category} onChange={(e) => setCategory(e.target.value as IndicatorCategory | '')} {...form.props('category')}>
            <option value="">{t('commitments.form.choose')}</option>
            {INDICATOR_CATEGORIES.map((c) => <option key={c} value={c}>{categoryLabel(t, c)}</option>)}
          </select>
          {form.message('category')}
        </div>
        <fieldset className="field radio-row">
          <legend className="label">{t('warnings.indicators.kind')}</legend>
          <div className="choices">
            {INDICATOR_KINDS.map((k) => (
              <label key={k} className="checkbox">
                <input type="radio" name="indicator-kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`warnings.kinds.${k}`)}
              </label>
            ))}
          </div>
          <p className="hint">{t(`warnings.indicators.kindHint.${kind}`)}</p>
        </fieldset>
      </div>
      {kind === 'computed' && <CountFields form={form} value={count} onChange={setCount} />}
    </WarningsForm>
  );
}

/** What a computed indicator counts: the engine's counting rule and its filters (none ticked: all). */
function CountFields({ form, value, onChange }: { form: FormParts; value: IndicatorCount; onChange: (c: IndicatorCount) => void }) {
  const { t } = useTranslation();
  // Ticking a code adds it to its list, unticking takes it out (an empty list counts every value).
  const toggle = (key: 'form' | 'setting' | 'victimCategory' | 'partyCategory', code: string, on: boolean) => {
    const list: readonly string[] = value[key];
    onChange({ ...value, [key]: on ? [...list, code] : list.filter((c) => c !== code) });
  };
  const lists = [
    ['form', SV_FORMS, (c: string) => formLabel(t, c as (typeof SV_FORMS)[number])],
    ['setting', SETTINGS, (c: string) => settingLabel(t, c)],
    ['victimCategory', VICTIM_CATEGORIES, (c: string) => victimLabel(t, c as (typeof VICTIM_CATEGORIES)[number])],
    ['partyCategory', PERPETRATOR_CATEGORIES, (c: string) => perpetratorCategoryLabel(t, c as (typeof PERPETRATOR_CATEGORIES)[number])],
  ] as const;
  return (
    <fieldset className="section inner">
      <legend>{t('warnings.indicators.counts')}</legend>
      <div className="grid wide">
        <div className="field">
          <label htmlFor={form.id('count.unit')}>{t('warnings.indicators.unit')}</label>
          <select value={value.unit} onChange={(e) => onChange({ ...value, unit: e.target.value as IndicatorCount['unit'] })} {...form.props('count.unit')}>
            <option value="incidents">{t('warnings.indicators.units.incidents')}</option>
            <option value="victims">{t('warnings.indicators.units.victims')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={form.id('count.records')}>{t('warnings.indicators.records')}</label>
          <select value={value.records} onChange={(e) => onChange({ ...value, records: e.target.value as IndicatorCount['records'] })} {...form.props('count.records')}>
            {STAT_STATUS_SCOPES.map((s) => <option key={s} value={s}>{t(`warnings.indicators.recordsChoice.${s}`)}</option>)}
          </select>
        </div>
      </div>
      <p className="hint">{t('warnings.indicators.filtersHint')}</p>
      {lists.map(([key, codes, label]) => (
        <fieldset key={key} className="checks">
          <legend className="label">{t(`warnings.indicators.filters.${key}`)}</legend>
          <ul className="checkbox-list">
            {codes.map((c) => (
              <li key={c}><label className="checkbox">
                <input type="checkbox" checked={(value[key] as readonly string[]).includes(c)} onChange={(e) => toggle(key, c, e.target.checked)} /> {label(c)}
              </label></li>
            ))}
          </ul>
        </fieldset>
      ))}
    </fieldset>
  );
}
