// Why: mappings saved by name for the whole organisation, so the next export of the same KoboToolbox form
// is mapped in one step. Loading one keeps only the columns this file has, and says which it dropped.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportField, ImportMapping } from '../../../../src/shared/import.ts';
import { api } from '../../api.ts';
import { applySaved, toMapping } from '../../importMapping.ts';
import type { MappingDraft } from '../../importMapping.ts';
import { ImportError } from './ImportParts.tsx';

interface Props { draft: MappingDraft; columns: readonly string[]; onLoad: (next: MappingDraft) => void }

export function SavedMappings({ draft, columns, onLoad }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const saved = useQuery({ queryKey: ['import-mappings'], queryFn: api.listImportMappings });
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [nameMissing, setNameMissing] = useState(false);
  const [message, setMessage] = useState('');
  const [dropped, setDropped] = useState<[ImportField, string][]>([]);
  const mapping = toMapping(draft);
  const save = useMutation({
    mutationFn: (m: ImportMapping) => api.saveImportMapping(name.trim(), m),
    onSuccess: (m) => {
      setMessage(t('import.saved.savedAs', { name: m.name }));
      void qc.invalidateQueries({ queryKey: ['import-mappings'] });
    },
  });
  const items = saved.data?.items ?? [];
  const canSave = mapping !== null;

  return (
    <fieldset className="section saved-mappings" data-testid="saved-mappings">
      <legend>{t('import.saved.title')}</legend>
      <div className="saved-grid">
        <div className="field">
          <label htmlFor="saved-mapping">{t('import.saved.load')}</label>
          <div className="inline-control">
            <select id="saved-mapping" value={chosen} onChange={(e) => setChosen(e.target.value)} disabled={items.length === 0}>
              <option value="">{items.length === 0 ? t('import.saved.none') : t('import.saved.choose')}</option>
              {items.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
            </select>
            <button
              type="button"
              className="secondary"
              disabled={!chosen}
              onClick={() => {
                const m = items.find((i) => i.id === chosen);
                if (!m) return;
                const applied = applySaved(m.mapping, columns);
                setDropped(applied.dropped);
                setMessage(t('import.saved.loaded', { name: m.name }));
                onLoad(applied.draft);
              }}
            >
              {t('import.saved.apply')}
            </button>
          </div>
        </div>
        <div className="field">
          <label htmlFor="save-mapping-name">{t('import.saved.saveAs')}</label>
          <div className="inline-control">
            <input
              id="save-mapping-name"
              type="text"
              dir="auto"
              maxLength={100}
              autoComplete="off"
              value={name}
              onChange={(e) => { setName(e.target.value); setNameMissing(false); }}
              aria-invalid={nameMissing || undefined}
              aria-describedby={nameMissing ? 'save-mapping-name-error' : 'save-mapping-name-hint'}
            />
            <button
              type="button"
              className="secondary"
              disabled={save.isPending || !canSave}
              onClick={() => {
                if (!name.trim()) { setNameMissing(true); return; }
                if (mapping) save.mutate(mapping);
              }}
            >
              {t('import.saved.save')}
            </button>
          </div>
          {nameMissing
            ? <p className="field-error" id="save-mapping-name-error">{t('import.saved.nameRequired')}</p>
            : <p className="hint" id="save-mapping-name-hint">{t('import.saved.saveHint')}</p>}
        </div>
      </div>
      {saved.isError && <ImportError error={saved.error} />}
      {save.isError && <ImportError error={save.error} />}
      <div role="status" className="saved-status">
        {message && <p className="saved-message">{message}</p>}
        {dropped.length > 0 && (
          <p className="saved-dropped">
            {t('import.saved.dropped')}{' '}
            {dropped.map(([f, c]) => `${t(`importFields.${f}`)} (${c})`).join(', ')}
          </p>
        )}
      </div>
    </fieldset>
  );
}
