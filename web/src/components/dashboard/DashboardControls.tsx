// Why: the dashboard's and the map's choices (what is counted, which records, which date places a record in a
// period, the period, country and form), each written to the URL by the page; protected figures follow fixed
// tables, so there only "figures for" (the organisation, or publication outside it) is a choice.
import { useTranslation } from 'react-i18next';
import { STAT_DATE_BASES, STAT_STATUS_SCOPES, STAT_UNITS } from '../../../../src/shared/stats.ts';
import { SV_FORMS } from '../../../../src/shared/taxonomy.ts';
import type { SvForm } from '../../../../src/shared/taxonomy.ts';
import { DEFAULT_DASHBOARD, type DashboardState } from '../../dashboardQuery.ts';
import { countryName, formLabel } from '../../format.ts';
import { usePlaceCountries } from '../../places.ts';
import { DateControl } from '../DateControl.tsx';

interface Props {
  state: DashboardState;
  onChange: (patch: Partial<DashboardState>) => void;
  /** Units the page offers (the protected map counts violations or victims). */
  units?: readonly DashboardState['unit'][];
}

const isForm = (v: string): v is SvForm => SV_FORMS.some((f) => f === v);

export function DashboardControls({ state, onChange, units = STAT_UNITS }: Props) {
  const { t } = useTranslation();
  const offered = usePlaceCountries();
  const countries = state.country && !offered.includes(state.country) ? [...offered, state.country] : offered;
  const restricted = state.view === 'restricted';
  return (
    <form className="filters dashboard-controls" aria-label={t('dashboard.controls.title')} onSubmit={(e) => e.preventDefault()} data-testid="dashboard-controls">
      <div className="filter-grid">
        {(restricted || units !== STAT_UNITS) && (
          <div className="field">
            <label htmlFor="dash-unit">{t('dashboard.controls.unit')}</label>
            <select id="dash-unit" value={state.unit} onChange={(e) => onChange({ unit: units.find((u) => u === e.target.value) ?? state.unit })}>
              {units.map((u) => <option key={u} value={u}>{t(`dashboard.controls.units.${u}`)}</option>)}
            </select>
          </div>
        )}
        {restricted && (
          <>
            <fieldset className="choice-group">
              <legend>{t('dashboard.controls.records')}</legend>
              <div className="radio-row">
                {STAT_STATUS_SCOPES.map((r) => (
                  <div className="checkbox" key={r}>
                    <input type="radio" id={`dash-records-${r}`} name="dash-records" checked={state.records === r} onChange={() => onChange({ records: r })} />
                    <label htmlFor={`dash-records-${r}`}>{t(`dashboard.controls.recordsChoice.${r}`)}</label>
                  </div>
                ))}
              </div>
            </fieldset>
            <div className="field">
              <label htmlFor="dash-date">{t('dashboard.controls.date')}</label>
              <select id="dash-date" value={state.date} onChange={(e) => onChange({ date: STAT_DATE_BASES.find((d) => d === e.target.value) ?? state.date })}>
                {STAT_DATE_BASES.map((d) => <option key={d} value={d}>{t(`dashboard.controls.dates.${d}`)}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="dash-from">{t('dashboard.controls.from')}</label>
              <DateControl id="dash-from" value={state.from} max={state.to || undefined} onChange={(from) => onChange({ from })} />
            </div>
            <div className="field">
              <label htmlFor="dash-to">{t('dashboard.controls.to')}</label>
              <DateControl id="dash-to" value={state.to} min={state.from || undefined} onChange={(to) => onChange({ to })} />
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor="dash-country">{t('dashboard.controls.country')}</label>
          <select id="dash-country" value={state.country} onChange={(e) => onChange({ country: e.target.value })}>
            <option value="">{t('dashboard.controls.anyCountry')}</option>
            {countries.map((c) => <option key={c} value={c}>{countryName(t, c)}</option>)}
          </select>
        </div>
        {restricted && (
          <div className="field">
            <label htmlFor="dash-form">{t('dashboard.controls.form')}</label>
            <select id="dash-form" value={state.form} onChange={(e) => onChange({ form: isForm(e.target.value) ? e.target.value : '' })}>
              <option value="">{t('dashboard.controls.anyForm')}</option>
              {SV_FORMS.map((f) => <option key={f} value={f}>{formLabel(t, f)}</option>)}
            </select>
          </div>
        )}
      </div>
      <div className="filter-actions">
        {!restricted && <p className="hint">{t('dashboard.controls.protectedFixed')}</p>}
        <button type="button" className="secondary" onClick={() => onChange({ ...DEFAULT_DASHBOARD, view: state.view })} data-testid="dashboard-clear">
          {t('dashboard.controls.clear')}
        </button>
      </div>
    </form>
  );
}
