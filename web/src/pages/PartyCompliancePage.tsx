// Why: a party's commitments and compliance on a page of its own, for every member who reads commitments
// (the registry's party page is the coordinators'): the party's names and place in its hierarchy, then its
// timeline, incidents by quarter and form, commitments, listing and assessment.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PartyDetail } from '../../../src/shared/parties.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { PartyCompliance } from '../components/PartyCompliance.tsx';
import { commitmentKeys, commitmentsApi, sameThing } from '../commitments.ts';
import { canManageParties, canReadCommitments, useMe } from '../session.tsx';

export function PartyCompliancePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const read = canReadCommitments(me.user.role);
  const party = useQuery({ queryKey: commitmentKeys.party(id), queryFn: () => commitmentsApi.party(id), enabled: read, placeholderData: sameThing(id) });
  return (
    <>
      <PageHeading pageName={t('commitments.party.pageName')}>{party.data ? <bdi>{party.data.name}</bdi> : t('commitments.party.pageName')}</PageHeading>
      {!read && <p className="note" data-testid="role-note">{t('commitments.notAllowed')}</p>}
      {party.isPending && read && <p className="loading">{t('app.loading')}</p>}
      {party.isError && <ApiErrorMessage error={party.error} onRetry={() => void party.refetch()} />}
      {party.data && <PartyHeader party={party.data} />}
      {party.data && <PartyCompliance partyId={party.data.id} />}
    </>
  );
}

/** Who the party is: its other names, ids, and where it stands in its hierarchy. */
function PartyHeader({ party }: { party: PartyDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const others = [...new Set(party.names.map((n) => n.name))].filter((n) => n !== party.name && n !== party.shortName);
  const link = (p: { id: string; name: string }) => <Link to={`/commitments/parties/${p.id}`}><bdi>{p.name}</bdi></Link>;
  return (
    <section className="panel party-header" aria-label={t('commitments.party.about')} data-testid="party-header">
      <dl>
        {party.shortName && <div className="item"><dt>{t('commitments.party.shortName')}</dt><dd><bdi>{party.shortName}</bdi></dd></div>}
        {others.length > 0 && <div className="item"><dt>{t('commitments.party.otherNames')}</dt><dd>{others.slice(0, 12).map((n, i) => <span key={n}>{i > 0 && ' · '}<bdi>{n}</bdi></span>)}</dd></div>}
        {party.externalIds.length > 0 && <div className="item"><dt>{t('commitments.party.ids')}</dt><dd dir="ltr">{party.externalIds.map((x) => `${x.scheme}: ${x.value}`).join(' · ')}</dd></div>}
        {party.parent && <div className="item"><dt>{t('commitments.party.parent')}</dt><dd>{link(party.parent)}</dd></div>}
        {party.children.length > 0 && <div className="item"><dt>{t('commitments.party.children')}</dt><dd><ul className="plain">{party.children.map((c) => <li key={c.id}>{link(c)}</li>)}</ul></dd></div>}
        {party.mergedInto && <div className="item"><dt>{t('commitments.party.merged')}</dt><dd>{link({ id: party.mergedInto, name: t('commitments.party.mergedTarget') })}</dd></div>}
      </dl>
      {canManageParties(me.user.role) && <p><Link to={`/parties/${party.id}`} data-testid="registry-link">{t('commitments.party.inRegistry')}</Link></p>}
      {party.attribution.filter((a) => a.citation).length > 0 && (
        <p className="hint">{t('commitments.party.attribution', { sources: party.attribution.filter((a) => a.citation).map((a) => a.title).join('; ') })}</p>
      )}
    </section>
  );
}
