// Why: four eyes for a one-person office. Where the organisation sends decisions to a partner reviewer, the
// record's recorder or a coordinator puts it to one of the designated reviewers (choosing whether the
// narrative is shown), sees to whom it is put, and can withdraw it. What the reviewer sees is said up front.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../src/shared/incident.ts';
import type { Reviewer } from '../../../src/shared/organisation.ts';
import { api } from '../api.ts';
import { day } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';

export function ReviewRequestPanel({ d, reviewers }: { d: IncidentDetail; reviewers: readonly Reviewer[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const [reviewerId, setReviewerId] = useState(reviewers.length === 1 ? reviewers[0]!.id : '');
  const [shareNarrative, setShareNarrative] = useState(false);
  const [note, setNote] = useState('');
  const done = (saved: IncidentDetail) => {
    qc.setQueryData(['incident', saved.id], saved);
    void qc.invalidateQueries({ queryKey: ['history', saved.id] });
  };
  const put = useMutation({ mutationFn: () => api.putToReview(d.id, { reviewerId, shareNarrative, note: note.trim() || null }), onSuccess: done });
  const withdraw = useMutation({ mutationFn: () => api.withdrawReview(d.id), onSuccess: done });
  const review = d.verification.review;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (reviewerId) put.mutate();
  };
  return (
    <section className="panel review-request" aria-labelledby="d-review" data-testid="review-request">
      <h2 id="d-review">{t('verify.review.title')}</h2>
      <p className="muted">{t('verify.review.intro')}</p>
      {review ? (
        <>
          <p className="note" data-testid="review-status">
            {t('verify.review.putTo', { email: review.reviewerEmail, organisation: review.reviewerOrganisation, date: day(review.requestedAt, lang) })}
            {' '}{review.shareNarrative ? t('verify.review.narrativeShared') : t('verify.review.narrativeNotShared')}
          </p>
          {withdraw.error !== null && <ApiErrorMessage error={withdraw.error} />}
          <button type="button" className="secondary" disabled={withdraw.isPending} onClick={() => withdraw.mutate()} data-testid="review-withdraw">{t('verify.review.withdraw')}</button>
        </>
      ) : reviewers.length === 0 ? <p className="note">{t('verify.review.noReviewers')}</p> : (
        <form onSubmit={onSubmit} noValidate data-testid="review-form">
          {put.error !== null && <ApiErrorMessage error={put.error} />}
          <div className="field">
            <label htmlFor="review-reviewer">{t('verify.review.reviewer')}</label>
            <select id="review-reviewer" value={reviewerId} onChange={(e) => setReviewerId(e.target.value)}>
              <option value="">{t('verify.review.chooseReviewer')}</option>
              {reviewers.map((r) => <option key={r.id} value={r.id}>{r.email} ({r.organisation.name})</option>)}
            </select>
          </div>
          <div className="checkbox">
            <input type="checkbox" id="review-share" checked={shareNarrative} onChange={(e) => setShareNarrative(e.target.checked)} aria-describedby="review-share-hint" />
            <label htmlFor="review-share">{t('verify.review.shareNarrative')}</label>
          </div>
          <p className="hint" id="review-share-hint">{t('verify.review.shareNarrativeHint')}</p>
          <div className="field">
            <label htmlFor="review-note">{t('verify.review.note')}</label>
            <textarea id="review-note" rows={2} dir="auto" spellCheck={false} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby="review-note-hint" />
            <p className="hint" id="review-note-hint">{t('verify.review.noteHint')}</p>
          </div>
          <button type="submit" disabled={!reviewerId || put.isPending} data-testid="review-submit">{t('verify.review.submit')}</button>
        </form>
      )}
    </section>
  );
}
