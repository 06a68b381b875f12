// Why: the list of incidents the user may see, with filters kept in the URL, sortable columns and paging,
// and (for coordinators) an export of what the filters match. Admins and viewers do not work on records:
// they get an explanation instead of the list.
import { useCallback, useEffect, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { isDeletedState } from '../components/DeleteIncident.tsx';
import { ExportIncidents } from '../components/ExportIncidents.tsx';
import { IncidentFilters } from '../components/IncidentFilters.tsx';
import { IncidentTable } from '../components/IncidentTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Pager } from '../components/Pager.tsx';
import { hasFilters, readFilters, writeFilters } from '../listQuery.ts';
import type { ListFilters } from '../listQuery.ts';
import { canExport, canSeeRecords, useMe } from '../session.tsx';

export function IncidentListPage() {
  const { t } = useTranslation();
  const me = useMe();
  // Set by a deletion on the detail page; any later navigation (a filter change) drops it.
  const state: unknown = useLocation().state;
  return (
    <>
      <PageHeading pageName={t('list.title')}>{t('list.title')}</PageHeading>
      <div role="status" className="flash-region">
        {isDeletedState(state) && <p className="alert success" data-testid="flash">{t('delete.done', { reference: state.deleted })}</p>}
      </div>
      {me.user.role === 'admin' && <p className="note" data-testid="role-note">{t('list.adminNote')}</p>}
      {me.user.role === 'viewer' && <p className="note" data-testid="role-note">{t('list.viewerNote')}</p>}
      {canSeeRecords(me.user.role) && <IncidentListBody />}
    </>
  );
}

function IncidentListBody() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const fromUrl = writeFilters(readFilters(params)).toString();
  // Controls follow a local copy updated at once; the URL (updated in a router transition) catches up.
  const [filters, setFilters] = useState<ListFilters>(() => readFilters(params));
  const current = useRef(filters);
  useEffect(() => {
    const next = readFilters(new URLSearchParams(fromUrl));
    current.current = next;
    setFilters(next);
  }, [fromUrl]);
  const query = writeFilters(filters);
  const qs = query.toString();

  const list = useQuery({
    queryKey: ['incidents', qs],
    queryFn: () => api.listIncidents(query),
    placeholderData: keepPreviousData,
  });

  const update = useCallback((patch: Partial<ListFilters>) => {
    // Any filter change goes back to page 1; paging itself keeps the rest.
    const next = { ...current.current, ...patch, page: patch.page ?? 1 };
    current.current = next;
    setFilters(next);
    // Typing in a text filter replaces the history entry instead of adding one per pause.
    setParams(writeFilters(next), { replace: 'q' in patch || 'party' in patch || 'sourceOrg' in patch });
  }, [setParams]);
  const clear = useCallback(() => update({
    status: [], form: '', country: '', admin1: '', from: '', to: '', q: '', party: '', victim: [], sourceOrg: '', late: false,
  }), [update]);

  return (
    <>
      {canExport(me.user.role) && <div className="page-actions list-actions"><ExportIncidents filters={filters} /></div>}
      <IncidentFilters filters={filters} onChange={update} onClear={clear} />
      <div aria-live="polite" aria-busy={list.isFetching} className="list-status">
        {list.isPending && <p className="loading" data-testid="list-loading">{t('list.loading')}</p>}
      </div>
      {list.isError && <ApiErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && (
        <p className="empty" data-testid="list-empty">{hasFilters(filters) ? t('list.empty') : t('list.emptyNoFilters')}</p>
      )}
      {list.data && list.data.items.length > 0 && (
        <>
          <IncidentTable items={list.data.items} sort={filters.sort} onSort={(sort) => update({ sort })} />
          <Pager
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPage={(page) => update({ page })}
            onPageSize={(pageSize) => update({ pageSize })}
          />
        </>
      )}
    </>
  );
}
