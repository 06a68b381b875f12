// Why: the parts of a record that are lists (victim counts, individual victims, perpetrators, sources,
// referrals) as readable tables with translated labels, shared by the detail page and the form's review step.
// "Not specified" wherever nothing was recorded; codes and free text keep their own direction.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { tallyTotal } from '../../../src/shared/incident.ts';
import type { VictimTally } from '../../../src/shared/incident.ts';
import { VICTIM_CATEGORIES } from '../../../src/shared/taxonomy.ts';
import {
  ageGroupLabel, connectionLabel, countryName, displacementStatusLabel, perpetratorCategoryLabel, referralStatusLabel, reliabilityLabel,
  sexLabel, victimLabel,
} from '../format.ts';
import { Link } from 'react-router';
import { canManageParties, useMe } from '../session.tsx';
import type { PerpetratorView, ReferralView, SourceView, SurvivorView } from '../formRows.ts';
import { useListLabels } from '../lookups.ts';

/** A tally as a table: named by its caption, or by the section heading `labelledBy` when that says it all. */
export function TallyTable({ tally, caption, labelledBy }: { tally: VictimTally; caption?: string; labelledBy?: string }) {
  const { t } = useTranslation();
  return (
    <table className="tally-table" aria-labelledby={labelledBy}>
      {caption && <caption>{caption}</caption>}
      <thead><tr>{VICTIM_CATEGORIES.map((c) => <th key={c} scope="col" className="num">{victimLabel(t, c)}</th>)}<th scope="col" className="num">{t('incident.total')}</th></tr></thead>
      <tbody><tr>{VICTIM_CATEGORIES.map((c) => <td key={c} className="num">{tally[c]}</td>)}<td className="num"><strong>{tallyTotal(tally)}</strong></td></tr></tbody>
    </table>
  );
}

interface TableProps<T> { rows: readonly T[]; labelledBy: string; testId: string }

function useCells() {
  const { t } = useTranslation();
  const none = <span className="muted">{t('detail.notSpecified')}</span>;
  return {
    t,
    none,
    text: (v: string | null): ReactNode => (v ? <bdi>{v}</bdi> : none),
    num: (v: number | null): ReactNode => (v === null ? none : v),
    yesNo: (v: boolean | null): ReactNode => (v === null ? <span className="muted">{t('form.notKnown')}</span> : v ? t('detail.yes') : t('detail.no')),
  };
}

/** A table with one numbered row per entry, or a quiet "none recorded". */
function EntryTable({ labelledBy, testId, head, rows }: { labelledBy: string; testId: string; head: string[]; rows: ReactNode[][] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="muted" data-testid={testId}>{t('detail.noneRecorded')}</p>;
  return (
    <div className="table-wrap entry-table-wrap">
      <table className="entry-table" aria-labelledby={labelledBy} data-testid={testId}>
        <thead><tr><th scope="col" className="num">#</th>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
        <tbody>
          {rows.map((cells, i) => (
            <tr key={i}><th scope="row" className="num">{i + 1}</th>{cells.map((c, j) => <td key={j}>{c}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SurvivorsTable({ rows, labelledBy, testId }: TableProps<SurvivorView>) {
  const { t, none, num, yesNo } = useCells();
  return (
    <EntryTable
      labelledBy={labelledBy}
      testId={testId}
      head={[t('survivor.code'), t('survivor.sex'), t('survivor.age'), t('survivor.ageGroup'), t('survivor.child'), t('survivor.disability'), t('survivor.displacement'), t('survivor.nationality')]}
      rows={rows.map((s) => [
        s.code ? <bdi dir="ltr">{s.code}</bdi> : none,
        s.sex ? sexLabel(t, s.sex) : none,
        num(s.age),
        s.ageGroup ? ageGroupLabel(t, s.ageGroup) : none,
        yesNo(s.child),
        yesNo(s.disability),
        s.displacement ? displacementStatusLabel(t, s.displacement) : none,
        s.nationality ? countryName(t, s.nationality) : none,
      ])}
    />
  );
}

export function PerpetratorsTable({ rows, labelledBy, testId }: TableProps<PerpetratorView>) {
  const { t, text, num, yesNo } = useCells();
  return (
    <EntryTable
      labelledBy={labelledBy}
      testId={testId}
      head={[t('perpetrator.party'), t('perpetrator.category'), t('perpetrator.number'), t('perpetrator.inUniform'), t('perpetrator.rank')]}
      rows={rows.map((p) => [<PartyCell key="party" view={p} />, perpetratorCategoryLabel(t, p.category), num(p.number), yesNo(p.inUniform), text(p.rank)])}
    />
  );
}

export function SourcesTable({ rows, labelledBy, testId }: TableProps<SourceView>) {
  const { t, none, text } = useCells();
  const labels = useListLabels();
  return (
    <EntryTable
      labelledBy={labelledBy}
      testId={testId}
      head={[t('source.type'), t('source.reliability'), t('source.connection'), t('source.date'), t('source.organisation')]}
      rows={rows.map((s) => [
        s.type ? labels.sourceType(s.type) : none, reliabilityLabel(t, s.reliability), connectionLabel(t, s.connection),
        s.date ? <span className="nowrap">{s.date}</span> : none, text(s.organisation),
      ])}
    />
  );
}

export function ReferralsTable({ rows, labelledBy, testId }: TableProps<ReferralView>) {
  const { t, none, text } = useCells();
  const labels = useListLabels();
  return (
    <EntryTable
      labelledBy={labelledBy}
      testId={testId}
      head={[t('referral.service'), t('referral.status'), t('referral.date'), t('referral.provider'), t('referral.consentedShort')]}
      rows={rows.map((r) => [
        r.service ? labels.service(r.service) : none, referralStatusLabel(t, r.status),
        r.date ? <span className="nowrap">{r.date}</span> : none, text(r.provider), r.consented ? t('detail.yes') : t('detail.no'),
      ])}
    />
  );
}

/** The party of a perpetrator: a link to its page, an explicit "not known", or a name no party links yet. */
function PartyCell({ view }: { view: PerpetratorView }) {
  const { t, text } = useCells();
  const me = useMe();
  if (view.partyChoice) return <>{t(`parties.special.${view.partyChoice}`)}</>;
  const name = view.party ?? t('detail.notSpecified');
  // The party's page is the coordinators' (they keep the registry); others read the name.
  if (view.partyId) return canManageParties(me.user.role) ? <Link to={`/parties/${view.partyId}`} dir="auto">{name}</Link> : <bdi data-testid="party-linked">{name}</bdi>;
  if (!view.party) return <>{text(null)}</>;
  return <><bdi>{view.party}</bdi> <span className="muted" data-testid="party-unlinked">({t('perpetrator.unlinked')})</span></>;
}
