// Why: the map (route /map, a tab of the dashboard, loaded lazily with MapLibre): one country's regions shaded by
// the count under the dashboard's choices, exact (restricted tier) or from the protected catalogue, where
// suppressed regions are hatched. With no country chosen, the country with the most to show is mapped. The
// restricted map alone also draws the counted incidents as points, each only at the precision its record allows
// (MapPoints.tsx); the protected map never asks for them.
import '../dashboard.css';
import { useCallback, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartWords, Figure, FigureCell } from '../../../src/shared/charts/figure.ts';
import { figureRows, orderCodes } from '../../../src/shared/charts/figure.ts';
import type { Caption } from '../../../src/shared/charts/options.ts';
import { NOT_KNOWN, TOTAL_CODE, type MapPoint } from '../../../src/shared/stats.ts';
import { MAPPED_COUNTRIES } from '../boundaries.ts';
import { DashboardFrame, useDashboardState } from '../components/dashboard/DashboardFrame.tsx';
import { FigurePanel, type FigureMeta } from '../components/dashboard/FigurePanel.tsx';
import { FigureTable } from '../components/dashboard/FigureTable.tsx';
import { SuppressionLegend } from '../components/dashboard/ProtectedFigures.tsx';
import { ChoroplethMap, type MapHandle } from '../components/map/ChoroplethMap.tsx';
import { PointsNote, PointsToggle } from '../components/map/MapPoints.tsx';
import { countsQuery, pointsQuery, type DashboardState } from '../dashboardQuery.ts';
import { save } from '../downloads.ts';
import { countryName } from '../format.ts';
import { useChartWords, useCounts, usePoints, useRelease } from '../stats.ts';

const PROTECTED_UNITS = ['violations', 'victims'] as const;
const NO_PARTIES: Readonly<Record<string, string>> = {};

/** The country to map: the one chosen, else the mapped country with the largest count. */
function pickCountry(chosen: string, totals: ReadonlyMap<string, number>): string {
  if (chosen) return chosen;
  const mapped = [...totals].filter(([c, v]) => MAPPED_COUNTRIES.includes(c) && v > 0).sort((a, b) => b[1] - a[1]);
  return mapped[0]?.[0] ?? '';
}

interface MapFigureProps {
  country: string;
  /** Regions (admin 1 codes) and their cells. */
  cells: ReadonlyMap<string, FigureCell>;
  meta: FigureMeta | undefined;
  status: { isPending: boolean; error: unknown; refetch: () => unknown };
  words: ChartWords;
  withReason: boolean;
  title: string;
  note?: ReactNode;
  /** The records' points and what is said under the map about them (restricted map only). */
  points?: readonly MapPoint[];
  below?: ReactNode;
}

function MapFigure({ country, cells, meta, status, words, withReason, title, note, points, below }: MapFigureProps) {
  const { t } = useTranslation();
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const regions = useMemo(() => orderCodes('admin1', [...cells.keys()], { words }), [cells, words]);
  const figure = useMemo((): Figure => ({ dimensions: ['admin1'], grain: 'quarter', cells: regions.map((r) => ({ ...cells.get(r)!, key: [r] })) }), [regions, cells]);
  const savePng = useCallback(async (caption: Caption, fileName: string) => {
    const blob = await handle?.toPng(caption.title, caption.subtitle ? caption.subtitle.split('\n') : []);
    if (blob) save(blob, fileName);
  }, [handle]);
  const fullTitle = country ? `${title} · ${countryName(t, country)}` : title;
  const mapped = MAPPED_COUNTRIES.includes(country);
  return (
    <FigurePanel
      id="map" title={fullTitle} meta={meta} state={status} words={words} empty={!country || (cells.size === 0 && !status.isPending)}
      rows={() => figureRows(figure, words, { withReason })} savePng={mapped && handle ? savePng : undefined}
      note={<>
        {note}
        {country && !mapped && <p className="note" data-testid="map-no-boundaries">{t('dashboard.map.noBoundaries', { country: countryName(t, country) })}</p>}
      </>}
      visual={mapped ? <>
        <ChoroplethMap country={country} cells={cells} words={words} label={t('dashboard.map.label', { title: fullTitle })} withReason={withReason} points={points} onReady={setHandle} />
        {below}
      </> : null}
      table={<FigureTable caption={fullTitle} words={words} rowDimension="admin1" columnDimension={null} rows={regions} columns={['value']} cell={(r) => cells.get(r)!} withReason={withReason} testId="map-table" />}
    />
  );
}

