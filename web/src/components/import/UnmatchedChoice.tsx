// Why: one choice per coded field for every value that has no code of its own and is not recognised:
// reject their rows (the default), leave the field empty for all of them, or give all of them one code.
// Area names no list knows are kept as written by default (never forced to "ignore" or rejected).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CODED_FIELDS } from '../../../../src/shared/import.ts';
import type { CodedField } from '../../../../src/shared/import.ts';
import type { MappingDraft } from '../../importMapping.ts';
import { codeLabel } from './ImportParts.tsx';

const REJECT = '__reject';
const IGNORE = '__ignore';

export function UnmatchedChoice({ field, draft, onChange }: { field: CodedField; draft: MappingDraft; onChange: (next: MappingDraft) => void }) {
  const { t } = useTranslation();
  const id = useId();
  // Consent is given value by value: for all the others, only the most protective scope is offered.
  const list = field === 'consent' ? (['agency_only'] as const) : CODED_FIELDS[field];
  const current = draft.unmatched[field];
  const set = (v: string | undefined) => {
    const unmatched = { ...draft.unmatched };
    if (v === undefined) delete unmatched[field];
    else unmatched[field] = v;
    onChange({ ...draft, unmatched });
  };
  const area = field === 'admin1' || field === 'admin2';
  // Countries and areas take typed codes: "leave empty" is the one field-wide choice offered for them.
  if (!list && !area) return null;
  return (
    <div className="field unmatched-choice">
      <label htmlFor={id}>{t('import.unmatched.label')}</label>
      <select
        id={id}
        value={current === undefined ? REJECT : current === '' ? IGNORE : current}
        onChange={(e) => set(e.target.value === REJECT ? undefined : e.target.value === IGNORE ? '' : e.target.value)}
        data-testid={`unmatched-${field}`}
      >
        <option value={REJECT}>{area ? t('import.unmatched.keepNames') : t('import.unmatched.reject')}</option>
        <option value={IGNORE}>{area ? t('import.unmatched.ignoreAreas') : t('import.unmatched.ignoreAll')}</option>
        {list && (
          <optgroup label={t('import.unmatched.mapAll')}>
            {list.map((code) => <option key={code} value={code}>{codeLabel(t, field, code)}</option>)}
          </optgroup>
        )}
      </select>
    </div>
  );
}
