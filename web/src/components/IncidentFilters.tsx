// Why: the filter bar of the incident list. Every change is written to the URL query string by the page;
// the text filters (search, party, source organisation) wait for a pause in typing so the address bar is not
// rewritten on every key. The search is always in view; on a tablet the other filters fold behind a
// "Filters (n)" button counting those set, so the first screen shows records; the order is chosen beside it,
// since the table's headers are not shown there.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SV_FORMS, VERIFICATION_STATUSES, VICTIM_CATEGORIES } from '../../../src/shared/taxonomy.ts';
import type { SvForm, VictimCategory } from '../../../src/shared/taxonomy.ts';
import { countryName, formLabel, statusLabel, victimLabel } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { activeFilterCount } from '../listQuery.ts';
import type { ListFilters } from '../listQuery.ts';
import { useCompact } from '../media.ts';
import { DateControl } from './DateControl.tsx';
import { admin1Of, areaLabel, usePlaceCountries, usePlaces } from '../places.ts';
import { SortChoice } from './IncidentTable.tsx';

interface Props {
  filters: ListFilters;
  onChange: (patch: Partial<ListFilters>) => void;
  onClear: () => void;
}

const isForm = (v: string): v is SvForm => SV_FORMS.some((f) => f === v);

interface TextFilterProps {
  id: string;
  label: string;
  hint: string;
  maxLength: number;
  /** The value in the URL. */
  value: string;
  onCommit: (value: string) => void;
  className?: string;
}

/** A text filter that follows the URL, and writes to it after a pause in typing (or at once on Enter). */
function TextFilter({ id, label, hint, maxLength, value, onCommit, className }: TextFilterProps) {
  const [text, setText] = useState(value);
  // The latest callback, so a re-render of the list (a new callback) does not restart the pause.
  const commit = useRef(onCommit);
  commit.current = onCommit;
  // Follow the URL when it changes from elsewhere (back button, "clear filters").
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = window.setTimeout(() => commit.current(text), 400);
    return () => window.clearTimeout(timer);
  }, [text, value]);
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        dir="auto"
        maxLength={maxLength}
        autoComplete="off"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter') onCommit(text); }}
        aria-describedby={`${id}-hint`}
      />
      <p className="hint" id={`${id}-hint`}>{hint}</p>
    </div>
  );
}

export function IncidentFilters({ filters, onChange, onClear }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();

  const offered = usePlaceCountries();
  const countries = filters.country && !offered.includes(filters.country) ? [...offered, filters.country] : offered;
  const areas = usePlaces(filters.country);
  const admin1 = filters.country ? admin1Of(areas, lang) : [];
  const toggleStatus = (s: (typeof VERIFICATION_STATUSES)[number], on: boolean) =>
    onChange({ status: on ? [...filters.status, s] : filters.status.filter((x) => x !== s) });
  const toggleVictim = (c: VictimCategory, on: boolean) =>
    onChange({ victim: on ? [...filters.victim, c] : filters.victim.filter((x) => x !== c) });
  const compact = useCompact();
  const [open, setOpen] = useState(false);
  const active = activeFilterCount(filters);

  return (
    <form className="filters" role="search" aria-label={t('filters.title')} onSubmit={(e) => e.preventDefault()}>
      <div className="filter-bar">
        <TextFilter id="filter-q" className="search-field" label={t('filters.q')} hint={t('filters.qHint')} maxLength={100} value={filters.q} onCommit={(q) => onChange({ q })} />
        {compact && <SortChoice sort={filters.sort} onSort={(sort) => onChange({ sort })} />}
        {compact && (
          <button
            type="button"
            className={`secondary filters-toggle${active > 0 ? ' active' : ''}`}
            aria-expanded={open}
            aria-controls="filter-panel"
            onClick={() => setOpen((o) => !o)}
            data-testid="filters-toggle"
          >
            <span aria-hidden="true" className="disclosure-mark" />{t('filters.toggle', { count: active })}
          </button>
        )}
      </div>
      <div id="filter-panel" className="filter-panel" hidden={compact && !open} data-testid="filter-panel">
        <fieldset className="status-filter">
          <legend>{t('filters.status')}</legend>
          {VERIFICATION_STATUSES.map((s) => (
            <div className="checkbox" key={s}>
              <input id={`filter-status-${s}`} type="checkbox" checked={filters.status.includes(s)} onChange={(e) => toggleStatus(s, e.target.checked)} />
              <label htmlFor={`filter-status-${s}`}>{statusLabel(t, s)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset className="status-filter" data-testid="victim-filter">
          <legend>{t('filters.victim')}</legend>
          {VICTIM_CATEGORIES.map((c) => (
            <div className="checkbox" key={c}>
              <input id={`filter-victim-${c}`} type="checkbox" checked={filters.victim.includes(c)} onChange={(e) => toggleVictim(c, e.target.checked)} />
              <label htmlFor={`filter-victim-${c}`}>{victimLabel(t, c)}</label>
            </div>
          ))}
        </fieldset>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="filter-form">{t('filters.form')}</label>
            <select id="filter-form" value={filters.form} onChange={(e) => onChange({ form: isForm(e.target.value) ? e.target.value : '' })}>
              <option value="">{t('filters.anyForm')}</option>
              {SV_FORMS.map((f) => <option key={f} value={f}>{formLabel(t, f)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-country">{t('filters.country')}</label>
            <select id="filter-country" value={filters.country} onChange={(e) => onChange({ country: e.target.value, admin1: '' })}>
              <option value="">{t('filters.anyCountry')}</option>
              {countries.map((c) => <option key={c} value={c}>{countryName(t, c)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-admin1">{t('filters.admin1')}</label>
            <select id="filter-admin1" value={filters.admin1} disabled={admin1.length === 0} onChange={(e) => onChange({ admin1: e.target.value })}>
              <option value="">{t('filters.anyAdmin1')}</option>
              {admin1.map((a) => <option key={a.code} value={a.code}>{areaLabel(a, lang)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-from">{t('filters.from')}</label>
            <DateControl id="filter-from" value={filters.from} max={filters.to || undefined} onChange={(from) => onChange({ from })} />
          </div>
          <div className="field">
            <label htmlFor="filter-to">{t('filters.to')}</label>
            <DateControl id="filter-to" value={filters.to} min={filters.from || undefined} onChange={(to) => onChange({ to })} />
          </div>
          <TextFilter id="filter-party" label={t('filters.party')} hint={t('filters.partyHint')} maxLength={200} value={filters.party} onCommit={(party) => onChange({ party })} />
          <TextFilter id="filter-sourceOrg" label={t('filters.sourceOrg')} hint={t('filters.sourceOrgHint')} maxLength={200} value={filters.sourceOrg} onCommit={(sourceOrg) => onChange({ sourceOrg })} />
        </div>
        <div className="filter-actions">
          <div className="checkbox">
            <input id="filter-late" type="checkbox" checked={filters.late} onChange={(e) => onChange({ late: e.target.checked })} aria-describedby="filter-late-hint" />
            <label htmlFor="filter-late" title={t('late.full')}>{t('filters.lateOnly')}</label>
            <span className="visually-hidden" id="filter-late-hint">{t('late.full')}</span>
          </div>
          <button type="button" className="secondary" onClick={onClear}>{t('filters.clear')}</button>
        </div>
      </div>
    </form>
  );
}
