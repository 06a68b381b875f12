// Why: what every report screen shares: its heading (a screen name in the document title, never a report's
// title), the section's tabs (reports and templates, for coordinators), the note for a role that does not use
// reports, and the loading and error states of what the screen reads first.
import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../src/shared/taxonomy.ts';
import { canWriteReports, useMe } from '../../session.tsx';
import { ApiErrorMessage } from '../ApiErrorMessage.tsx';
import { PageHeading } from '../PageHeading.tsx';
import '../../reports.css';

interface Props {
  pageName: string;
  /** The heading when it names the thing shown (a report's title); the screen name otherwise. */
  heading?: ReactNode;
  allowed: (role: Role) => boolean;
  /** What the screen reads first: "loading" while it comes, the error with a retry if it fails. */
  query?: UseQueryResult<unknown>;
  /** The section's tabs (reports, templates): on its two lists, not on a report, which has tabs of its own. */
  sectionTabs?: boolean;
  children: ReactNode;
}

export function ReportsFrame({ pageName, heading, allowed, query, sectionTabs = true, children }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();
  const may = allowed(me.user.role);
  const templates = pathname.startsWith('/reports/templates');
  return (
    <>
      <PageHeading pageName={pageName}>{heading ?? pageName}</PageHeading>
      {sectionTabs && canWriteReports(me.user.role) && (
        <nav aria-label={t('reports.tabsLabel')} className="reports-tabs">
          <ul>
            <li><Link to="/reports" aria-current={templates ? undefined : 'page'}>{t('reports.title')}</Link></li>
            <li><Link to="/reports/templates" aria-current={templates ? 'page' : undefined} data-testid="templates-tab">{t('reports.templates.nav')}</Link></li>
          </ul>
        </nav>
      )}
      {!may && <p className="note" data-testid="role-note">{t('reports.notAllowed')}</p>}
      {may && query?.isPending && <p className="loading">{t('app.loading')}</p>}
      {may && query?.isError && <ApiErrorMessage error={query.error} onRetry={() => void query.refetch()} />}
      {may && children}
    </>
  );
}
