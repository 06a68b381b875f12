// Why: step 3 of the import wizard: for every mapped field that takes codes, the distinct values of each of
// its columns (searched and paged on the server, so every value is reachable), with how many rows hold each
// and the code each stands for: recognised when the value already is a code (or, for countries, a name the
// server knows), chosen by the user, or left empty on purpose. One choice per field covers every value
// without a code ("map all unmatched to ...", "ignore all unmatched"); otherwise such values reject their
// rows, except area names, which are kept as written. Settings and source types may also map to the
// organisation's own active values. Perpetrator party columns map values to registry parties (PartyValues.tsx).
import { useId } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CODED_FIELDS, MULTI_VALUE_FIELDS } from '../../../../src/shared/import.ts';
import type { CodedField, ImportDetail } from '../../../../src/shared/import.ts';
import { api } from '../../api.ts';
import { useAreaCodes } from '../../places.ts';
import { CODED_ORDER, columnsOf, isFreeCodeField, outcomeOf, partyColumnsOf } from '../../importMapping.ts';
import type { MappingDraft, ValueOutcome } from '../../importMapping.ts';
import { useCountryNames } from './countryNames.ts';
import type { CountryNames } from './countryNames.ts';
import { ImportError, StepHeading, useCount } from './ImportParts.tsx';
import { PartyValues } from './PartyValues.tsx';
import { UnmatchedChoice } from './UnmatchedChoice.tsx';
import { ValueRowView } from './ValueRowView.tsx';
import { PAGE, useValuesPaging, ValuesPager, ValuesSearch } from './ValuesPaging.tsx';

/** The summary reads this many of the most frequent values (all of them in every list seen in practice). */
const SUMMARY = 500;

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
  const fields = CODED_ORDER.filter((f) => columnsOf(f, draft).length > 0);
  const countries = useCountryNames(draft.columns.country !== undefined);
  // Codes typed for areas are checked at once against the areas of the file's countries (the default, and
  // those its country column names); the server checks each row against its own country again.
  const countryValues = useQuery({
    queryKey: ['import-values', detail.id, draft.columns.country ?? '', '', '', 0, SUMMARY],
    queryFn: () => api.importValues(detail.id, draft.columns.country!, { limit: SUMMARY }),
    enabled: draft.columns.country !== undefined,
  });
  const fileCountries = [
    ...(draft.defaults.country ? [draft.defaults.country] : []),
    ...(countries ? (countryValues.data?.items ?? []).map((v) => outcomeOf('country', v.value, draft, countries.codeOf)).flatMap((o) => ('code' in o ? [o.code] : [])) : []),
  ];
  const areaCodes = useAreaCodes(fileCountries);
  const areaCheck = (code: string, level: 1 | 2): boolean | null => (fileCountries.length === 0 ? null : areaCodes.get(code)?.level === level);
  return (
    <section aria-labelledby={headingId} className="import-step" data-testid="step-values">
      <StepHeading id={headingId} focus={focus}>{t('import.values.title')}</StepHeading>
      <p>{t('import.values.intro')}</p>
      {fields.length === 0 && partyColumnsOf(draft).length === 0 && <p className="empty">{t('import.values.noneMapped')}</p>}
      {fields.map((f) => (
        <section key={f} className="section field-values" data-testid={`values-${f}`}>
          <h3>{t(`importFields.${f}`)}</h3>
          {MULTI_VALUE_FIELDS.includes(f) && <p className="hint">{t('import.values.splitHint', { separator: t(`import.separators.${draft.separator}`) })}</p>}
          {isFreeCodeField(f) && <p className="hint">{t(f === 'country' ? 'import.values.countryHint' : 'import.values.areaHint')}</p>}
          <UnmatchedChoice field={f} draft={draft} onChange={onChange} />
          {columnsOf(f, draft).map(({ column }, k) => (
            <ColumnValues key={column} importId={detail.id} field={f} column={column} idPrefix={k === 0 ? `value-${f}` : `value-${f}-c${k}`} draft={draft} onChange={onChange} countries={countries} areaCheck={areaCheck} />
          ))}
        </section>
      ))}
      {partyColumnsOf(draft).length > 0 && <PartyValues importId={detail.id} draft={draft} onChange={onChange} />}
      <div className="form-actions step-actions">
        <button type="button" className="secondary" onClick={onBack}>{t('import.nav.backToColumns')}</button>
        <button type="button" onClick={onNext} data-testid="to-check">{t('import.nav.toCheck')}</button>
      </div>
    </section>
  );
}

