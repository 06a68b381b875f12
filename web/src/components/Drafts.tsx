// Why: drafts on the new-incident page: a discreet live line saying whether the form is saved as a draft,
// and the user's other unfinished incidents, each to resume (its content and step come back into the form)
// or to discard (after a confirmation: a draft can hold a survivor's account and cannot be recovered). The
// drafts wait behind one compact "Resume a draft (n)" button, so the form itself stays on the first screen.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DraftSummary } from '../../../src/shared/draft.ts';
import { api } from '../api.ts';
import { DRAFTS_KEY, useDraftList } from '../drafts.ts';
import type { DraftStatus } from '../drafts.ts';
import { clock, timestamp } from '../format.ts';
import { formFromDraft } from '../formDraft.ts';
import { clampStep, STEPS } from '../formSteps.ts';
import { currentLanguage } from '../i18n/index.ts';
import type { FormState } from '../incidentForm.ts';
import { apiErrorText } from './ApiErrorMessage.tsx';

export function DraftStatusLine({ status }: { status: DraftStatus }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const text = status.kind === 'saving' ? t('drafts.saving')
    : status.kind === 'saved' ? t('drafts.saved', { time: clock(status.at, lang) })
      : status.kind === 'error' ? t('drafts.notSaved', { reason: apiErrorText(t, status.error) }) : '';
  // Always in the page (empty at first) so screen readers announce its changes, politely.
  return <p className={`draft-status${status.kind === 'error' ? ' failed' : ''}`} role="status" data-testid="draft-status">{text}</p>;
}

export interface ResumedDraft { id: string; form: FormState; step: number }

interface ListProps {
  /** The draft being edited on this page: not offered. */
  current: string;
  onResume: (draft: ResumedDraft) => void;
}

export function DraftList({ current, onResume }: ListProps) {
  const { t } = useTranslation();
  const drafts = useDraftList();
  const [message, setMessage] = useState('');
  const [open, setOpen] = useState(false);
  const items = (drafts.data ?? []).filter((d) => d.id !== current);
  return (
    <>
      <div role="status" className="drafts-message">{message && <p className="alert success">{message}</p>}</div>
      {items.length > 0 && (
        <>
          <p className="drafts-bar">
            <button
              type="button"
              className="link-button drafts-toggle"
              aria-expanded={open}
              aria-controls="drafts-panel"
              onClick={() => setOpen((o) => !o)}
              data-testid="drafts-toggle"
            >
              <span aria-hidden="true" className="disclosure-mark" />
              {open ? t('drafts.hide') : t('drafts.resumeToggle', { count: items.length })}
            </button>
          </p>
          <section id="drafts-panel" className="panel drafts" aria-labelledby="drafts-title" hidden={!open} data-testid="drafts">
            <h2 id="drafts-title" tabIndex={-1}>{t('drafts.title')}</h2>
            <p className="hint">{t('drafts.intro')}</p>
            <ul className="draft-list">
              {items.map((d) => (
                <DraftItem
                  key={d.id}
                  d={d}
                  onResume={(draft) => {
                    setOpen(false);
                    onResume(draft);
                  }}
                  onDiscarded={() => {
                    setMessage(t('drafts.discarded'));
                    requestAnimationFrame(() => (document.getElementById('drafts-title') ?? document.querySelector('h1'))?.focus());
                  }}
                />
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}

function DraftItem({ d, onResume, onDiscarded }: { d: DraftSummary; onResume: (draft: ResumedDraft) => void; onDiscarded: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const step = clampStep(d.step);
  const textId = `draft-${d.id}`;
  const resume = useMutation({
    mutationFn: async (): Promise<ResumedDraft> => {
      const draft = await api.getDraft(d.id);
      const form = formFromDraft(draft.data);
      if (!form) throw new Error('unreadable');
      return { id: d.id, form, step: clampStep(draft.step) };
    },
    onSuccess: onResume,
  });
  const discard = useMutation({
    mutationFn: () => api.deleteDraft(d.id),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: DRAFTS_KEY });
      onDiscarded();
    },
  });
  const failure = resume.error ?? discard.error;
  return (
    <li className="draft" data-testid="draft">
      <p id={textId}>
        {t('drafts.item', { started: timestamp(d.createdAt, lang), step: step + 1, steps: STEPS.length, name: t(`steps.${STEPS[step]!.id}`) })}
        {' '}<span className="muted">{t('drafts.lastSaved', { saved: timestamp(d.updatedAt, lang) })}</span>
      </p>
      {!confirming ? (
        <div className="row-actions">
          <button type="button" onClick={() => resume.mutate()} disabled={resume.isPending} aria-describedby={textId} data-testid="draft-resume">
            {resume.isPending ? t('app.loading') : t('drafts.resume')}
          </button>
          <button
            type="button"
            className="danger"
            id={`${textId}-discard`}
            onClick={() => {
              setConfirming(true);
              requestAnimationFrame(() => document.getElementById(`${textId}-yes`)?.focus());
            }}
            aria-describedby={textId}
            data-testid="draft-discard"
          >{t('drafts.discard')}</button>
        </div>
      ) : (
        <div className="row-actions" role="group" aria-labelledby={`${textId}-confirm`}>
          <p id={`${textId}-confirm`} className="confirm-text">{t('drafts.confirmDiscard')}</p>
          <button type="button" className="danger-solid" id={`${textId}-yes`} onClick={() => discard.mutate()} disabled={discard.isPending} data-testid="draft-discard-confirm">{t('drafts.discardConfirm')}</button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setConfirming(false);
              requestAnimationFrame(() => document.getElementById(`${textId}-discard`)?.focus());
            }}
          >
            {t('drafts.keep')}
          </button>
        </div>
      )}
      {failure !== null && (
        <p className="field-error" role="alert">{failure instanceof Error && failure.message === 'unreadable' ? t('drafts.unreadable') : apiErrorText(t, failure)}</p>
      )}
    </li>
  );
}
