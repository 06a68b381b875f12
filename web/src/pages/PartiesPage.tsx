// Why: the coordinators' page of the parties registry: find a party by any of its names (or propose one),
// the list with filters (category, country, reference or own, unconfirmed, merged), adding a party of the
// organisation, and loading the shared reference parties, with their sources credited below the list.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PARTY_CATEGORIES, PARTY_SCOPES } from '../../../src/shared/parties.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { useCountryOptions } from '../components/CountriesField.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Pager } from '../components/Pager.tsx';
import { PartyAttribution } from '../components/PartyAttribution.tsx';
import { PartyForm } from '../components/PartyForm.tsx';
import { PartyPicker } from '../components/PartyPicker.tsx';
import { currentLanguage } from '../i18n/index.ts';
import { categoryLabel, countriesLabel, PARTIES_KEY, partiesApi, partyErrorText, refreshParties, scopeLabel } from '../parties.ts';
import { canManageParties, useMe } from '../session.tsx';
import '../parties.css';

export function PartiesPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeading pageName={t('parties.title')}>{t('parties.title')}</PageHeading>
      {canManageParties(me.user.role) ? <PartiesBody /> : <p className="note" data-testid="role-note">{t('parties.notAllowed')}</p>}
    </>
  );
}

const FILTERS = ['q', 'category', 'country', 'scope', 'unconfirmed', 'merged'] as const;

function PartiesBody() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const countries = useCountryOptions();
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('pageSize') ?? '50') || 50;
  const query = new URLSearchParams();
  for (const f of FILTERS) { const v = params.get(f); if (v) query.set(f, v); }
  query.set('page', String(page));
  query.set('pageSize', String(pageSize));
  const list = useQuery({ queryKey: [...PARTIES_KEY, 'list', query.toString(), currentLanguage()], queryFn: () => partiesApi.list(query), placeholderData: (d) => d });
  const change = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <div className="parties-page" data-testid="parties-page">
      <p className="parties-intro">{t('parties.intro')}</p>
      <section className="panel" aria-labelledby="find-party">
        <h2 id="find-party">{t('parties.find.title')}</h2>
        <PartyPicker id="party-finder" label={t('parties.find.label')} hint={t('parties.find.hint')} value={null} propose
          onChange={(c) => { if (c?.kind === 'party') void navigate(`/parties/${c.party.id}`); }} />
      </section>
      <div className="page-actions">
        <button type="button" aria-expanded={creating} onClick={() => setCreating((o) => !o)} data-testid="party-create-open">{t('parties.create.open')}</button>
        <SeedButton />
        <Link to="/parties/names" className="button secondary" data-testid="party-names-link">{t('parties.texts.open')}</Link>
      </div>
      {creating && <PartyForm onSaved={(p) => { setCreating(false); void navigate(`/parties/${p.id}`, { state: { saved: 'created' } }); }} onCancel={() => setCreating(false)} />}
      <section className="panel" aria-labelledby="party-list-title">
        <h2 id="party-list-title">{t('parties.list.title')}</h2>
        <div className="filter-grid party-filters" role="search">
          <div className="field">
            <label htmlFor="pf-q">{t('parties.filters.search')}</label>
            <input id="pf-q" type="search" dir="auto" autoComplete="off" spellCheck={false} defaultValue={params.get('q') ?? ''}
              onChange={(e) => change('q', e.target.value.trim())} data-testid="party-search" />
          </div>
          <div className="field">
            <label htmlFor="pf-category">{t('parties.filters.category')}</label>
            <select id="pf-category" value={params.get('category') ?? ''} onChange={(e) => change('category', e.target.value)}>
              <option value="">{t('parties.filters.anyCategory')}</option>
              {PARTY_CATEGORIES.map((c) => <option key={c} value={c}>{categoryLabel(t, c)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="pf-country">{t('parties.filters.country')}</label>
            <select id="pf-country" value={params.get('country') ?? ''} onChange={(e) => change('country', e.target.value)}>
              <option value="">{t('parties.filters.anyCountry')}</option>
              {countries.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="pf-scope">{t('parties.filters.scope')}</label>
            <select id="pf-scope" value={params.get('scope') ?? ''} onChange={(e) => change('scope', e.target.value)}>
              <option value="">{t('parties.filters.anyScope')}</option>
              {PARTY_SCOPES.map((s) => <option key={s} value={s}>{t(`parties.scope.${s}`)}</option>)}
            </select>
          </div>
          <label className="checkbox"><input type="checkbox" checked={params.get('unconfirmed') === 'true'} onChange={(e) => change('unconfirmed', e.target.checked ? 'true' : '')} data-testid="filter-unconfirmed" /> {t('parties.filters.unconfirmed')}</label>
          <label className="checkbox"><input type="checkbox" checked={params.get('merged') === 'true'} onChange={(e) => change('merged', e.target.checked ? 'true' : '')} /> {t('parties.filters.merged')}</label>
        </div>
        {list.isPending && <p className="loading">{t('app.loading')}</p>}
        {list.isError && <ApiErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && list.data.items.length === 0 && <p className="empty" data-testid="party-list-empty">{t('parties.list.none')}</p>}
        {list.data && list.data.items.length > 0 && (
          <div className="table-wrap">
            <table className="party-table" data-testid="party-table">
              <thead>
                <tr>
                  <th scope="col">{t('parties.col.name')}</th>
                  <th scope="col">{t('parties.col.category')}</th>
                  <th scope="col">{t('parties.col.countries')}</th>
                  <th scope="col">{t('parties.col.scope')}</th>
                  <th scope="col">{t('parties.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((p) => (
                  <tr key={p.id} data-testid={`party-row-${p.shortName ?? p.id}`}>
                    <th scope="row"><Link to={`/parties/${p.id}`}><bdi>{p.name}</bdi></Link>{p.shortName && <> <span className="muted">(<bdi>{p.shortName}</bdi>)</span></>}</th>
                    <td>{categoryLabel(t, p.category)}</td>
                    <td>{countriesLabel(t, p.countries)}</td>
                    <td>{scopeLabel(t, p)}</td>
                    <td><PartyStatusBadge status={p.mergedInto ? 'merged' : p.status} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.data && list.data.total > 0 && (
          <Pager page={page} pageSize={pageSize} total={list.data.total} onPage={(n) => change('page', String(n))} onPageSize={(n) => change('pageSize', String(n))}
            sizes={[25, 50, 100, 200]} totalText={t('parties.list.total', { count: list.data.total })} />
        )}
      </section>
      <PartyAttribution sources={['ucdp-prio-acd-25.1', 'svac-3.2', 'salama']} />
    </div>
  );
}

export function PartyStatusBadge({ status }: { status: 'confirmed' | 'unconfirmed' | 'merged' }) {
  const { t } = useTranslation();
  return <span className={`badge party-${status}`} data-testid="party-status">{t(`parties.status.${status}`)}</span>;
}

function SeedButton() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const seed = useMutation({ mutationFn: partiesApi.seed, onSuccess: () => refreshParties(qc) });
  const r = seed.data;
  return (
    <>
      <button type="button" className="secondary" onClick={() => seed.mutate()} disabled={seed.isPending} data-testid="party-seed">
        {seed.isPending ? t('parties.seed.pending') : t('parties.seed.button')}
      </button>
      <p role="status" className="list-status" data-testid="seed-status">
        {r && t('parties.seed.done', { added: r.parties.added, updated: r.parties.updated, unchanged: r.parties.unchanged, names: r.names.added, ids: r.externalIds.added })}
        {seed.isError && partyErrorText(t, seed.error)}
      </p>
    </>
  );
}
