// Why: the coordinators' page for the organisation's own values of the extensible lists (settings, source
// types, services): each list's core values, the organisation's values with their labels in three languages,
// and adding, relabelling, retiring and reactivating them. Other roles are told it is not theirs.
import { useTranslation } from 'react-i18next';
import { EXTENSIBLE_LIST_NAMES } from '../../../src/shared/lookup.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { LookupListSection } from '../components/LookupListSection.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { useLookups } from '../lookups.ts';
import { canManageLookups, useMe } from '../session.tsx';
import '../lists.css';

export function ListsPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeading pageName={t('lookups.title')}>{t('lookups.title')}</PageHeading>
      {canManageLookups(me.user.role)
        ? <ListsBody />
        : <p className="note" data-testid="role-note">{t('lookups.notAllowed')}</p>}
    </>
  );
}

function ListsBody() {
  const { t } = useTranslation();
  const lookups = useLookups();
  return (
    <div className="lists-page" data-testid="lists-page">
      <p className="lists-intro">{t('lookups.intro')}</p>
      {lookups.isPending && <p className="loading">{t('app.loading')}</p>}
      {lookups.isError && <ApiErrorMessage error={lookups.error} onRetry={() => void lookups.refetch()} />}
      {lookups.data && EXTENSIBLE_LIST_NAMES.map((list) => <LookupListSection key={list} list={list} items={lookups.data} />)}
    </div>
  );
}
