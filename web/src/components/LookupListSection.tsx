// Why: one extensible list on the Lists page: its core values (read-only, translated), the organisation's
// own values in a table (code, labels in three languages, in use or retired) whose labels are changed in
// place and which are retired or reactivated (never deleted: records keep them), and the form that adds one.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { codeFromLabel, EXTENSIBLE_LISTS } from '../../../src/shared/lookup.ts';
import type { ExtensibleList, Lookup } from '../../../src/shared/lookup.ts';
import { api } from '../api.ts';
import { serviceLabel, settingLabel, sourceTypeLabel } from '../format.ts';
import { LOOKUPS_KEY } from '../lookups.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { LookupLabelsForm } from './LookupLabelsForm.tsx';

const CORE_LABEL = { setting: settingLabel, sourceType: sourceTypeLabel, service: serviceLabel } as const;
const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
/** A code that may wrap after its underscores (a long one would otherwise widen the table past a tablet's screen). */
const wrappable = (code: string) => code.split('_').map((part, i, all) => <span key={i}>{part}{i < all.length - 1 && <>_<wbr /></>}</span>);

export function LookupListSection({ list, items }: { list: ExtensibleList; items: readonly Lookup[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const own = items.filter((l) => l.list === list);
  const name = t(`lookups.lists.${list}`);
  const headingId = `list-${list}`;
  const refresh = () => qc.invalidateQueries({ queryKey: LOOKUPS_KEY });
  const toggle = useMutation({
    mutationFn: (l: Lookup) => api.updateLookup(l.id, { active: !l.active }),
    onSuccess: async (saved) => {
      await refresh();
      setStatus(t(saved.active ? 'lookups.reactivatedDone' : 'lookups.retiredDone', { code: saved.code }));
    },
  });
  const notTranslated = <span className="muted">{t('lookups.notTranslated')}</span>;
  /** The browser names a code that already exists before sending (the server would refuse it the same way). */
  const taken = (labels: { en: string }) => {
    const code = codeFromLabel(labels.en);
    return own.some((l) => l.code === code) ? [{ field: 'code', code: 'code_exists', params: { code } }] : [];
  };

  return (
    <section className="panel list-section" aria-labelledby={headingId} data-testid={`list-${list}`}>
      <h2 id={headingId}>{name}</h2>
      <p className="hint">{t(`lookups.listHints.${list}`)}</p>
      <h3 id={`${headingId}-core`}>{t('lookups.core')}</h3>
      <p className="hint">{t('lookups.coreHint')}</p>
      <ul className="core-values" aria-labelledby={`${headingId}-core`}>
        {EXTENSIBLE_LISTS[list].map((c) => <li key={c}>{CORE_LABEL[list](t, c)} <code dir="ltr">{c}</code></li>)}
      </ul>
      <h3 id={`${headingId}-own`}>{t('lookups.ownValues')}</h3>
      {own.length === 0 ? <p className="muted" data-testid={`own-${list}-none`}>{t('lookups.noneYet')}</p> : (
        <div className="table-wrap">
          <table className="lookup-table" aria-labelledby={`${headingId}-own`} data-testid={`own-${list}`}>
            <thead>
              <tr>
                <th scope="col">{t('lookups.col.code')}</th>
                <th scope="col">{t('lookups.col.en')}</th>
                <th scope="col">{t('lookups.col.fr')}</th>
                <th scope="col">{t('lookups.col.ar')}</th>
                <th scope="col">{t('lookups.col.status')}</th>
                <th scope="col">{t('lookups.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {own.map((l) => (editing === l.id ? (
                <tr key={l.id}>
                  <td colSpan={6}>
                    <LookupLabelsForm
                      idPrefix={`edit-${l.id}`}
                      legend={t('lookups.editTitle', { code: l.code })}
                      initial={{ en: l.labels.en, fr: l.labels.fr ?? '', ar: l.labels.ar ?? '' }}
                      code={l.code}
                      submitLabel={t('lookups.save')}
                      pendingLabel={t('lookups.saving')}
                      save={(labels) => api.updateLookup(l.id, { labels })}
                      onSaved={async (saved) => {
                        await refresh();
                        setEditing(null);
                        setStatus(t('lookups.saved', { code: saved.code }));
                        focusSoon(`edit-${l.id}`);
                      }}
                      onCancel={() => { setEditing(null); focusSoon(`edit-${l.id}`); }}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={l.id} data-testid={`own-${l.code}`} className={l.active ? undefined : 'retired'}>
                  <th scope="row"><code dir="ltr">{wrappable(l.code)}</code></th>
                  <td><span lang="en" dir="ltr">{l.labels.en}</span></td>
                  <td>{l.labels.fr ? <span lang="fr" dir="ltr">{l.labels.fr}</span> : notTranslated}</td>
                  <td>{l.labels.ar ? <span lang="ar" dir="rtl">{l.labels.ar}</span> : notTranslated}</td>
                  <td><span className={`badge ${l.active ? 'lookup-active' : 'lookup-retired'}`}>{t(l.active ? 'lookups.status.active' : 'lookups.status.retired')}</span></td>
                  <td>
                    <div className="row-actions">
                      <button type="button" className="secondary" id={`edit-${l.id}`} onClick={() => setEditing(l.id)}>
                        {t('lookups.edit')}<span className="visually-hidden"> – {l.code}</span>
                      </button>
                      <button type="button" className="secondary" disabled={toggle.isPending} onClick={() => toggle.mutate(l)} data-testid={`toggle-${l.code}`}>
                        {t(l.active ? 'lookups.retire' : 'lookups.reactivate')}<span className="visually-hidden"> – {l.code}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              )))}
            </tbody>
          </table>
        </div>
      )}
      {toggle.error !== null && <ApiErrorMessage error={toggle.error} />}
      <p role="status" className="list-status" data-testid={`status-${list}`}>{status}</p>
      <LookupLabelsForm
        idPrefix={`new-${list}`}
        legend={t('lookups.addTitle', { list: name })}
        code={codeFromLabel}
        extraIssues={taken}
        submitLabel={t('lookups.add')}
        pendingLabel={t('lookups.adding')}
        save={(labels) => api.createLookup({ list, labels })}
        onSaved={async (saved) => {
          await refresh();
          setStatus(t('lookups.added', { code: saved.code }));
        }}
      />
    </section>
  );
}
