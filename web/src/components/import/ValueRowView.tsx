// Why: one distinct value of a column in the values step: how many rows hold it, the code chosen for it
// (a list of the field's codes, or a typed code for countries and areas) and what it will become.
import { useTranslation } from 'react-i18next';
import type { CodedField } from '../../../../src/shared/import.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { extensibleListOf, withValue } from '../../importMapping.ts';
import type { MappingDraft, ValueOutcome } from '../../importMapping.ts';
import { ownChoices, useLookups } from '../../lookups.ts';
import type { CountryNames } from './countryNames.ts';
import { codeLabel, useCount } from './ImportParts.tsx';

const UNMAPPED = '__unmapped';
const IGNORE = '__ignore';

interface RowProps {
  field: CodedField;
  id: string;
  value: string;
  rows: number;
  outcome: ValueOutcome;
  rejected: boolean;
  countries: CountryNames | undefined;
  list: readonly string[] | null;
  draft: MappingDraft;
  onChange: (next: MappingDraft) => void;
}

export function ValueRowView({ field, id, value, rows, outcome, rejected, countries, list, draft, onChange }: RowProps) {
  const { t } = useTranslation();
  const count = useCount();
  const lang = currentLanguage();
  const extensible = extensibleListOf(field);
  const lookups = useLookups().data;
  const own = extensible ? ownChoices(t, lookups, extensible, outcome.kind === 'chosen' ? outcome.code : '', lang) : [];
  /** A code, '' to leave the field empty, undefined to drop the explicit choice. */
  const choose = (code: string | undefined) => onChange(withValue(draft, field, value, code));
  let result: string;
  switch (outcome.kind) {
    case 'unmapped': result = t('import.values.willReject', { rows: count(rows) }); break;
    case 'ignored': result = t('import.values.ignored'); break;
    case 'server': result = t(field === 'country' ? 'import.values.countryServer' : 'import.values.areaServer'); break;
    case 'recognised': case 'chosen': case 'fallback':
      if (rejected && (field === 'admin1' || field === 'admin2')) result = t('import.values.notAnArea', { rows: count(rows) });
      else if (rejected) result = t('import.values.notACountry', { rows: count(rows) });
      else if (field === 'country' && countries) result = `${countries.nameOf(outcome.code, lang)} (${outcome.code})`;
      else if (list) result = `${codeLabel(t, field, outcome.code)} – ${outcome.kind === 'recognised' ? t('import.values.recognised') : t('import.values.mapped')}`;
      else result = outcome.kind === 'recognised' ? t('import.values.recognised') : t('import.values.mapped');
      break;
  }
  const selected = outcome.kind === 'chosen' || outcome.kind === 'recognised' ? outcome.code : outcome.kind === 'ignored' && draft.values[field]?.[value] === '' ? IGNORE : UNMAPPED;
  return (
    <tr className={rejected ? 'rejecting' : undefined} data-testid={id}>
      <th scope="row"><bdi dir="auto" className="file-value">{value}</bdi></th>
      <td className="num">{count(rows)}</td>
      <td>
        <label htmlFor={id + '-code'} className="visually-hidden">{t('import.values.codeFor', { value })}</label>
        {list ? (
          <select
            id={id + '-code'}
            value={selected}
            onChange={(e) => {
              const v = e.target.value;
              choose(v === UNMAPPED ? undefined : v === IGNORE ? '' : v);
            }}
            aria-invalid={rejected || undefined}
            aria-describedby={`${id}-result`}
          >
            <option value={UNMAPPED}>{outcome.kind === 'fallback' || outcome.kind === 'ignored' ? t('import.unmatched.label') : t('import.values.unmapped')}</option>
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
                choose(v || undefined);
              }}
              aria-invalid={rejected || undefined}
              aria-describedby={`${id}-result`}
            />
            <div className="checkbox">
              <input type="checkbox" id={id + '-ignore'} checked={outcome.kind === 'ignored'} onChange={(e) => choose(e.target.checked ? '' : undefined)} />
              <label htmlFor={id + '-ignore'}>{t('import.values.ignoreShort')}<span className="visually-hidden"> ({value})</span></label>
            </div>
          </div>
        )}
      </td>
      <td id={`${id}-result`} className={rejected ? 'result rejecting' : 'result'}>{result}</td>
    </tr>
  );
}
