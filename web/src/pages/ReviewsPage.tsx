// Why: a designated reviewer's side of four eyes for another organisation: the records put to them (and
// nothing else of that organisation), one record with what a decision needs - its restricted fields, the
// narrative only if it was shared - and the decision panel. Access ends with the decision: the page says so.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReviewRecord } from '../../../src/shared/review.ts';
import { api } from '../api.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { DecisionPanel } from '../components/DecisionPanel.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { PerpetratorsTable, SourcesTable, TallyTable } from '../components/RecordTables.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { countryName, dateRange, day, formLabel } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { useAreaNames } from '../places.ts';

const REVIEWS_KEY = ['reviews'] as const;

export function ReviewsPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const reviews = useQuery({ queryKey: REVIEWS_KEY, queryFn: api.listReviews });
  return (
    <>
      <PageHeading pageName={t('verify.reviews.title')}>{t('verify.reviews.title')}</PageHeading>
      <p className="muted">{t('verify.reviews.intro')}</p>
      {reviews.isPending && <p className="loading">{t('app.loading')}</p>}
      {reviews.isError && <ApiErrorMessage error={reviews.error} onRetry={() => void reviews.refetch()} />}
      {reviews.data?.items.length === 0 && <p className="empty" data-testid="reviews-empty">{t('verify.reviews.empty')}</p>}
      {reviews.data && reviews.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="incidents" data-testid="reviews-table">
            <thead>
              <tr>
                <th scope="col">{t('list.col.reference')}</th><th scope="col">{t('verify.reviews.from')}</th><th scope="col">{t('list.col.date')}</th>
                <th scope="col">{t('incident.country')}</th><th scope="col">{t('list.col.status')}</th><th scope="col">{t('verify.reviews.requested')}</th>
              </tr>
            </thead>
            <tbody>
              {reviews.data.items.map((r) => (
                <tr key={r.id} data-testid={`review-row-${r.reference}`}>
                  <th scope="row"><Link to={`/reviews/${r.id}`} aria-label={t('verify.reviews.open', { reference: r.reference })}>{r.reference}</Link></th>
                  <td>{r.organisation.name}</td>
                  <td className="nowrap">{dateRange(r.occurredFrom, r.occurredTo)}</td>
                  <td>{countryName(t, r.country)}</td>
                  <td><StatusBadge status={r.status} /></td>
                  <td className="nowrap">{day(r.requestedAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ReviewPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const [done, setDone] = useState(false);
  const review = useQuery({ queryKey: ['review', id], queryFn: () => api.getReview(id), enabled: !done });
  return (
    <>
      <PageHeading pageName={t('verify.reviews.title')}>
        {review.data ? t('verify.reviews.recordTitle', { reference: review.data.incident.reference, organisation: review.data.review.organisation.name }) : t('verify.reviews.title')}
      </PageHeading>
      {done && <p className="alert success" role="status" data-testid="review-done">{t('verify.reviews.done')}</p>}
      {!done && review.isPending && <p className="loading">{t('app.loading')}</p>}
      {!done && review.isError && <ApiErrorMessage error={review.error} onRetry={() => void review.refetch()} />}
      {!done && review.data && (
        <ReviewBody r={review.data} submit={(body) => api.decideReview(id, body).then(() => {
          qc.removeQueries({ queryKey: ['review', id] });
          void qc.invalidateQueries({ queryKey: REVIEWS_KEY });
        })} onDone={() => setDone(true)} />
      )}
      <p><Link to="/reviews">{t('verify.reviews.back')}</Link></p>
    </>
  );
}

function ReviewBody({ r, submit, onDone }: { r: ReviewRecord; submit: Parameters<typeof DecisionPanel>[0]['submit']; onDone: () => void }) {
  const { t } = useTranslation();
  const d = r.incident;
  const areaNames = useAreaNames([d.place.country]);
  const place = [countryName(t, d.place.country), areaNames(d.place.admin1), areaNames(d.place.admin2)].filter(Boolean).join(' – ');
  return (
    <div className="detail" data-testid="review-record">
      <p className="note">{t('verify.reviews.withheld')}</p>
      {r.review.note && (
        <section className="panel" aria-labelledby="r-note"><h2 id="r-note">{t('verify.reviews.requestNote')}</h2><p dir="auto" data-testid="review-note">{r.review.note}</p></section>
      )}
      <section className="panel" aria-labelledby="r-when">
        <h2 id="r-when">{t('form.sectionDate')}</h2>
        <dl>
          <div className="item"><dt>{t('list.col.date')}</dt><dd>{dateRange(d.occurredFrom, d.occurredTo)}</dd></div>
          <div className="item"><dt>{t('incident.place')}</dt><dd>{place}</dd></div>
          <div className="item"><dt>{t('incident.status')}</dt><dd><StatusBadge status={d.verification.status} /></dd></div>
        </dl>
      </section>
      <section className="panel" aria-labelledby="r-victims">
        <h2 id="r-victims">{t('incident.victims')}</h2>
        <TallyTable tally={d.victims} labelledBy="r-victims" />
        {d.violations.map((v, i) => <TallyTable key={v.id} tally={v.victims} caption={`${t('incident.violationN', { n: i + 1 })}: ${formLabel(t, v.form)}`} />)}
      </section>
      <section className="panel" aria-labelledby="r-perpetrators"><h2 id="r-perpetrators">{t('incident.perpetrators')}</h2><PerpetratorsTable rows={d.perpetrators} labelledBy="r-perpetrators" testId="review-perpetrators" /></section>
      <section className="panel" aria-labelledby="r-sources"><h2 id="r-sources">{t('incident.sources')}</h2><SourcesTable rows={d.sources} labelledBy="r-sources" testId="review-sources" /></section>
      <section className="panel" aria-labelledby="r-narrative">
        <h2 id="r-narrative">{t('incident.narrative')}</h2>
        {r.review.shareNarrative && d.narrative
          ? <div className="narrative" dir="auto" data-testid="review-narrative">{d.narrative}</div>
          : <p className="muted">{t('verify.reviews.narrativeNotShared')}</p>}
      </section>
      <DecisionPanel d={d} rules={{ fourEyesMode: 'partner_reviewer', completeness: { minSourcesToVerify: 0, requireAdmin1: false, requireAdmin2: false, requirePerpetratorToVerify: false }, narrativeMaxLength: 50000 }}
        recorder={false} reviewer submit={submit} onDone={onDone} />
    </div>
  );
}
