// Why: one party as coordinators read and keep it: its names by language, category, countries, hierarchy,
// active period, crosswalk ids, relations, merges (with Undo) and the credit of its sources. The
// organisation's own parties are edited, confirmed and merged here; reference parties are read-only, but
// the organisation adds its own aliases, ids and relations to them.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PartyDetail } from '../../../src/shared/parties.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { PartyAttribution } from '../components/PartyAttribution.tsx';
import { PartyForm } from '../components/PartyForm.tsx';
import { PartyIds, PartyRelations } from '../components/PartyLinks.tsx';
import { PartyMergePanel } from '../components/PartyMergePanel.tsx';
import { PartyNames } from '../components/PartyNames.tsx';
import { PartyCompliance } from '../components/PartyCompliance.tsx';
import { categoryLabel, countriesLabel, partiesApi, partyErrorText, partyKey, refreshParties, scopeLabel } from '../parties.ts';
import { canManageParties, useMe } from '../session.tsx';
import { PartyStatusBadge } from './PartiesPage.tsx';
import '../parties.css';

export function PartyPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const party = useQuery({ queryKey: partyKey(id), queryFn: () => partiesApi.get(id) });
  if (!canManageParties(me.user.role)) {
    return <><PageHeading pageName={t('parties.title')}>{t('parties.title')}</PageHeading><p className="note" data-testid="role-note">{t('parties.notAllowed')}</p></>;
  }
  return (
    <>
      <PageHeading pageName={t('parties.detail.pageName')}>{party.data ? <bdi>{party.data.name}</bdi> : t('parties.detail.pageName')}</PageHeading>
      {party.isPending && <p className="loading">{t('app.loading')}</p>}
      {party.isError && <ApiErrorMessage error={party.error} onRetry={() => void party.refetch()} />}
      {party.data && <PartyBody party={party.data} />}
    </>
  );
}

function PartyBody({ party }: { party: PartyDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const location = useLocation();
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState<string>((location.state as { saved?: string } | null)?.saved === 'created' ? t('parties.detail.created') : '');
  const own = party.scope === 'own';
  const live = !party.mergedInto;
  const confirm = useMutation({
    mutationFn: () => partiesApi.confirm(party.id),
    onSuccess: async () => { await refreshParties(qc); setStatus(t('parties.detail.confirmed')); },
  });
  const period = party.activeFrom || party.activeTo ? t('parties.detail.period', { from: party.activeFrom ?? '…', to: party.activeTo ?? t('parties.detail.now') }) : null;

  return (
    <div className="party-page" data-testid="party-page">
      <div className="party-head">
        <p className="party-badges">
          <span className="badge party-scope">{scopeLabel(t, party)}</span> <PartyStatusBadge status={party.mergedInto ? 'merged' : party.status} />
          {party.shortName && <> <span className="muted">(<bdi>{party.shortName}</bdi>)</span></>}
        </p>
        <p role="status" className="list-status" data-testid="party-status-line">{status}</p>
      </div>
      {party.mergedInto && (
        <p className="note" data-testid="merged-note">{t('parties.detail.mergedInto')} <Link to={`/parties/${party.mergedInto}`}>{party.merges.find((m) => m.from.id === party.id && !m.undoneAt)?.into.name ?? t('parties.detail.otherParty')}</Link></p>
      )}
      <section className="panel" aria-labelledby="party-about">
        <h2 id="party-about">{t('parties.detail.about')}</h2>
        <dl className="detail-grid">
          {party.canonicalName !== party.name && <div className="item"><dt>{t('parties.detail.canonical')}</dt><dd><bdi>{party.canonicalName}</bdi></dd></div>}
          <div className="item"><dt>{t('parties.form.category')}</dt><dd>{categoryLabel(t, party.category)}</dd></div>
          <div className="item"><dt>{t('parties.form.countries')}</dt><dd>{party.countries.length ? countriesLabel(t, party.countries) : '—'}</dd></div>
          {period && <div className="item"><dt>{t('parties.detail.active')}</dt><dd dir="ltr">{period}</dd></div>}
          {party.parent && <div className="item"><dt>{t('parties.form.parent')}</dt><dd><Link to={`/parties/${party.parent.id}`}><bdi>{party.parent.name}</bdi></Link></dd></div>}
          {party.children.length > 0 && (
            <div className="item"><dt>{t('parties.detail.children')}</dt><dd><ul className="plain">{party.children.map((c) => <li key={c.id}><Link to={`/parties/${c.id}`}><bdi>{c.name}</bdi></Link></li>)}</ul></dd></div>
          )}
          {party.note && <div className="item"><dt>{t('parties.form.note')}</dt><dd dir="auto">{party.note}</dd></div>}
        </dl>
        {party.governmentAlias && <p className="hint" data-testid="government-alias">{t('parties.detail.governmentAlias', { name: party.governmentAlias })}</p>}
        {own && live && (
          <div className="row-actions">
            <button type="button" className="secondary" aria-expanded={editing} onClick={() => setEditing((e) => !e)} data-testid="party-edit-open">{t('parties.edit.open')}</button>
            {party.status === 'unconfirmed' && (
              <button type="button" onClick={() => confirm.mutate()} disabled={confirm.isPending} data-testid="party-confirm">
                {confirm.isPending ? t('parties.detail.confirming') : t('parties.detail.confirm')}
              </button>
            )}
          </div>
        )}
        {confirm.isError && <p className="alert error" role="alert">{partyErrorText(t, confirm.error)}</p>}
        {!own && <p className="hint">{t('parties.detail.referenceReadOnly')}</p>}
      </section>
      {editing && <PartyForm party={party} onSaved={() => { setEditing(false); setStatus(t('parties.detail.saved')); }} onCancel={() => setEditing(false)} />}
      <PartyNames party={party} editable={live} />
      <PartyIds party={party} editable={live} />
      <PartyRelations party={party} editable={live} />
      <PartyCompliance partyId={party.id} />
      <PartyMergePanel party={party} onDone={setStatus} />
      <PartyAttribution sources={party.attribution.map((a) => a.source)} />
    </div>
  );
}
