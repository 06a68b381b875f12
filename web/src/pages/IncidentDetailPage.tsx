// Why: everything recorded about one incident, labelled and translated, with the verification block and the
// decision panel (coordinators), the partner-reviewer panel (where the organisation uses one), consent
// and context, the victims, perpetrators, sources and referrals as tables, the narrative (or the notice that it was erased), the history of versions and (for
// coordinators) erasure and deletion, and the review of likely duplicates (with a notice at the top when the
// record is linked to, and counted under, another, or, right after it is made, when it may already be recorded).
// The reference is the heading; the document title stays generic.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../src/shared/incident.ts';
import { api } from '../api.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { ConsentContextCard } from '../components/ConsentContextCard.tsx';
import { DeleteIncident } from '../components/DeleteIncident.tsx';
import { EntryDuplicatesNotice } from '../components/EntryDuplicatesNotice.tsx';
import { SavedNotice, savedOf } from '../components/SavedNotice.tsx';
import { ErasedNotice } from '../components/ErasedNotice.tsx';
import { EraseIncident, ERASED_NOTICE_ID } from '../components/EraseIncident.tsx';
import { IncidentHistory } from '../components/IncidentHistory.tsx';
import { LinkedNotice } from '../components/LinkedNotice.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { PossibleDuplicates } from '../components/PossibleDuplicates.tsx';
import { PerpetratorsTable, ReferralsTable, SourcesTable, SurvivorsTable, TallyTable } from '../components/RecordTables.tsx';
import { DecisionPanel } from '../components/DecisionPanel.tsx';
import { ReviewRequestPanel } from '../components/ReviewRequestPanel.tsx';
import { VerificationSummary } from '../components/VerificationSummary.tsx';
import { useRules } from '../rules.ts';
import { countryName, dateRange, formLabel, precisionLabel, timestamp } from '../format.ts';
import { isJustCreated } from '../duplicates.ts';
import { currentLanguage } from '../i18n/index.ts';
import { personName, useMembers } from '../members.ts';
import { useAreaNames } from '../places.ts';
import { canDecideVerification, canDeleteRecords, canEditRecords, canEraseRecords, useMe } from '../session.tsx';
import { DECIDED_STATUSES } from '../../../src/shared/taxonomy.ts';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (<div className="item"><dt>{label}</dt><dd>{children}</dd></div>);
}

export function IncidentDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const incident = useQuery({ queryKey: ['incident', id], queryFn: () => api.getIncident(id) });
  return (
    <>
      <PageHeading pageName={t('detail.title')}>{incident.data?.reference ?? t('detail.title')}</PageHeading>
      {incident.isPending && <p className="loading">{t('app.loading')}</p>}
      {incident.isError && <ApiErrorMessage error={incident.error} onRetry={() => void incident.refetch()} />}
      {incident.data && <DetailBody d={incident.data} />}
      <p><Link to="/incidents">{t('app.backToIncidents')}</Link></p>
    </>
  );
}