function RestrictedMap({ state, onChange }: { state: DashboardState; onChange: (patch: Partial<DashboardState>) => void }) {
  const { t } = useTranslation();
  const byCountry = useCounts(countsQuery(state, { by: ['country'] }), !state.country);
  const totals = useMemo(() => new Map(byCountry.data?.rows.map((r) => [r.key[0]!, r.value]) ?? []), [byCountry.data]);
  const country = pickCountry(state.country, totals);
  const byRegion = useCounts(countsQuery(state, { by: ['admin1'], country }), !!country);
  const words = useChartWords(country ? [country] : [], NO_PARTIES);
  const cells = useMemo(() => new Map((byRegion.data?.rows ?? []).map((r): [string, FigureCell] => [r.key[0]!, { key: r.key, value: r.value, suppressed: null }])), [byRegion.data]);
  const a = byRegion.data;
  const meta = a && { rule: a.rule, asOf: a.asOf, coverage: a.coverage, selfDecided: a.selfDecided };
  const unknown = cells.get(NOT_KNOWN)?.value ?? 0;
  // Points are identifying and each request is audited: asked for only when shown, and for a country with outlines.
  const showPoints = state.points === 'shown' && MAPPED_COUNTRIES.includes(country);
  const points = usePoints(pointsQuery(state, country), showPoints);
  return (
    <MapFigure
      country={country} cells={cells} meta={meta} status={country ? byRegion : byCountry} words={words} withReason={false}
      title={t('dashboard.map.title', { unit: t(`dashboard.controls.units.${state.unit}`) })}
      note={<>
        {MAPPED_COUNTRIES.includes(country) && <PointsToggle shown={state.points === 'shown'} onChange={(shown) => onChange({ points: shown ? 'shown' : 'hidden' })} />}
        {unknown > 0 && <p className="hint" data-testid="map-not-mapped">{t('dashboard.map.notMapped', { count: unknown })}</p>}
      </>}
      points={showPoints ? points.data?.points : undefined}
      below={showPoints ? <PointsNote answer={points.data} failed={!!points.error} /> : null}
    />
  );
}

function ProtectedMap({ state }: { state: DashboardState }) {
  const { t } = useTranslation();
  const unit = state.unit === 'victims' ? 'victims' : 'violations';
  const release = useRelease(unit);
  // The release's table by area with the other dimension at its total.
  const table = release.data?.tables.find((tb) => tb.dimensions.includes('area'));
  const other = table ? table.dimensions.indexOf(table.dimensions.find((d) => d !== 'area')!) : -1;
  const area = table ? table.dimensions.indexOf('area') : -1;
  const atTotal = useMemo(() => (table ? table.cells.filter((c) => c.key[other] === TOTAL_CODE) : []), [table, other]);
  const totals = useMemo(() => new Map(atTotal.filter((c) => /^[A-Z]{3}$/.test(c.key[area]!)).map((c) => [c.key[area]!, c.value ?? 0])), [atTotal, area]);
  const country = pickCountry(state.country, totals);
  const cells = useMemo(() => new Map(atTotal.filter((c) => c.key[area]!.startsWith(`${country}/`))
    .map((c): [string, FigureCell] => [c.key[area]!.slice(4), { key: [c.key[area]!.slice(4)], value: c.value, suppressed: c.suppressed }])), [atTotal, area, country]);
  const words = useChartWords(country ? [country] : [], NO_PARTIES);
  const r = release.data;
  const meta = r && { rule: r.rule, asOf: r.computedAt, protection: { threshold: r.threshold, through: r.through } };
  // The server gives the reason only to coordinators.
  const withReason = !!table?.cells.some((c) => c.suppressed === 'primary' || c.suppressed === 'secondary');
  return (
    <MapFigure
      country={country} cells={cells} meta={meta} status={release} words={words} withReason={withReason}
      title={t('dashboard.map.protectedTitle', { unit: t(`dashboard.controls.units.${unit}`) })}
      note={<>{r && <SuppressionLegend threshold={r.threshold} withReason={withReason} />}<p className="hint">{t('dashboard.map.protectedUnit')}</p></>}
    />
  );
}

export function MapPage() {
  const [state, update] = useDashboardState();
  return (
    <DashboardFrame state={state} onChange={update} units={state.view === 'protected' ? PROTECTED_UNITS : undefined}>
      {state.view === 'restricted' ? <RestrictedMap state={state} onChange={update} /> : <ProtectedMap state={state} />}
    </DashboardFrame>
  );
}