interface ColumnProps {
  importId: string;
  field: CodedField;
  column: string;
  /** Ids of the value rows: the field's own column plainly (value-forms-0), further columns numbered. */
  idPrefix: string;
  draft: MappingDraft;
  onChange: (next: MappingDraft) => void;
  countries: CountryNames | undefined;
  /** Whether a code is an area of the file's countries at that level (null: nothing to check against yet). */
  areaCheck: (code: string, level: 1 | 2) => boolean | null;
}

/** Whether the rows holding this value will be rejected: nothing maps it, a typed country code is not one, or a typed area code is not an area of the file's countries. */
function rejects(field: CodedField, outcome: ValueOutcome, countries: CountryNames | undefined, areaCheck?: ColumnProps['areaCheck']): boolean {
  if (outcome.kind === 'unmapped') return true;
  if ((field === 'admin1' || field === 'admin2') && outcome.kind === 'chosen' && areaCheck) return areaCheck(outcome.code, field === 'admin1' ? 1 : 2) === false;
  return field === 'country' && (outcome.kind === 'chosen' || outcome.kind === 'fallback') && countries !== undefined && !countries.isCode(outcome.code);
}

function ColumnValues({ importId, field, column, idPrefix, draft, onChange, countries, areaCheck }: ColumnProps) {
  const { t } = useTranslation();
  const count = useCount();
  const titleId = useId();
  const { typed, search, q, offset, setOffset } = useValuesPaging();
  const split = MULTI_VALUE_FIELDS.includes(field) ? draft.separator : undefined;
  // Counted among the rows the row filter keeps: the values the import will read.
  const filters = draft.filters.filter((f) => f.values.length > 0);
  const filterKey = JSON.stringify(filters);
  const all = useQuery({ queryKey: ['import-values', importId, column, split ?? '', '', 0, SUMMARY, filterKey], queryFn: () => api.importValues(importId, column, { split, limit: SUMMARY, filters }) });
  // Each read decrypts and parses the file (and is audited): a short column is read once and paged here;
  // only a long one is searched and paged by the server.
  const local = all.data !== undefined && all.data.total <= PAGE;
  const remote = useQuery({
    queryKey: ['import-values', importId, column, split ?? '', q, offset, PAGE, filterKey],
    queryFn: () => api.importValues(importId, column, { q, split, offset, limit: PAGE, filters }),
    placeholderData: keepPreviousData,
    enabled: all.data !== undefined && !local,
  });
  const page = local ? { data: all.data, isPending: false } : remote;
  const outcome = (v: string) => outcomeOf(field, v, draft, countries?.codeOf);
  const rejecting = (all.data?.items ?? []).filter((r) => rejects(field, outcome(r.value), countries, areaCheck));
  const rejectedRows = rejecting.reduce((n, r) => n + r.rows, 0);
  const total = page.data?.total ?? 0;
  return (
    <div className="column-values" aria-labelledby={titleId}>
      <h4 id={titleId} className="column-name">{t('import.values.fromColumn')} <bdi dir="auto">{column}</bdi></h4>
      {all.isError && <ImportError error={all.error} onRetry={() => void all.refetch()} />}
      {all.data && (
        <>
          <p className={rejecting.length ? 'value-summary warn' : 'value-summary'} data-testid={`values-${field}-summary`}>
            {rejecting.length
              ? t('import.values.summaryRejecting', { values: count(all.data.total), unmapped: count(rejecting.length), rows: count(rejectedRows) })
              : t('import.values.summaryAll', { values: count(all.data.total) })}
          </p>
          {all.data.empty > 0 && <p className="hint">{t('import.values.emptyRows', { rows: count(all.data.empty) })}</p>}
        </>
      )}
      {(all.data?.total ?? 0) > PAGE && (
        <ValuesSearch id={`${titleId}-q`} column={column} value={typed} onSearch={search} testId={`values-${field}-search`} />
      )}
      {page.isPending && <p className="loading">{t('app.loading')}</p>}
      {page.data && page.data.items.length === 0 && q !== '' && <p className="empty">{t('import.paging.noMatch')}</p>}
      {page.data && page.data.items.length > 0 && (
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
              {page.data.items.map((r, i) => (
                <ValueRowView
                  key={r.value}
                  field={field}
                  id={`${idPrefix}-${offset + i}`}
                  value={r.value}
                  rows={r.rows}
                  outcome={outcome(r.value)}
                  rejected={rejects(field, outcome(r.value), countries, areaCheck)}
                  countries={countries}
                  list={CODED_FIELDS[field]}
                  draft={draft}
                  onChange={onChange}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ValuesPager offset={offset} total={total} onOffset={setOffset} testId={`values-${field}-pager`} />
    </div>
  );
}
