// Why: a party's record on one time axis: its listing year by year, the commitments it signed, their
// measures (from signature to deadline, coloured by status, overdue in red, evidence as dots), and the
// incidents attributed to it each quarter. Plain SVG (no chart library); time runs right to left in Arabic.
// The tables beside it hold the same facts for screen readers and exact reading.
import { useTranslation } from 'react-i18next';
import type { CommitmentSummary } from '../../../src/shared/commitments.ts';
import type { IncidentCounts, ListingEntry } from '../../../src/shared/compliance.ts';
import { listingLabel, measureKindLabel, progressLabel } from '../commitments.ts';
import { formatDate } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';

const W = 960;
const PAD = { start: 130, end: 20 };
const AXIS = 28;
const LANE = { listing: 30, commitment: 26, measure: 16, incidents: 70 };
const dayOf = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10) || '1'));
const quarterStart = (q: string) => `${q.slice(0, 4)}-${String((Number(q.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`;
const short = (s: string, n = 38) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

interface Props { commitments: readonly CommitmentSummary[]; listing: readonly ListingEntry[]; counts: IncidentCounts | undefined; today: string }

export function PartyTimeline({ commitments, listing, counts, today }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const rtl = lang === 'ar';
  const dates = [
    today, ...commitments.map((c) => c.signedOn), ...commitments.flatMap((c) => c.measures.flatMap((m) => [...(m.deadline ? [m.deadline] : []), ...m.evidenceDates])),
    ...listing.flatMap((e) => [`${e.reportYear}-01-01`, `${e.reportYear}-12-31`]), ...(counts?.quarters ?? []).map((q) => quarterStart(q.quarter)),
  ];
  const first = Math.min(...dates.map((d) => Number(d.slice(0, 4))));
  const last = Math.max(...dates.map((d) => Number(d.slice(0, 4))));
  const from = Date.UTC(first, 0, 1);
  const to = Date.UTC(last + 1, 0, 1);
  const x = (iso: string) => {
    const at = PAD.start + ((dayOf(iso) - from) / (to - from)) * (W - PAD.start - PAD.end);
    return rtl ? W - at : at;
  };
  const labelX = rtl ? W - 8 : 8;
  const anchor = rtl ? 'end' : 'start';
  const measures = commitments.flatMap((c) => c.measures.filter((m) => m.deadline).map((m) => ({ c, m })));
  const top = { listing: AXIS, commitments: AXIS + LANE.listing + 8 };
  const measuresTop = top.commitments + commitments.length * LANE.commitment + 8;
  const incidentsTop = measuresTop + Math.max(1, measures.length) * LANE.measure + 12;
  const H = incidentsTop + LANE.incidents + 24;
  const maxCount = Math.max(1, ...(counts?.quarters ?? []).map((q) => q.incidents));
  const years = Array.from({ length: last - first + 2 }, (_, i) => first + i);
  const quarterWidth = Math.abs(x('2001-04-01') - x('2001-01-01')) || 4;

  return (
    <figure className="party-timeline" data-testid="party-timeline">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="timeline-title timeline-desc" preserveAspectRatio="xMidYMin meet">
        <title id="timeline-title">{t('commitments.timeline.title')}</title>
        <desc id="timeline-desc">{t('commitments.timeline.desc', { commitments: commitments.length, measures: measures.length, listing: listing.length })}</desc>
        {years.map((y) => (
          <g key={y} className="tl-year">
            <line x1={x(`${y}-01-01`)} x2={x(`${y}-01-01`)} y1={AXIS - 6} y2={H - 20} />
            {y <= last && <text x={(x(`${y}-01-01`) + x(`${y + 1}-01-01`)) / 2} y={16} textAnchor="middle">{y}</text>}
          </g>
        ))}
        <text className="tl-lane" x={labelX} y={top.listing + 19} textAnchor={anchor}>{t('commitments.timeline.listing')}</text>
        {listing.map((e) => {
          const [a, b] = [x(`${e.reportYear}-01-01`), x(`${e.reportYear + 1}-01-01`)];
          return (
            <g key={e.id} className={`tl-listing listing-${e.listing}`}>
              <rect x={Math.min(a, b) + 1} y={top.listing + 4} width={Math.abs(b - a) - 2} height={LANE.listing - 10} rx={3}><title>{`${e.reportYear}: ${listingLabel(t, e.listing)} (${e.reportSymbol})`}</title></rect>
              <text x={(a + b) / 2} y={top.listing + 19} textAnchor="middle">{listingLabel(t, e.listing)}</text>
            </g>
          );
        })}
        <text className="tl-lane" x={labelX} y={top.commitments + 17} textAnchor={anchor}>{t('commitments.timeline.commitments')}</text>
        {commitments.map((c, i) => {
          const cx = x(c.signedOn);
          const cy = top.commitments + i * LANE.commitment + 13;
          return (
            <g key={c.id} className="tl-commitment" data-testid="timeline-commitment">
              <line x1={cx} x2={cx} y1={cy} y2={H - 20} className="tl-signed" />
              <path d={`M ${cx} ${cy - 7} L ${cx + 7} ${cy} L ${cx} ${cy + 7} L ${cx - 7} ${cy} Z`}><title>{`${formatDate(c.signedOn, lang)}: ${c.title}`}</title></path>
              <text x={cx + (rtl ? -11 : 11)} y={cy + 4} textAnchor={anchor}>{`${formatDate(c.signedOn, lang)} · ${short(c.title)}`}</text>
            </g>
          );
        })}
        <text className="tl-lane" x={labelX} y={measuresTop + 11} textAnchor={anchor}>{t('commitments.timeline.measures')}</text>
        {measures.map(({ c, m }, i) => {
          const y = measuresTop + i * LANE.measure + 8;
          const state = m.overdue ? 'overdue' : m.progress;
          const label = `${measureKindLabel(t, m.kind)}: ${m.overdue ? t('commitments.overdue', { status: progressLabel(t, m.progress) }) : progressLabel(t, m.progress)} (${formatDate(m.deadline!, lang)})`;
          return (
            <g key={m.id} className={`tl-measure progress-${state}`} data-testid="timeline-measure" data-state={state}>
              <line x1={x(c.signedOn)} x2={x(m.deadline!)} y1={y} y2={y} />
              <circle cx={x(m.deadline!)} cy={y} r={5}><title>{label}</title></circle>
              {m.evidenceDates.map((d, n) => <circle key={n} className="tl-evidence" cx={x(d)} cy={y} r={3}><title>{`${t('commitments.evidence.title')}: ${formatDate(d, lang)}`}</title></circle>)}
            </g>
          );
        })}
        <text className="tl-lane" x={labelX} y={incidentsTop + 14} textAnchor={anchor}>{counts?.verifiedOnly ? t('commitments.timeline.verified') : t('commitments.timeline.incidents')}</text>
        <line className="tl-baseline" x1={x(`${first}-01-01`)} x2={x(`${last + 1}-01-01`)} y1={incidentsTop + LANE.incidents} y2={incidentsTop + LANE.incidents} />
        {(counts?.quarters ?? []).map((q) => {
          const h = (q.incidents / maxCount) * (LANE.incidents - 14);
          const qx = x(quarterStart(q.quarter));
          return (
            <rect key={q.quarter} className="tl-incidents" x={rtl ? qx - quarterWidth + 1 : qx + 1} width={quarterWidth - 2} y={incidentsTop + LANE.incidents - h} height={h} data-testid="timeline-quarter">
              <title>{t('commitments.counts.inQuarter', { quarter: q.quarter, count: q.incidents })}</title>
            </rect>
          );
        })}
        <g className="tl-today">
          <line x1={x(today)} x2={x(today)} y1={AXIS - 6} y2={H - 20} />
          <text x={x(today)} y={H - 6} textAnchor="middle">{t('commitments.timeline.today')}</text>
        </g>
      </svg>
      <figcaption className="hint">{t('commitments.timeline.caption')}</figcaption>
    </figure>
  );
}
