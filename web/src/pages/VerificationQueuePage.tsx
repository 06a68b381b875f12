// Why: the coordinators' verification queue: incidents reported or pending verification, oldest first, so
// nothing waits unseen. Paging is kept in the URL; each row opens the incident, and its Decide button opens
// the decision panel here, below the table, so a coordinator works through the queue without leaving it.
import { useEffect, useRef, useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { IncidentSummary } from '../../../src/shared/incident.ts';
import { DecisionPanel } from '../components/DecisionPanel.tsx';
import { useRules } from '../rules.ts';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Pager } from '../components/Pager.tsx';
import { QueueTable } from '../components/QueueTable.tsx';
import { canDecideVerification, useMe } from '../session.tsx';

const DEFAULT_PAGE_SIZE = 50;

function positiveInt(v: string | null, fallback: number, max: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

export function VerificationQueuePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeading pageName={t('queue.title')}>{t('queue.title')}</PageHeading>
      {canDecideVerification(me.user.role)
        ? <QueueBody />
        : <p className="note" data-testid="role-note">{t('queue.notAllowed')}</p>}
    </>
  );
}

function QueueBody() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const page = positiveInt(params.get('page'), 1, 1_000_000);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE, 200);
  const query = new URLSearchParams({ status: 'reported,pending', sort: 'createdAt', page: String(page), pageSize: String(pageSize) });
  const qs = query.toString();
  const queue = useQuery({
    queryKey: ['incidents', 'queue', qs],
    queryFn: () => api.listIncidents(query),
    placeholderData: keepPreviousData,
  });
  const [deciding, setDeciding] = useState<IncidentSummary | null>(null);
  const [decided, setDecided] = useState<string | null>(null);
  const go = (nextPage: number, nextSize: number) => {
    const p = new URLSearchParams();
    if (nextPage !== 1) p.set('page', String(nextPage));
    if (nextSize !== DEFAULT_PAGE_SIZE) p.set('pageSize', String(nextSize));
    setParams(p);
  };

  return (
    <>
      <p className="muted">{t('queue.intro')}</p>
      <div aria-live="polite" aria-busy={queue.isFetching} className="list-status">
        {queue.isPending && <p className="loading">{t('app.loading')}</p>}
      </div>
      {queue.isError && <ApiErrorMessage error={queue.error} onRetry={() => void queue.refetch()} />}
      {decided && <p className="alert success" role="status" data-testid="queue-decided">{t('verify.panel.done')} ({decided})</p>}
      {deciding && <QueueDecision key={deciding.id} item={deciding} onClose={() => setDeciding(null)} onDone={() => { setDecided(deciding.reference); setDeciding(null); }} />}
      {queue.data && queue.data.total === 0 && (
        <p className="empty" data-testid="queue-empty">{t('queue.empty')}</p>
      )}
      {queue.data && queue.data.total > 0 && (
        <>
          {queue.data.items.length > 0 && <QueueTable items={queue.data.items} meId={me.user.id} onDecide={(i) => { setDecided(null); setDeciding(i); }} />}
          <Pager
            page={queue.data.page}
            pageSize={queue.data.pageSize}
            total={queue.data.total}
            onPage={(p) => go(p, pageSize)}
            onPageSize={(s) => go(1, s)}
          />
        </>
      )}
    </>
  );
}

/** The decision panel for one queued record: its detail (sources included) is loaded to decide on. */
function QueueDecision({ item, onClose, onDone }: { item: IncidentSummary; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const rules = useRules();
  const detail = useQuery({ queryKey: ['incident', item.id], queryFn: () => api.getIncident(item.id) });
  const ref = useRef<HTMLElement>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return (
    <section className="queue-decision" aria-labelledby="queue-decision-title" tabIndex={-1} ref={ref} data-testid="queue-decision">
      <div className="queue-decision-head">
        <h2 id="queue-decision-title">{t('verify.panel.deciding', { reference: item.reference })}</h2>
        <Link to={`/incidents/${item.id}`}>{t('verify.panel.openRecord')}</Link>
        <button type="button" className="secondary" onClick={onClose}>{t('verify.panel.close')}</button>
      </div>
      {(detail.isPending || rules.isPending) && <p className="loading">{t('app.loading')}</p>}
      {detail.isError && <ApiErrorMessage error={detail.error} onRetry={() => void detail.refetch()} />}
      {detail.data && rules.data && (
        <DecisionPanel d={detail.data} rules={rules.data} recorder={detail.data.createdBy === me.user.id} headingLevel="h3"
          submit={(body) => api.decideIncident(item.id, body).then((saved) => {
            qc.setQueryData(['incident', saved.id], saved);
            void qc.invalidateQueries({ queryKey: ['incidents'] });
            void qc.invalidateQueries({ queryKey: ['history', saved.id] });
          })}
          onDone={onDone} />
      )}
    </section>
  );
}
