// Why: the dashboard's small panel of public-source context: the parties the exact figures count and the
// registry's parties of the country chosen (or of the countries those parties and the organisation's own
// parties work in), each with its latest and its highest SVAC prevalence, with the citation. Public reports,
// never counted in the figures above; a plain table, so the dashboard's chunk stays light.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { countsQuery, type DashboardState } from '../../dashboardQuery.ts';
import { countryName } from '../../format.ts';
import { referenceApi, referenceKeys } from '../../reference.ts';
import { useCounts } from '../../stats.ts';
import { canManageParties, canReadCommitments, useMe } from '../../session.tsx';
import { PrevalenceCell } from '../PrevalenceCell.tsx';
import '../../reference.css';

const NONE: readonly string[] = [];

export function ReferencePanel({ state }: { state: DashboardState }) {
  const { t } = useTranslation();
  const me = useMe();
  const restricted = state.view === 'restricted';
  // The same count the parties figure asks for (the query is shared, not sent twice).
  const counted = useCounts(countsQuery(state, { by: ['party'] }), restricted);
  const parties = restricted ? Object.keys(counted.data?.parties ?? {}).sort() : NONE;
  const ready = !restricted || !counted.isPending;
  const overview = useQuery({ queryKey: referenceKeys.overview(state.country, parties), queryFn: () => referenceApi.overview(state.country, parties), enabled: ready });
  const data = overview.data;
  const link = (id: string) => (canManageParties(me.user.role) ? `/parties/${id}` : canReadCommitments(me.user.role) ? `/commitments/parties/${id}` : null);
  return (
    <section className="panel reference-panel" aria-labelledby="reference-panel-title" data-testid="reference-panel">
      <h2 id="reference-panel-title">{t('reference.panel.title')}</h2>
      <p className="hint">{t('reference.panel.intro')}</p>
      {data && data.countries.length > 0 && <p className="hint">{t('reference.panel.countries', { countries: data.countries.map((c) => countryName(t, c)).join(t('reference.listSeparator')) })}</p>}
      {data && data.items.length === 0 && <p className="muted">{data.version ? t('reference.panel.none') : t('reference.panel.noVersion')}</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('reference.panel.title')}>
          <table className="prevalence-table">
            <caption className="visually-hidden">{t('reference.panel.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reference.panel.party')}</th>
                <th scope="col">{t('reference.panel.latest')}</th>
                <th scope="col">{t('reference.panel.highest')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((i) => {
                const to = link(i.party.id);
                return (
                  <tr key={i.party.id}>
                    <th scope="row">{to ? <Link to={to}><bdi>{i.party.name}</bdi></Link> : <bdi>{i.party.name}</bdi>}</th>
                    <PrevalenceCell level={i.latest.max} year={i.latest.year} />
                    {i.highest ? <PrevalenceCell level={i.highest.max} year={i.highest.year} /> : <PrevalenceCell level={null} />}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data?.items.length ? <p className="hint">{t('reference.panel.latestNote')}</p> : null}
      {data?.version && <p className="reference-citation" data-testid="reference-citation"><span lang="en" dir="ltr">SVAC {data.version.label}: {data.version.citation}</span></p>}
    </section>
  );
}
