// Why: the routes around the incident form: /incidents/new (an empty form saved as a new draft as the user
// goes, with the user's other drafts offered to resume or discard) and /incidents/:id/edit (loads the
// incident first, and reloads it after a version conflict).
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Navigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { DraftList } from '../components/Drafts.tsx';
import type { ResumedDraft } from '../components/Drafts.tsx';
import { IncidentForm } from '../components/IncidentForm.tsx';
import { newDraftId } from '../drafts.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { canEditRecords, useMe } from '../session.tsx';

export function IncidentNewPage() {
  const { t } = useTranslation();
  const me = useMe();
  // The form being filled in and the draft it saves to; resuming another draft starts the form again from it
  // (the one left is saved first, as the form leaves the page).
  const [draft, setDraft] = useState<{ id: string; resumed?: ResumedDraft }>(() => ({ id: newDraftId() }));
  if (!canEditRecords(me.user.role)) return <Navigate to="/incidents" replace />;
  return (
    <>
      <PageHeading pageName={t('form.newTitle')}>{t('form.newTitle')}</PageHeading>
      <DraftList current={draft.id} onResume={(resumed) => setDraft({ id: resumed.id, resumed })} />
      <IncidentForm key={draft.id} draft={draft} />
    </>
  );
}

export function IncidentEditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  // Bumped on "load the latest version" so the form restarts from the server's copy.
  const [generation, setGeneration] = useState(0);
  const incident = useQuery({
    queryKey: ['incident', id],
    queryFn: () => api.getIncident(id),
    // The form keeps its own copy; do not refresh it behind the user's back.
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
  if (!canEditRecords(me.user.role)) return <Navigate to={`/incidents/${id}`} replace />;
  return (
    <>
      <PageHeading pageName={t('form.editPageName')}>
        {incident.data ? t('form.editTitle', { reference: incident.data.reference }) : t('app.loading')}
      </PageHeading>
      {incident.isPending && <p className="loading">{t('app.loading')}</p>}
      {incident.isError && <ApiErrorMessage error={incident.error} onRetry={() => void incident.refetch()} />}
      {incident.data && (
        <IncidentForm
          key={`${incident.data.version}-${generation}`}
          detail={incident.data}
          onReload={() => void incident.refetch().then(() => setGeneration((g) => g + 1))}
        />
      )}
    </>
  );
}
