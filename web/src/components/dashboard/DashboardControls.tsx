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
import { RadioChoice } from './RadioChoice.tsx';

interface Props {
  state: DashboardState;
  onChange: (patch: Partial<DashboardState>) => void;
  /** Units the page offers (the protected map counts violations or victims). */
  units?: readonly DashboardState['unit'][];
}

interface SelectProps<V extends string> { id: string; label: string; value: V; options: readonly { value: V; label: string }[]; onChange: (value: V) => void }

/** A labelled select over known values (a value the list does not have is never passed on). */
function Select<V extends string>({ id, label, value, options, onChange }: SelectProps<V>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => { const o = options.find((x) => x.value === e.target.value); if (o) onChange(o.value); }}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

export function DashboardControls({ state, onChange, units = STAT_UNITS }: Props) {
  const { t } = useTranslation();
  const offered = usePlaceCountries();
  const countries = state.country && !offered.includes(state.country) ? [...offered, state.country] : offered;
  const restricted = state.view === 'restricted';
  return (
    <form className="filters dashboard-controls" aria-label={t('dashboard.controls.title')} onSubmit={(e) => e.preventDefault()} data-testid="dashboard-controls">
      <div className="filter-grid">
        {(restricted || units !== STAT_UNITS) && (
          <Select id="dash-unit" label={t('dashboard.controls.unit')} value={state.unit} onChange={(unit) => onChange({ unit })}
            options={units.map((u) => ({ value: u, label: t(`dashboard.controls.units.${u}`) }))} />
        )}
        {restricted && (
          <>
            <RadioChoice
              name="dash-records" legend={t('dashboard.controls.records')} value={state.records} onChange={(records) => onChange({ records })}
              options={STAT_STATUS_SCOPES.map((r) => ({ value: r, label: t(`dashboard.controls.recordsChoice.${r}`) }))}
            />
            <Select id="dash-date" label={t('dashboard.controls.date')} value={state.date} onChange={(date) => onChange({ date })}
              options={STAT_DATE_BASES.map((d) => ({ value: d, label: t(`dashboard.controls.dates.${d}`) }))} />
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
        <Select id="dash-country" label={t('dashboard.controls.country')} value={state.country} onChange={(country) => onChange({ country })}
          options={[{ value: '', label: t('dashboard.controls.anyCountry') }, ...countries.map((c) => ({ value: c, label: countryName(t, c) }))]} />
        {restricted && (
          <Select<SvForm | ''> id="dash-form" label={t('dashboard.controls.form')} value={state.form} onChange={(form) => onChange({ form })}
            options={[{ value: '', label: t('dashboard.controls.anyForm') }, ...SV_FORMS.map((f) => ({ value: f, label: formLabel(t, f) }))]} />
        )}
      </div>
      <div className="filter-actions">
        {!restricted && <p className="hint">{t('dashboard.controls.protectedFixed')}</p>}
        <button type="button" className="secondary" onClick={() => onChange({ ...DEFAULT_DASHBOARD, view: state.view, points: state.points })} data-testid="dashboard-clear">
          {t('dashboard.controls.clear')}
        </button>
      </div>
    </form>
  );
}
