// Why: a KoboToolbox XLSX puts each repeat group (the victims, the perpetrators of one submission) on its
// own sheet, joined to the main sheet on _index / _parent_index. Each sheet used here fills one entry of
// the record per row of the group.
import { useTranslation } from 'react-i18next';
import { REPEAT_FIELDS } from '../../../../src/shared/import.ts';
import type { ImportDetail, RepeatField } from '../../../../src/shared/import.ts';
import type { MappingDraft } from '../../importMapping.ts';

const NOT_IN_FILE = '';

export function RepeatSheets({ detail, draft, onChange }: { detail: ImportDetail; draft: MappingDraft; onChange: (next: MappingDraft) => void }) {
  const { t } = useTranslation();
  const sheets = detail.profile.sheets;
  if (sheets.length === 0) return null;
  const hasIndex = detail.columns.includes('_index');
  const setColumns = (sheet: string, columns: Partial<Record<RepeatField, string>> | null) => {
    const rest = draft.repeats.filter((r) => r.sheet !== sheet);
    onChange({ ...draft, repeats: columns ? [...rest, { sheet, columns }] : rest });
  };
  return (
    <fieldset className="section repeat-sheets" data-testid="repeat-sheets">
      <legend>{t('import.repeats.title')}</legend>
      <p className="hint">{t('import.repeats.hint')}</p>
      {!hasIndex && <p className="note">{t('import.repeats.noIndex')}</p>}
      {hasIndex && sheets.map((s) => {
        const used = draft.repeats.find((r) => r.sheet === s.name);
        const joinable = s.columns.includes('_parent_index');
        const id = `repeat-${s.name.replace(/[^\w-]/g, '_')}`;
        return (
          <div key={s.name} className="repeat-sheet">
            <div className="checkbox">
              <input type="checkbox" id={id} disabled={!joinable} checked={used !== undefined} onChange={(e) => setColumns(s.name, e.target.checked ? {} : null)} data-testid={id} />
              <label htmlFor={id}>{t('import.repeats.use', { sheet: s.name, rows: s.rows })}</label>
            </div>
            {!joinable && <p className="hint">{t('import.repeats.noParent', { sheet: s.name })}</p>}
            {used && (
              <div className="grid wide">
                {REPEAT_FIELDS.map((f) => (
                  <div key={f} className="field">
                    <label htmlFor={`${id}-${f}`}>{t(`importFields.${f}`)}</label>
                    <select
                      id={`${id}-${f}`}
                      value={used.columns[f] ?? NOT_IN_FILE}
                      onChange={(e) => {
                        const next = { ...used.columns };
                        if (e.target.value === NOT_IN_FILE) delete next[f];
                        else next[f] = e.target.value;
                        setColumns(s.name, next);
                      }}
                    >
                      <option value={NOT_IN_FILE}>{t('import.columns.notInFile')}</option>
                      {s.columns.map((c) => <option key={c} value={c}>{c}</option>)}
                    </select>
                  </div>
                ))}
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
