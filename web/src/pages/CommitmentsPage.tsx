// Why: the organisation's commitments (joint communiqués, declarations, action plans, command orders), newest
// signature first, with how their measures stand (overdue read against today); coordinators record new ones
// here. Every member but administrators reads them.
import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { COMMITMENT_KINDS, type CommitmentKind, type CommitmentSummary } from '../../../src/shared/commitments.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { CommitmentForm } from '../components/CommitmentForm.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Pager } from '../components/Pager.tsx';
import { commitmentKeys, commitmentKindLabel, commitmentsApi, refreshCommitments } from '../commitments.ts';
import { formatDate, list } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { canManageCommitments, canReadCommitments, useMe } from '../session.tsx';
import '../commitments.css';

export function CommitmentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeading pageName={t('commitments.title')}>{t('commitments.title')}</PageHeading>
      {canReadCommitments(me.user.role) ? <CommitmentsBody /> : <p className="note" data-testid="role-note">{t('commitments.notAllowed')}</p>}
    </>
  );
}

function CommitmentsBody() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const asked = params.get('kind');
  const kind: CommitmentKind | '' = COMMITMENT_KINDS.find((k) => k === asked) ?? '';
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const query = { kind, page, pageSize };
  const commitments = useQuery({ queryKey: commitmentKeys.list(query), queryFn: () => commitmentsApi.list(query), placeholderData: keepPreviousData });
  return (
    <div className="commitments-page" data-testid="commitments-page">
      <p className="intro">{t('commitments.intro')}</p>
      {canManageCommitments(me.user.role) && <p><Link className="button" to="/commitments/new" data-testid="new-commitment">{t('commitments.new')}</Link></p>}
      <div className="filters compact">
        <div className="field">
          <label htmlFor="commitment-kind-filter">{t('commitments.form.kind')}</label>
          <select id="commitment-kind-filter" value={kind} onChange={(e) => { setParams(e.target.value ? { kind: e.target.value } : {}); setPage(1); }}>
            <option value="">{t('commitments.allKinds')}</option>
            {COMMITMENT_KINDS.map((k) => <option key={k} value={k}>{commitmentKindLabel(t, k)}</option>)}
          </select>
        </div>
      </div>
      {commitments.isPending && <p className="loading">{t('app.loading')}</p>}
      {commitments.isError && <ApiErrorMessage error={commitments.error} onRetry={() => void commitments.refetch()} />}
      {commitments.data && (commitments.data.items.length === 0
        ? <p className="empty" data-testid="commitments-empty">{t('commitments.empty')}</p>
        : <>
          <CommitmentTable items={commitments.data.items} />
          <Pager page={page} pageSize={pageSize} total={commitments.data.total} onPage={setPage} onPageSize={(s) => { setPageSize(s); setPage(1); }} sizes={[20, 50, 100, 200]} totalText={t('commitments.total', { count: commitments.data.total })} />
        </>)}
    </div>
  );
}

/** How a commitment's measures stand, in words: "2 of 3 done · 1 overdue". */
export function MeasuresStanding({ c }: { c: Pick<CommitmentSummary, 'counts'> }) {
  const { t } = useTranslation();
  const all = c.counts.not_started + c.counts.in_progress + c.counts.done + c.counts.not_done;
  return (
    <span className="measures-standing">
      {t('commitments.doneOf', { done: c.counts.done, count: all })}
      {c.counts.overdue > 0 && <> <span className="badge progress-overdue">{t('commitments.overdueCount', { count: c.counts.overdue })}</span></>}
    </span>
  );
}

/** The commitments as a table; on a party's page the parties column is left out when they bind that party alone. */
export function CommitmentTable({ items, partyId }: { items: readonly CommitmentSummary[]; partyId?: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const parties = !partyId || items.some((c) => c.parties.some((p) => p.id !== partyId));
  return (
    <div className="table-wrap">
      <table className="commitments" data-testid="commitments-table">
        <thead>
          <tr><th scope="col">{t('commitments.form.title')}</th><th scope="col">{t('commitments.form.kind')}</th><th scope="col">{t('commitments.form.signedOn')}</th>{parties && <th scope="col">{t('commitments.form.parties')}</th>}<th scope="col">{t('commitments.form.measures')}</th></tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} data-testid={`commitment-${c.id}`}>
              <th scope="row"><Link to={`/commitments/${c.id}`}><bdi>{c.title}</bdi></Link></th>
              <td>{commitmentKindLabel(t, c.kind)}</td>
              <td className="nowrap">{formatDate(c.signedOn, lang)}</td>
              {parties && <td>{list(c.parties.map((p) => p.name), lang)}</td>}
              <td><MeasuresStanding c={c} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /commitments/new (coordinators): the form, then the new commitment's page. A party's page may preset its party. */
export function CommitmentNewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const partyId = params.get('party');
  const party = useQuery({ queryKey: commitmentKeys.party(partyId ?? ''), queryFn: () => commitmentsApi.party(partyId!), enabled: !!partyId });
  if (!canManageCommitments(me.user.role)) {
    return <><PageHeading pageName={t('commitments.new')}>{t('commitments.new')}</PageHeading><p className="note" data-testid="role-note">{t('commitments.notManager')}</p></>;
  }
  return (
    <>
      <PageHeading pageName={t('commitments.new')}>{t('commitments.new')}</PageHeading>
      {partyId && party.isPending ? <p className="loading">{t('app.loading')}</p> : (
        <CommitmentForm
          initialParty={party.data ? { id: party.data.id, name: party.data.name } : undefined}
          onSaved={async (saved) => { await refreshCommitments(qc); await navigate(`/commitments/${saved.id}`, { state: { saved: 'created' } }); }}
          onCancel={() => void navigate(-1)}
        />
      )}
    </>
  );
}
