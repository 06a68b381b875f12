// Why: what every early-warning screen shares: its heading (a screen name in the document title, never data),
// the section's tabs, the note for a role that does not use the screen, and the loading and error states of
// what the screen reads first.
import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../src/shared/taxonomy.ts';
import { useMe } from '../../session.tsx';
import { ApiErrorMessage } from '../ApiErrorMessage.tsx';
import { PageHeading } from '../PageHeading.tsx';
import { WarningsTabs } from './WarningsTabs.tsx';
import '../../warnings.css';

interface Props {
  pageName: string;
  /** The heading when it names the thing shown (a rule's name); the screen name otherwise. */
  heading?: ReactNode;
  allowed: (role: Role) => boolean;
  /** What the screen reads first: "loading" while it comes, the error with a retry if it fails. */
  query?: UseQueryResult<unknown>;
  children: ReactNode;
}

export function WarningsFrame({ pageName, heading, allowed, query, children }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const may = allowed(me.user.role);
  return (
    <>
      <PageHeading pageName={pageName}>{heading ?? pageName}</PageHeading>
      <WarningsTabs />
      {!may && <p className="note" data-testid="role-note">{t('warnings.notAllowed')}</p>}
      {may && query?.isPending && <p className="loading">{t('app.loading')}</p>}
      {may && query?.isError && <ApiErrorMessage error={query.error} onRetry={() => void query.refetch()} />}
      {may && children}
    </>
  );
}
