// Why: the protected tier as the dashboard shows it (the viewers' only figures; a view for everyone else): every
// table of the catalogue's releases, as protected by the disclosure module. A suppressed cell is hatched in the
// chart and says "suppressed" in the table, with its reason (P primary, S secondary) for the organisation's own
// readers, and without it in figures meant to leave the organisation (docs/ANALYSIS.md, "Limits").
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartWords } from '../../../../src/shared/charts/figure.ts';
import { crossTab, figureRows, fromProtected, leafCodes } from '../../../../src/shared/charts/figure.ts';
import { heatmapHeight, heatmapOption, type Caption } from '../../../../src/shared/charts/options.ts';
import type { ProtectedDimension, ProtectedRelease, ProtectedTableOut } from '../../../../src/shared/stats.ts';
import type { DashboardState } from '../../dashboardQuery.ts';
import { RELEASES, useChartWords, useRelease, type ReleaseId } from '../../stats.ts';
import { ApiErrorMessage } from '../ApiErrorMessage.tsx';
import { FigurePanel } from './FigurePanel.tsx';
import { FigureTable } from './FigureTable.tsx';

/** Rows and columns of a protected table: periods and victim categories across, the other dimension down. */
export function tableAxes(table: Pick<ProtectedTableOut, 'dimensions'>): [ProtectedDimension, ProtectedDimension] {
  const across = table.dimensions.includes('period') ? 'period' : 'victimCategory';
  return [table.dimensions.find((d) => d !== across)!, across];
}

const NO_PARTIES: Readonly<Record<string, string>> = {};

/** Areas of other countries are left out when a country is chosen (display only: the release is one whole). */
const inCountry = (country: string) => (code: string) => !country || code === 'total' || code === country || code.startsWith(`${country}/`);

export function SuppressionLegend({ threshold, withReason }: { threshold: number; withReason: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className="suppression-legend" data-testid="suppression-legend">
      {withReason
        ? <><li>{t('dashboard.suppressed.primary', { threshold })}</li><li>{t('dashboard.suppressed.secondary')}</li></>
        : <li>{t('dashboard.suppressed.outside')}</li>}
    </ul>
  );
}

function ProtectedTable({ release, table, words, country }: { release: ProtectedRelease; table: ProtectedTableOut; words: ChartWords; country: string }) {
  const { t } = useTranslation();
  // The server gives the reason only to coordinators; everyone else reads "suppressed" alone.
  const withReason = release.tables.some((tb) => tb.cells.some((c) => c.suppressed === 'primary' || c.suppressed === 'secondary'));
  const [rows, columns] = tableAxes(table);
  const figure = useMemo(() => fromProtected(table, release.grain), [table, release.grain]);
  const tab = useMemo(() => {
    const all = crossTab(figure, rows, columns, { words });
    return rows === 'area' ? crossTab(figure, rows, columns, { words, rows: all.rows.filter(inCountry(country)), columns: all.columns }) : all;
  }, [figure, rows, columns, words, country]);
  const chart = useCallback((_: number, caption?: Caption) => {
    const leaves = crossTab(figure, rows, columns, { words, rows: leafCodes(rows, tab.rows), columns: leafCodes(columns, tab.columns) });
    return { option: heatmapOption(leaves, words, { rows, columns, caption, withReason }), height: heatmapHeight(leaves.rows.length, caption) };
  }, [figure, rows, columns, words, tab, withReason]);
  const title = t(`dashboard.tables.${table.id}` as 'dashboard.tables.violations-by-quarter-and-form');
  return (
    <FigurePanel
      id={table.id} title={title} words={words} state={{ isPending: false, error: null, refetch: () => undefined }}
      meta={{ rule: release.rule, asOf: release.computedAt, protection: { threshold: release.threshold, through: release.through } }}
      empty={tab.rows.length === 0 || tab.columns.length === 0} chart={chart} rows={() => figureRows(figure, words, { withReason })}
      note={<SuppressionLegend threshold={release.threshold} withReason={withReason} />}
      table={<FigureTable caption={title} words={words} rowDimension={rows} columnDimension={columns} rows={tab.rows} columns={tab.columns} cell={tab.cell} withReason={withReason} testId={`${table.id}-table`} />}
    />
  );
}

function Release({ id, state }: { id: ReleaseId; state: DashboardState }) {
  const { t } = useTranslation();
  const release = useRelease(id);
  const countries = useMemo(() => [...new Set(release.data?.tables.flatMap((tb) => tb.cells.flatMap((c) => c.key.filter((k) => /^[A-Z]{3}\//.test(k)).map((k) => k.slice(0, 3)))) ?? [])], [release.data]);
  const words = useChartWords(countries, release.data?.parties ?? NO_PARTIES);
  if (!release.data) {
    return (
      <section className="panel figure" aria-busy={release.isPending}>
        {release.isPending && <p className="loading" role="status">{t('app.loading')}</p>}
        {release.error ? <ApiErrorMessage error={release.error} onRetry={() => void release.refetch()} /> : null}
      </section>
    );
  }
  return <>{release.data.tables.map((tb) => <ProtectedTable key={tb.id} release={release.data} table={tb} words={words} country={state.country} />)}</>;
}

export function ProtectedFigures({ state }: { state: DashboardState }) {
  return <div className="figures-grid">{RELEASES.map((id) => <Release key={id} id={id} state={state} />)}</div>;
}
