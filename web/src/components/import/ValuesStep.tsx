// Why: step 3 of the import wizard: for every mapped field that takes codes, the column's distinct values
// with how many rows hold each, and the code each stands for: recognised when the value already is a code
// (or, for countries, a name the server knows), chosen by the user, or left empty on purpose. A value with
// none rejects its rows, and says how many. Settings and source types may also map to the organisation's own
// active values.
import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CODED_FIELDS, MULTI_VALUE_FIELDS } from '../../../../src/shared/import.ts';
import type { CodedField, ImportDetail } from '../../../../src/shared/import.ts';
import { api } from '../../api.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { CODED_ORDER, emptyRows, extensibleListOf, isFreeCodeField, outcomeOf, valueRows, withValue } from '../../importMapping.ts';
import type { MappingDraft, ValueOutcome } from '../../importMapping.ts';
import { ownChoices, useLookups } from '../../lookups.ts';
import { useCountryNames } from './countryNames.ts';
import type { CountryNames } from './countryNames.ts';
import { codeLabel, ImportError, StepHeading, useCount } from './ImportParts.tsx';

const UNMAPPED = '__unmapped';
const IGNORE = '__ignore';

interface Props {
  focus: boolean;
  detail: ImportDetail;
  draft: MappingDraft;
  onChange: (next: MappingDraft) => void;
  onBack: () => void;
  onNext: () => void;
}

export function ValuesStep({ focus, detail, draft, onChange, onBack, onNext }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  const fields = CODED_ORDER.filter((f) => draft.columns[f] !== undefined);
  const countries = useCountryNames(draft.columns.country !== undefined);
  return (
    <section aria-labelledby={headingId} className="import-step" data-testid="step-values">
      <StepHeading id={headingId} focus={focus}>{t('import.values.title')}</StepHeading>
      <p>{t('import.values.intro')}</p>
      {fields.length === 0 && <p className="empty">{t('import.values.noneMapped')}</p>}
      {fields.map((f) => (
        <FieldValues key={f} importId={detail.id} field={f} column={draft.columns[f]!} draft={draft} onChange={onChange} countries={countries} />
      ))}
      <div className="form-actions step-actions">
        <button type="button" className="secondary" onClick={onBack}>{t('import.nav.backToColumns')}</button>
        <button type="button" onClick={onNext} data-testid="to-check">{t('import.nav.toCheck')}</button>
      </div>
    </section>
  );
}

interface FieldProps {
  importId: string;
  field: CodedField;
  column: string;
  draft: MappingDraft;
  onChange: (next: MappingDraft) => void;
  countries: CountryNames | undefined;
}