function DetailBody({ d }: { d: IncidentDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const members = useMembers();
  // While a coordinator's member list loads, wait rather than flash "another user" before the email.
  const person = (id: string) => (members.isLoading
    ? <span className="muted">{t('app.loading')}</span>
    : <bdi>{personName(t, id, me.user.id, members.data)}</bdi>);
  const lang = currentLanguage();
  const areaNames = useAreaNames([d.place.country]);
  const none = <span className="muted">{t('detail.notSpecified')}</span>;
  const c = d.place.coordinates;
  const mayEdit = canEditRecords(me.user.role) && (canDecideVerification(me.user.role) || !DECIDED_STATUSES.includes(d.verification.status));
  const mayDelete = canDeleteRecords(me.user.role);
  const mayErase = canEraseRecords(me.user.role) && !d.erasedAt;
  const erased = d.erasedAt ? <span className="muted">{t('erased.short')}</span> : null;
  // Set by the form when this record was just made here: look for duplicates at once.
  const location = useLocation();
  const justCreated = isJustCreated(location.state);
  const duplicatesRef = useRef<HTMLDetailsElement>(null);
  const qc = useQueryClient();
  const rules = useRules();
  const [done, setDone] = useState<'decided' | 'reopened' | null>(null);
  const undecided = !DECIDED_STATUSES.includes(d.verification.status);
  const mayDecide = canDecideVerification(me.user.role);
  // Partner reviewer: the recorder or a coordinator puts an undecided record to a designated reviewer.
  const mayPutToReview = rules.data?.fourEyesMode === 'partner_reviewer' && (mayDecide || d.createdBy === me.user.id)
    && (undecided || d.verification.review !== null);
  // Arriving from the edit form's hand-over (#decision): the panel's heading takes the focus.
  const { hash } = useLocation();
  useEffect(() => {
    if (hash === '#decision' && rules.data) document.querySelector<HTMLElement>('#decision h2')?.focus();
  }, [hash, rules.data]);
  return (
    <div className="detail" data-testid="incident-detail">
      <SavedNotice d={d} saved={savedOf(location.state)} />
      {justCreated && <EntryDuplicatesNotice d={d} section={duplicatesRef} />}
      {d.linkedTo && <LinkedNotice canonicalId={d.linkedTo} />}
      {(mayEdit || mayDelete || mayErase) && (
        <div className="page-actions">
          {mayEdit && <Link className="button" to={`/incidents/${d.id}/edit`}>{t('detail.edit')}</Link>}
          {mayErase && <EraseIncident d={d} />}
          {mayDelete && <DeleteIncident d={d} />}
        </div>
      )}
      <div className="detail-grid">
        <section className="panel" aria-labelledby="d-date">
          <h2 id="d-date">{t('form.sectionDate')}</h2>
          <dl>
            <Item label={t('list.col.date')}>{dateRange(d.occurredFrom, d.occurredTo)}</Item>
            <Item label={t('incident.dateEstimated')}>{d.dateEstimated ? t('detail.yes') : t('detail.no')}</Item>
          </dl>
        </section>
        <section className="panel verification" aria-labelledby="d-verification">
          <h2 id="d-verification">{t('incident.verification')}</h2>
          <VerificationSummary d={d} person={person} />
        </section>
        <section className="panel" aria-labelledby="d-place">
          <h2 id="d-place">{t('incident.place')}</h2>
          <dl>
            <Item label={t('incident.country')}>{countryName(t, d.place.country)}</Item>
            <Item label={t('incident.admin1')}><span data-testid="place-admin1">{areaNames(d.place.admin1) ?? none}</span></Item>
            <Item label={t('incident.admin2')}><span data-testid="place-admin2">{areaNames(d.place.admin2) ?? none}</span></Item>
            <Item label={t('lookups.displayLevel.short')}><span data-testid="display-level">{t(`lookups.displayLevel.levels.${d.place.displayLevel}`)}</span></Item>
            <Item label={t('incident.locality')}>{erased ?? <span dir="auto">{d.place.locality ?? none}</span>}</Item>
            <Item label={t('incident.coordinates')}>
              {erased ?? (c ? <span dir="ltr">{c.lat}, {c.lon} ({precisionLabel(t, c.precision)})</span> : none)}
            </Item>
          </dl>
        </section>
        <section className="panel" aria-labelledby="d-record">
          <h2 id="d-record">{t('incident.reference')}</h2>
          <dl>
            <Item label={t('incident.reference')}>{d.reference}</Item>
            <Item label={t('incident.createdAt')}>{timestamp(d.createdAt, lang)}</Item>
            <Item label={t('incident.createdBy')}>{person(d.createdBy)}</Item>
            <Item label={t('incident.updatedAt')}>{timestamp(d.updatedAt, lang)}</Item>
            <Item label={t('incident.version')}>{d.version}</Item>
            <Item label={t('incident.assignedTo')}>
              {d.assignedTo.length > 0
                ? <ul className="people">{d.assignedTo.map((id) => <li key={id}>{person(id)}</li>)}</ul>
                : <span className="muted">{t('detail.assignedNone')}</span>}
            </Item>
          </dl>
        </section>
        <ConsentContextCard d={d} />
      </div>
      {mayDecide && rules.data && (
        <div id="decision">
          <DecisionPanel key={`${d.id}:${d.version}`} d={d} rules={rules.data} recorder={d.createdBy === me.user.id} mayReopen
            submit={(body) => api.decideIncident(d.id, body).then((saved) => {
              qc.setQueryData(['incident', saved.id], saved);
              void qc.invalidateQueries({ queryKey: ['incidents'] });
              void qc.invalidateQueries({ queryKey: ['history', saved.id] });
            })}
            onDone={(what) => setDone(what)} />
          {done && <p className="alert success" role="status" data-testid="decision-done">{t(done === 'decided' ? 'verify.panel.done' : 'verify.panel.reopened')}</p>}
        </div>
      )}
      {mayPutToReview && rules.data && <ReviewRequestPanel d={d} reviewers={rules.data.reviewers} />}
      <section className="panel" aria-labelledby="d-victims">
        <h2 id="d-victims">{t('incident.victims')}</h2>
        {d.victimCountUnknown && <p className="note" data-testid="count-unknown">{t('incident.countUnknown')}</p>}
        <TallyTable tally={d.victims} labelledBy="d-victims" />
      </section>
      <section className="panel" aria-labelledby="d-violations">
        <h2 id="d-violations">{t('incident.violations')}</h2>
        {d.violations.map((v, i) => (
          <TallyTable key={v.id} tally={v.victims} caption={`${t('incident.violationN', { n: i + 1 })}: ${formLabel(t, v.form)}`} />
        ))}
      </section>
      <section className="panel" aria-labelledby="d-survivors">
        <h2 id="d-survivors">{t('incident.survivors')}</h2>
        {d.erasedAt
          ? <p className="muted" data-testid="survivors-erased">{t('erased.short')}</p>
          : <SurvivorsTable rows={d.survivors} labelledBy="d-survivors" testId="survivors-table" />}
      </section>
      <section className="panel" aria-labelledby="d-perpetrators">
        <h2 id="d-perpetrators">{t('incident.perpetrators')}</h2>
        <PerpetratorsTable rows={d.perpetrators} labelledBy="d-perpetrators" testId="perpetrators-table" />
      </section>
      <section className="panel" aria-labelledby="d-sources">
        <h2 id="d-sources">{t('incident.sources')}</h2>
        <SourcesTable rows={d.sources} labelledBy="d-sources" testId="sources-table" />
      </section>
      <section className="panel" aria-labelledby="d-referrals">
        <h2 id="d-referrals">{t('incident.referrals')}</h2>
        <ReferralsTable rows={d.referrals} labelledBy="d-referrals" testId="referrals-table" />
      </section>
      <section className="panel" aria-labelledby="d-narrative">
        <h2 id="d-narrative">{t('incident.narrative')}</h2>
        {d.erasedAt && <ErasedNotice erasedAt={d.erasedAt} id={ERASED_NOTICE_ID} />}
        {!d.erasedAt && (d.narrative
          ? <div className="narrative" dir="auto" data-testid="narrative">{d.narrative}</div>
          : <p className="muted">{t('detail.narrativeEmpty')}</p>)}
      </section>
      <PossibleDuplicates key={d.id} d={d} ref={duplicatesRef} />
      <IncidentHistory id={d.id} version={d.version} />
    </div>
  );
}
