// Why: step 2 of the import wizard: which column of the file fills each incident field, proposed from the
// headers and reviewed here one field at a time, with a few of the column's values beside each choice so the
// user sees what they picked; then the defaults and how the file writes dates and lists; saved mappings.
import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportDetail, ImportField } from '../../../../src/shared/import.ts';
import { api } from '../../api.ts';
import { FIELD_GROUPS, IDENTIFYING_FIELDS } from '../../importMapping.ts';
import type { MappingDraft } from '../../importMapping.ts';
import { DateHints } from './DateHints.tsx';
import { DefaultsFields } from './DefaultsFields.tsx';
import { EncodingPanel } from './EncodingPanel.tsx';
import { MoreColumns } from './MoreColumns.tsx';
import { RepeatSheets } from './RepeatSheets.tsx';
import { RowFilters } from './RowFilters.tsx';
import { StepHeading, useCount } from './ImportParts.tsx';
import { SavedMappings } from './SavedMappings.tsx';

const NOT_IN_FILE = '';

interface Props {
  focus: boolean;
  detail: ImportDetail;
  draft: MappingDraft;
  onChange: (next: MappingDraft) => void;
  onBack: () => void;
  onNext: () => void;
  /** The file was read again (another encoding): its columns and proposal are new. */
  onReread: (d: ImportDetail) => void;
}

export function ColumnsStep({ focus, detail, draft, onChange, onBack, onNext, onReread }: Props) {
  const { t } = useTranslation();
  const count = useCount();
  const headingId = useId();
  const setColumn = (field: ImportField, column: string) => {
    const columns = { ...draft.columns };
    if (column === NOT_IN_FILE) delete columns[field];
    else columns[field] = column;
    onChange({ ...draft, columns });
  };
  const mapped = Object.keys(draft.columns).length;
  return (
    <section aria-labelledby={headingId} className="import-step" data-testid="step-columns">
      <StepHeading id={headingId} focus={focus}>{t('import.columns.title')}</StepHeading>
      <p data-testid="file-summary">{t('import.columns.file', { name: detail.fileName, rows: count(detail.rows), columns: count(detail.columns.length) })}</p>
      <EncodingPanel detail={detail} onReread={onReread} />
      <p>{t('import.columns.intro')}</p>
      <SavedMappings draft={draft} columns={detail.columns} onLoad={onChange} />
      <p className="muted" role="status">{t('import.columns.mappedCount', { mapped: count(mapped), fields: count(FIELD_GROUPS.reduce((n, g) => n + g.fields.length, 0)) })}</p>
      <div className="map-groups">
        {FIELD_GROUPS.map(({ group, fields }) => (
          <fieldset key={group} className="section map-group" data-testid={`group-${group}`}>
            <legend>{t(`import.groups.${group}`)}</legend>
            {group === 'identifying' && <p className="hint">{t('import.columns.identifyingHint')}</p>}
            {fields.map((field) => (
              <ColumnRow key={field} importId={detail.id} field={field} columns={detail.columns} value={draft.columns[field] ?? NOT_IN_FILE} onChange={(c) => setColumn(field, c)} />
            ))}
            {group === 'when' && <DateHints detail={detail} draft={draft} onChange={onChange} />}
          </fieldset>
        ))}
      </div>
      <MoreColumns kind="perpetrators" columns={detail.columns} draft={draft} onChange={onChange} />
      <MoreColumns kind="sources" columns={detail.columns} draft={draft} onChange={onChange} />
      <RepeatSheets detail={detail} draft={draft} onChange={onChange} />
      <RowFilters importId={detail.id} columns={detail.columns} draft={draft} onChange={onChange} />
      <DefaultsFields draft={draft} onChange={onChange} />
      <div className="form-actions step-actions">
        <button type="button" className="secondary" onClick={onBack}>{t('import.nav.back')}</button>
        <button type="button" onClick={onNext} data-testid="to-values">{t('import.nav.toValues')}</button>
      </div>
    </section>
  );
}

interface RowProps { importId: string; field: ImportField; columns: readonly string[]; value: string; onChange: (column: string) => void }

function ColumnRow({ importId, field, columns, value, onChange }: RowProps) {
  const { t } = useTranslation();
  const id = `map-${field}`;
  return (
    <div className={`map-row${value ? ' mapped' : ''}`}>
      <label htmlFor={id}>{t(`importFields.${field}`)}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={value ? `${id}-samples` : undefined} data-testid={id}>
        <option value={NOT_IN_FILE}>{t('import.columns.notInFile')}</option>
        {columns.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
      <div className="samples" id={`${id}-samples`}>
        {value && (IDENTIFYING_FIELDS.has(field) ? <span className="muted">{t('import.columns.samplesHidden')}</span> : <Samples importId={importId} column={value} />)}
      </div>
    </div>
  );
}

/** The column's three most frequent values: enough to see whether the right column was picked. */
function Samples({ importId, column }: { importId: string; column: string }) {
  const { t } = useTranslation();
  const count = useCount();
  const values = useQuery({ queryKey: ['import-values', importId, column], queryFn: () => api.importValues(importId, column) });
  if (values.isPending) return <span className="muted">{t('app.loading')}</span>;
  if (values.isError) return <span className="muted">{t('import.columns.samplesFailed')}</span>;
  const shown = values.data.items.filter((i) => i.value.trim() !== '').slice(0, 3);
  if (shown.length === 0) return <span className="muted">{t('import.columns.allEmpty')}</span>;
  return (
    <span className="sample-list">
      <span className="visually-hidden">{t('import.columns.samples')} </span>
      {shown.map((s, i) => (
        <span key={s.value}>
          {i > 0 && ' · '}
          <bdi className="sample" dir="auto">{s.value.length > 40 ? `${s.value.slice(0, 40)}…` : s.value}</bdi>
          <span className="muted"> ({count(s.rows)})</span>
        </span>
      ))}
    </span>
  );
}