function FieldValues({ importId, field, column, draft, onChange, countries }: FieldProps) {
  const { t } = useTranslation();
  const count = useCount();
  const titleId = useId();
  const values = useQuery({ queryKey: ['import-values', importId, column], queryFn: () => api.importValues(importId, column) });
  const rows = values.data ? valueRows(field, values.data.items, draft.separator) : [];
  const outcomes = rows.map((r) => outcomeOf(field, r.value, draft, countries?.codeOf));
  const rejecting = rows.filter((r, i) => rejects(field, outcomes[i]!, countries));
  const rejectedRows = rejecting.reduce((n, r) => n + r.rows, 0);
  // Long lists (a country per row) can be narrowed to the values still without a code. The set is taken when
  // the box is ticked, so a value does not vanish from under the cursor once it gets its code.
  const [narrowedTo, setNarrowedTo] = useState<ReadonlySet<string> | null>(null);
  const shown = narrowedTo ? rows.filter((r) => narrowedTo.has(r.value)) : rows;
  return (
    <section className="section field-values" aria-labelledby={titleId} data-testid={`values-${field}`}>
      <h3 id={titleId}>
        {t(`import.fields.${field}`)} <span className="column-name">{t('import.values.fromColumn')} <bdi dir="auto">{column}</bdi></span>
      </h3>
      {values.isPending && <p className="loading">{t('app.loading')}</p>}
      {values.isError && <ImportError error={values.error} onRetry={() => void values.refetch()} />}
      {values.data && (
        <>
          <p className={rejecting.length ? 'value-summary warn' : 'value-summary'} data-testid={`values-${field}-summary`}>
            {rejecting.length
              ? t('import.values.summaryRejecting', { values: count(rows.length), unmapped: count(rejecting.length), rows: count(rejectedRows) })
              : t('import.values.summaryAll', { values: count(rows.length) })}
          </p>
          {MULTI_VALUE_FIELDS.includes(field) && <p className="hint">{t('import.values.splitHint', { separator: t(`import.separators.${draft.separator}`) })}</p>}
          {emptyRows(values.data.items) > 0 && <p className="hint">{t('import.values.emptyRows', { rows: count(emptyRows(values.data.items)) })}</p>}
          {values.data.truncated && <p className="hint">{t('import.values.truncated', { shown: count(values.data.items.length) })}</p>}
          {isFreeCodeField(field) && <p className="hint">{t(field === 'country' ? 'import.values.countryHint' : 'import.values.areaHint')}</p>}
          {rows.length > 10 && (rejecting.length > 0 || narrowedTo) && (
            <div className="checkbox">
              <input
                type="checkbox"
                id={`only-missing-${field}`}
                checked={narrowedTo !== null}
                onChange={(e) => setNarrowedTo(e.target.checked ? new Set(rejecting.map((r) => r.value)) : null)}
              />
              <label htmlFor={`only-missing-${field}`}>{t('import.values.onlyMissing')}</label>
            </div>
          )}
          {rows.length > 0 && (
            <div className="table-wrap">
              <table className="values-table">
                <thead>
                  <tr>
                    <th scope="col">{t('import.values.value')}</th>
                    <th scope="col" className="num">{t('import.values.rows')}</th>
                    <th scope="col">{t('import.values.code')}</th>
                    <th scope="col">{t('import.values.result')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r) => (
                    <ValueRowView
                      key={r.value}
                      field={field}
                      index={rows.indexOf(r)}
                      value={r.value}
                      rows={r.rows}
                      outcome={outcomes[rows.indexOf(r)]!}
                      countries={countries}
                      onChoose={(code) => onChange(withValue(draft, field, r.value, code))}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** Whether the rows holding this value will be rejected: nothing maps it, or a typed country code is not one. */
function rejects(field: CodedField, outcome: ValueOutcome, countries: CountryNames | undefined): boolean {
  if (outcome.kind === 'unmapped') return true;
  return field === 'country' && outcome.kind === 'chosen' && countries !== undefined && !countries.isCode(outcome.code);
}

interface RowProps {
  field: CodedField;
  index: number;
  value: string;
  rows: number;
  outcome: ValueOutcome;
  countries: CountryNames | undefined;
  /** A code, '' to leave the field empty, undefined to drop the explicit choice. */
  onChoose: (code: string | undefined) => void;
}

function ValueRowView({ field, index, value, rows, outcome, countries, onChoose }: RowProps) {
  const { t } = useTranslation();
  const count = useCount();
  const lang = currentLanguage();
  const id = `value-${field}-${index}`;
  const rejected = rejects(field, outcome, countries);
  const list = CODED_FIELDS[field];
  const extensible = extensibleListOf(field);
  const lookups = useLookups().data;
  const own = extensible ? ownChoices(t, lookups, extensible, outcome.kind === 'chosen' ? outcome.code : '', lang) : [];
  let result: string;
  switch (outcome.kind) {
    case 'unmapped': result = t('import.values.willReject', { rows: count(rows) }); break;
    case 'ignored': result = t('import.values.ignored'); break;
    case 'server': result = t(field === 'country' ? 'import.values.countryServer' : 'import.values.areaServer'); break;
    case 'recognised': case 'chosen':
      if (rejected) result = t('import.values.notACountry', { rows: count(rows) });
      else if (field === 'country' && countries) result = `${countries.nameOf(outcome.code, lang)} (${outcome.code})`;
      else result = outcome.kind === 'recognised' ? t('import.values.recognised') : t('import.values.mapped');
      break;
  }
  return (
    <tr className={rejected ? 'rejecting' : undefined} data-testid={id}>
      <th scope="row"><bdi dir="auto" className="file-value">{value}</bdi></th>
      <td className="num">{count(rows)}</td>
      <td>
        <label htmlFor={id + '-code'} className="visually-hidden">{t('import.values.codeFor', { value })}</label>
        {list ? (
          <select
            id={id + '-code'}
            value={outcome.kind === 'unmapped' ? UNMAPPED : outcome.kind === 'ignored' ? IGNORE : outcome.kind === 'server' ? UNMAPPED : outcome.code}
            onChange={(e) => {
              const v = e.target.value;
              onChoose(v === UNMAPPED ? undefined : v === IGNORE ? '' : v);
            }}
            aria-invalid={rejected || undefined}
            aria-describedby={`${id}-result`}
          >
            <option value={UNMAPPED}>{t('import.values.unmapped')}</option>
            <option value={IGNORE}>{t('import.values.ignore')}</option>
            {list.map((code) => <option key={code} value={code}>{codeLabel(t, field, code)}</option>)}
            {own.length > 0 && (
              <optgroup label={t('lookups.ownValues')}>
                {own.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
              </optgroup>
            )}
          </select>
        ) : (
          <div className="free-code">
            <input
              id={id + '-code'}
              type="text"
              dir="ltr"
              className="code-text"
              maxLength={100}
              autoComplete="off"
              spellCheck={false}
              placeholder={outcome.kind === 'recognised' ? outcome.code : ''}
              value={outcome.kind === 'chosen' ? outcome.code : ''}
              disabled={outcome.kind === 'ignored'}
              onChange={(e) => {
                const v = field === 'country' ? e.target.value.trim().toUpperCase() : e.target.value.trim();
                onChoose(v || undefined);
              }}
              aria-invalid={rejected || undefined}
              aria-describedby={`${id}-result`}
            />
            <div className="checkbox">
              <input type="checkbox" id={id + '-ignore'} checked={outcome.kind === 'ignored'} onChange={(e) => onChoose(e.target.checked ? '' : undefined)} />
              <label htmlFor={id + '-ignore'}>{t('import.values.ignoreShort')}<span className="visually-hidden"> ({value})</span></label>
            </div>
          </div>
        )}
      </td>
      <td id={`${id}-result`} className={rejected ? 'result rejecting' : 'result'}>{result}</td>
    </tr>
  );
}
