// Why: the coordinators' verification queue: incidents reported or pending verification, oldest first, so
// nothing waits unseen. Paging is kept in the URL; each row opens the incident to record the decision.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
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
      {queue.data && queue.data.total === 0 && (
        <p className="empty" data-testid="queue-empty">{t('queue.empty')}</p>
      )}
      {queue.data && queue.data.total > 0 && (
        <>
          {queue.data.items.length > 0 && <QueueTable items={queue.data.items} meId={me.user.id} />}
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
