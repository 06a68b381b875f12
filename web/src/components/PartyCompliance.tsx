// Why: a party's commitments and compliance, as its page shows them: the timeline (listing, commitments,
// measures, incidents by quarter), the incidents by quarter and form with the commitments between the
// quarters (alleged, or verified with the switch), the commitments binding it, its listing history, and the
// coordinators' assessment beside the data, and the public reference datasets' prevalence beside its counts.
// Used by the registry's party page and the compliance page.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { commitmentKeys, commitmentsApi, sameThing } from '../commitments.ts';
import { canCountPartyIncidents, canManageCommitments, canReadCommitments, useMe } from '../session.tsx';
import { CommitmentTable } from '../pages/CommitmentsPage.tsx';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { PartyAssessment } from './PartyAssessment.tsx';
import { PartyIncidentCounts } from './PartyIncidentCounts.tsx';
import { PartyListing } from './PartyListing.tsx';
import { PartyPrevalence } from './PartyPrevalence.tsx';
import { PartyTimeline } from './PartyTimeline.tsx';
import '../commitments.css';

export function PartyCompliance({ partyId }: { partyId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const role = me.user.role;
  const [verified, setVerified] = useState(false);
  const [units, setUnits] = useState(false);
  const read = canReadCommitments(role);
  const commitments = useQuery({ queryKey: commitmentKeys.list({ partyId }), queryFn: () => commitmentsApi.list({ partyId, pageSize: 200 }), enabled: read, placeholderData: sameThing({ partyId }) });
  const listing = useQuery({ queryKey: commitmentKeys.listing(partyId), queryFn: () => commitmentsApi.listing(partyId), enabled: read });
  const counts = useQuery({ queryKey: commitmentKeys.counts(partyId, verified, units), queryFn: () => commitmentsApi.incidentCounts(partyId, verified, units), enabled: canCountPartyIncidents(role) });
  if (!read) return null;
  const manage = canManageCommitments(role);
  const items = commitments.data?.items ?? [];
  return (
    <>
    <div className="party-compliance" data-testid="party-compliance">
      <div className="party-compliance-data">
        <section className="panel" aria-labelledby="party-timeline-title">
          <h2 id="party-timeline-title">{t('commitments.timeline.heading')}</h2>
          {commitments.isError && <ApiErrorMessage error={commitments.error} onRetry={() => void commitments.refetch()} />}
          {commitments.data && listing.data && (
            <PartyTimeline commitments={items} listing={listing.data.items} counts={counts.data} today={commitments.data.today} />
          )}
        </section>
        {canCountPartyIncidents(role) && <PartyIncidentCounts counts={counts} verified={verified} onVerified={setVerified} units={units} onUnits={setUnits} commitments={items} />}
        <section className="panel" aria-labelledby="party-commitments-title" data-testid="party-commitments">
          <h2 id="party-commitments-title">{t('commitments.party.commitments')}</h2>
          {commitments.data && (items.length === 0 ? <p className="muted">{t('commitments.party.none')}</p> : <CommitmentTable items={items} partyId={partyId} />)}
          {manage && <p><Link className="button secondary" to={`/commitments/new?party=${encodeURIComponent(partyId)}`} data-testid="party-new-commitment">{t('commitments.party.new')}</Link></p>}
        </section>
        <PartyListing partyId={partyId} canManage={manage} />
      </div>
      <aside className="party-compliance-aside">
        <PartyAssessment partyId={partyId} canManage={manage} />
      </aside>
    </div>
    {/* Public reports after the mission's own counts, at full width (its tables are wide); never added to them. */}
    <PartyPrevalence partyId={partyId} />
    </>
  );
}
