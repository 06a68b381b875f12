// Why: real files name several actors or sources in one row, each in its own columns (actor1, actor2,
// assoc_actor_1...). Each group of columns added here becomes one more perpetrator or source of the record.
import { useTranslation } from 'react-i18next';
import { PERPETRATOR_PARTS, SOURCE_PARTS } from '../../../../src/shared/import.ts';
import type { PerpetratorPart, SourcePart } from '../../../../src/shared/import.ts';
import type { MappingDraft } from '../../importMapping.ts';

const NOT_IN_FILE = '';
type Kind = 'perpetrators' | 'sources';
const PARTS = { perpetrators: Object.keys(PERPETRATOR_PARTS) as PerpetratorPart[], sources: Object.keys(SOURCE_PARTS) as SourcePart[] };

export function MoreColumns({ kind, columns, draft, onChange }: { kind: Kind; columns: readonly string[]; draft: MappingDraft; onChange: (next: MappingDraft) => void }) {
  const { t } = useTranslation();
  const groups = draft.more[kind] as Partial<Record<string, string>>[];
  const set = (next: Partial<Record<string, string>>[]) => onChange({ ...draft, more: { ...draft.more, [kind]: next } });
  return (
    <fieldset className="section more-columns" data-testid={`more-${kind}`}>
      <legend>{t(`import.more.${kind}`)}</legend>
      <p className="hint">{t(kind === 'perpetrators' ? 'import.more.perpetratorsHint' : 'import.more.sourcesHint')}</p>
      {groups.map((g, k) => (
        <div key={k} className="more-group">
          <h4>{t(kind === 'perpetrators' ? 'import.more.perpetratorN' : 'import.more.sourceN', { n: k + 2 })}</h4>
          <div className="grid wide">
            {PARTS[kind].map((part) => {
              const id = `more-${kind}-${k}-${part}`;
              return (
                <div key={part} className="field">
                  <label htmlFor={id}>{t(`import.more.parts.${part}`)}</label>
                  <select
                    id={id}
                    value={g[part] ?? NOT_IN_FILE}
                    onChange={(e) => {
                      const next = { ...g };
                      if (e.target.value === NOT_IN_FILE) delete next[part];
                      else next[part] = e.target.value;
                      set(groups.map((x, j) => (j === k ? next : x)));
                    }}
                    data-testid={id}
                  >
                    <option value={NOT_IN_FILE}>{t('import.columns.notInFile')}</option>
                    {columns.map((c) => <option key={c} value={c}>{c}</option>)}
                  </select>
                </div>
              );
            })}
          </div>
          <button type="button" className="secondary" onClick={() => set(groups.filter((_, j) => j !== k))}>{t('import.more.remove')}</button>
        </div>
      ))}
      {groups.length < 9 && (
        <button type="button" className="secondary" onClick={() => set([...groups, {}])} data-testid={`add-${kind}`}>
          {t(kind === 'perpetrators' ? 'import.more.addPerpetrator' : 'import.more.addSource')}
        </button>
      )}
    </fieldset>
  );
}
