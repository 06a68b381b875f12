// Why: merging a duplicate of the organisation's own into the party it duplicates (confirmed in place: what
// moves, that it can be undone), and the party's merges with an Undo for the one that can still be undone
// (everything it moved goes back, or nothing if something changed since).
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PartyDetail, PartyMerge } from '../../../src/shared/parties.ts';
import { timestamp } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { partiesApi, partyErrorText, refreshParties } from '../parties.ts';
import { DangerPanel } from './DangerPanel.tsx';
import { PartyPicker, type PartyChoice } from './PartyPicker.tsx';

export function PartyMergePanel({ party, onDone }: { party: PartyDetail; onDone: (status: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const opener = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [into, setInto] = useState<PartyChoice | null>(null);
  const mayMerge = party.scope === 'own' && !party.mergedInto;
  const merge = useMutation({
    mutationFn: () => partiesApi.merge(party.id, into?.kind === 'party' ? into.party.id : ''),
    onSuccess: async (m) => {
      setOpen(false);
      await refreshParties(qc);
      onDone(t('parties.merge.done', { from: m.from.name, into: m.into.name }));
    },
  });
  const undo = useMutation({
    mutationFn: (m: PartyMerge) => partiesApi.undoMerge(m.id),
    onSuccess: async (m) => {
      await refreshParties(qc);
      onDone(t('parties.merge.undone', { from: m.from.name }));
      if (m.into.id === party.id) void navigate(`/parties/${m.from.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (into?.kind === 'party') merge.mutate();
  };
  if (!mayMerge && party.merges.length === 0) return null;

  return (
    <section className="panel" aria-labelledby="party-merges" data-testid="party-merges">
      <h2 id="party-merges">{t('parties.merge.title')}</h2>
      {party.merges.length > 0 && (
        <ol className="plain merge-list">
          {party.merges.map((m) => (
            <li key={m.id} data-testid="party-merge">
              {t('parties.merge.entry', { from: m.from.name, into: m.into.name })}{' '}
              <span className="muted">{timestamp(m.mergedAt, currentLanguage())}</span>
              {m.undoneAt && <> <span className="badge">{t('parties.merge.undoneBadge')}</span></>}
              {m.from.id !== party.id && <> · <Link to={`/parties/${m.from.id}`}>{t('parties.merge.openMerged')}</Link></>}
              {!m.undoneAt && (
                <button type="button" className="secondary" onClick={() => undo.mutate(m)} disabled={undo.isPending} data-testid="merge-undo">
                  {undo.isPending ? t('parties.merge.undoing') : t('parties.merge.undo')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {undo.isError && <p className="alert error" role="alert">{partyErrorText(t, undo.error)}</p>}
      {mayMerge && (
        <DangerPanel id="party-merge" open={open} onOpen={() => setOpen(true)} onClose={() => { setOpen(false); opener.current?.focus(); }} openerRef={opener}
          openLabel={t('parties.merge.open')} title={t('parties.merge.panelTitle', { name: party.name })} onSubmit={submit} pending={merge.isPending}
          confirmLabel={t('parties.merge.confirm')} pendingLabel={t('parties.merge.merging')} cancelLabel={t('parties.cancel')}>
          <p>{t('parties.merge.explain')}</p>
          <PartyPicker id="merge-into" label={t('parties.merge.into')} value={into} onChange={setInto} excludeIds={[party.id]} />
          {merge.isError && <p className="alert error" role="alert">{partyErrorText(t, merge.error)}</p>}
          {open && into?.kind !== 'party' && merge.isIdle && <p className="hint">{t('parties.merge.chooseFirst')}</p>}
        </DangerPanel>
      )}
    </section>
  );
}
