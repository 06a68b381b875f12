// Why: event exports mix many kinds of events; only some rows are incidents of sexual violence. A row
// filter ("import only rows where sub_event_type is Sexual violence") leaves the others out - counted, never
// reported as thousands of errors.
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import type { MappingDraft } from '../../importMapping.ts';
import { useCount } from './ImportParts.tsx';
import { useDebounced } from '../../debounce.ts';

interface Props { importId: string; columns: readonly string[]; draft: MappingDraft; onChange: (next: MappingDraft) => void }

export function RowFilters({ importId, columns, draft, onChange }: Props) {
  const { t } = useTranslation();
  const set = (filters: MappingDraft['filters']) => onChange({ ...draft, filters });
  return (
    <fieldset className="section row-filters" data-testid="row-filters">
      <legend>{t('import.filters.title')}</legend>
      <p className="hint">{t('import.filters.hint')}</p>
      {draft.filters.length === 0 && <p>{t('import.filters.all')}</p>}
      {draft.filters.map((f, k) => (
        <Filter key={k} index={k} importId={importId} columns={columns} filter={f}
          onChange={(next) => set(next ? draft.filters.map((x, j) => (j === k ? next : x)) : draft.filters.filter((_, j) => j !== k))} />
      ))}
      {draft.filters.length < 5 && (
        <button type="button" className="secondary" onClick={() => set([...draft.filters, { column: columns[0] ?? '', values: [] }])} data-testid="add-filter">{t('import.filters.add')}</button>
      )}
    </fieldset>
  );
}

function Filter({ index, importId, columns, filter, onChange }: { index: number; importId: string; columns: readonly string[]; filter: MappingDraft['filters'][number]; onChange: (f: MappingDraft['filters'][number] | null) => void }) {
  const { t } = useTranslation();
  const count = useCount();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed);
  const values = useQuery({ queryKey: ['import-values', importId, filter.column, '', q, 0, 30], queryFn: () => api.importValues(importId, filter.column, { q, limit: 30 }), placeholderData: keepPreviousData });
  const id = `filter-${index}`;
  const toggle = (v: string, on: boolean) => onChange({ ...filter, values: on ? [...filter.values, v] : filter.values.filter((x) => x !== v) });
  return (
    <div className="row-filter">
      <div className="grid wide">
        <div className="field">
          <label htmlFor={`${id}-column`}>{t('import.filters.column')}</label>
          <select id={`${id}-column`} value={filter.column} onChange={(e) => onChange({ column: e.target.value, values: [] })} data-testid={`${id}-column`}>
            {columns.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('import.filters.search')}</label>
          <input id={`${id}-q`} type="search" dir="auto" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
      </div>
      <fieldset className="choice-group">
        <legend>{t('import.filters.isOneOf')}</legend>
        {(values.data?.items ?? []).map((v, i) => (
          <div key={v.value} className="checkbox">
            <input type="checkbox" id={`${id}-v${i}`} checked={filter.values.includes(v.value)} onChange={(e) => toggle(v.value, e.target.checked)} data-testid={`${id}-value`} />
            <label htmlFor={`${id}-v${i}`}><bdi dir="auto">{v.value}</bdi> <span className="muted">({count(v.rows)})</span></label>
          </div>
        ))}
        {filter.values.filter((v) => !(values.data?.items ?? []).some((x) => x.value === v)).map((v) => (
          <div key={v} className="checkbox">
            <input type="checkbox" id={`${id}-kept-${v}`} checked onChange={() => toggle(v, false)} />
            <label htmlFor={`${id}-kept-${v}`}><bdi dir="auto">{v}</bdi></label>
          </div>
        ))}
      </fieldset>
      {filter.values.length === 0 && <p className="field-error">{t('import.filters.none')}</p>}
      <button type="button" className="secondary" onClick={() => onChange(null)}>{t('import.filters.remove')}</button>
    </div>
  );
}
