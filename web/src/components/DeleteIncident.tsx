// Why: soft deletion of an incident by a coordinator, confirmed in place (never window.confirm) with a
// required reason that is kept with the record. A version conflict asks to reload first; on success the
// list says which incident went.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail, IncidentList } from '../../../src/shared/incident.ts';
import { api, ApiRequestError } from '../api.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { ReasonField, reasonProblem as reasonBreaksRule } from './ReasonField.tsx';
import { DangerPanel, ReloadAlert } from './DangerPanel.tsx';

/** What the list page shows after a deletion (router location state; never stored elsewhere). */
export interface DeletedState { deleted: string }
export const isDeletedState = (s: unknown): s is DeletedState =>
  typeof s === 'object' && s !== null && typeof (s as { deleted?: unknown }).deleted === 'string';


/** The "Delete…" button and, once pressed, the confirmation panel (placed inside `.page-actions`). */
export function DeleteIncident({ d }: { d: IncidentDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const trimmed = reason.trim();
  const reasonProblem = reasonBreaksRule(reason);

  useEffect(() => { if (open) reasonRef.current?.focus(); }, [open]);

  const remove = useMutation({
    mutationFn: () => api.deleteIncident(d.id, { version: d.version, reason: trimmed }),
    onSuccess: async () => {
      // Cached lists drop the record at once (no flash of it on the way back), then refresh from the server.
      qc.setQueriesData<IncidentList>({ queryKey: ['incidents'] }, (old) => old && {
        ...old,
        items: old.items.filter((i) => i.id !== d.id),
        total: old.items.some((i) => i.id === d.id) ? Math.max(0, old.total - 1) : old.total,
      });
      void qc.invalidateQueries({ queryKey: ['incidents'] });
      const state: DeletedState = { deleted: d.reference };
      await Promise.resolve(navigate('/incidents', { state }));
      // Only once the page is gone: a mounted detail would fetch the record again (and get 404).
      qc.removeQueries({ queryKey: ['incident', d.id] });
      qc.removeQueries({ queryKey: ['history', d.id] });
    },
  });

  const close = () => {
    setOpen(false);
    setReason('');
    setTried(false);
    remove.reset();
    requestAnimationFrame(() => openerRef.current?.focus());
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (reasonProblem) reasonRef.current?.focus();
    else remove.mutate();
  };
  const error = remove.error;
  const conflict = error instanceof ApiRequestError && error.code === 'version_conflict';
  const invalid = (tried && reasonProblem) || (error instanceof ApiRequestError && error.code === 'validation_failed');

  return (
    <DangerPanel id="delete" open={open} onOpen={() => setOpen(true)} onClose={close} openerRef={openerRef}
      openLabel={t('delete.open')} title={t('delete.title', { reference: d.reference })} onSubmit={onSubmit}
      pending={remove.isPending} confirmLabel={t('delete.confirm')} pendingLabel={t('delete.deleting')} cancelLabel={t('delete.cancel')}>
      <p>{t('delete.explain')}</p>
      {error !== null && !invalid && (conflict
        ? <ReloadAlert message={t('delete.conflict')} reloadLabel={t('delete.reload')} onReload={() => { remove.reset(); void qc.invalidateQueries({ queryKey: ['incident', d.id] }); }} />
        : <ApiErrorMessage error={error} />)}
      <ReasonField id="delete-reason" label={t('delete.reason')} hint={t('delete.reasonHint')} inputRef={reasonRef}
        error={invalid ? t('delete.reasonRequired') : null} value={reason}
        onChange={(v) => { setReason(v); if (remove.isError) remove.reset(); }} />
    </DangerPanel>
  );
}
