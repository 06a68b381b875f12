/**
 * The protected tier's catalogue: the only tables of figures that leave the restricted tier (the viewer's
 * dashboard, statistics exports; later reports, federation packages and the public portal). Free-form
 * queries are never protected one by one: two overlapping protected answers could be differenced to
 * recover a suppressed count. Each release fixes its counting rule, its dimensions, the period grain and its
 * filters, and all its tables are protected together (docs/ANALYSIS.md, "Protected aggregates").
 *
 * One release per unit: tables counting the same population (violations, victims, attributions to parties)
 * share cells and totals and are protected jointly; different units are different populations.
 */
import type { CountingChoice, PeriodGrain, ProtectedDimension, StatFilters } from '../shared/stats.ts';

export interface CatalogueTable {
  id: string;
  /** The release's dimensions this table shows (others stand at their total). */
  dimensions: readonly ProtectedDimension[];
  /** Hierarchical dimensions: the levels shown (period: year and quarter; area: country and admin 1). */
  levels?: Partial<Record<'period' | 'area', readonly ('year' | 'quarter' | 'country' | 'admin1')[]>>;
  /** Show the grand total of the dimension (false for parties: an incident alleging two parties counts under each). */
  totals?: boolean;
}

export interface CatalogueRelease {
  id: string;
  choice: CountingChoice;
  /** The finest period the release shows. */
  grain: Extract<PeriodGrain, 'quarter' | 'year'>;
  /** The dimensions of the release; `area` is country > admin 1. */
  dimensions: readonly ProtectedDimension[];
  tables: readonly CatalogueTable[];
  /** What the release counts beyond its rule (a report's: late verifications only, one party). */
  filters?: Omit<StatFilters, 'from' | 'to'>;
}

const verified = (unit: CountingChoice['unit']): CountingChoice => ({ unit, records: 'verified', date: 'occurred', track: 'crsv', rollup: false });

export const CATALOGUE: readonly CatalogueRelease[] = [
  {
    id: 'violations',
    choice: verified('violations'),
    grain: 'quarter',
    dimensions: ['period', 'form', 'area'],
    tables: [
      { id: 'violations-by-quarter-and-form', dimensions: ['period', 'form'] },
      { id: 'violations-by-area-and-year', dimensions: ['area', 'period'], levels: { period: ['year'], area: ['country', 'admin1'] } },
    ],
  },
  {
    id: 'victims',
    choice: verified('victims'),
    grain: 'quarter',
    dimensions: ['period', 'victimCategory', 'area'],
    tables: [
      { id: 'victims-by-quarter-and-category', dimensions: ['period', 'victimCategory'] },
      { id: 'victims-by-area-and-category', dimensions: ['area', 'victimCategory'], levels: { area: ['country', 'admin1'] } },
    ],
  },
  {
    id: 'parties',
    choice: { ...verified('incidents'), rollup: true },
    grain: 'year',
    dimensions: ['party', 'period'],
    tables: [{ id: 'incidents-by-party-and-year', dimensions: ['party', 'period'], totals: false }],
  },
];

export const releaseById = (id: string): CatalogueRelease | undefined => CATALOGUE.find((r) => r.id === id);

/**
 * Releases only reports publish, beside the catalogue's (whose tables a report shows as the dashboard does):
 * each counts another population, so none of its cells is a sum of the catalogue's cells.
 * - late verifications: violations verified in a quarter after the one they occurred in, by the quarter of
 *   the decision (a report flags them: they change earlier periods' figures);
 * - patterns: verified incidents by setting (detention, displacement site, ...) and year.
 */
export const REPORT_RELEASES: readonly CatalogueRelease[] = [
  {
    id: 'late-verifications',
    choice: { unit: 'violations', records: 'verified', date: 'decided', track: 'crsv', rollup: false },
    grain: 'quarter',
    dimensions: ['period', 'form'],
    filters: { late: true },
    tables: [{ id: 'late-violations-by-decision-quarter-and-form', dimensions: ['period', 'form'] }],
  },
  {
    id: 'settings',
    choice: verified('incidents'),
    grain: 'quarter',
    dimensions: ['period', 'setting'],
    tables: [{ id: 'incidents-by-quarter-and-setting', dimensions: ['period', 'setting'] }],
  },
];

/**
 * A listing evidence pack's release: one party (with its units) by year, form and region. Its totals by year
 * are the parties release's cells of that party, so the caller forces as suppressed every year the parties
 * release suppresses (a pack never publishes what the catalogue withholds).
 */
export const partyRelease = (partyId: string): CatalogueRelease => ({
  id: 'party',
  choice: { ...verified('incidents'), rollup: true },
  grain: 'year',
  dimensions: ['period', 'form', 'area'],
  filters: { party: [partyId] },
  tables: [
    { id: 'party-incidents-by-year-and-form', dimensions: ['period', 'form'] },
    { id: 'party-incidents-by-area-and-year', dimensions: ['area', 'period'], levels: { area: ['country', 'admin1'] } },
  ],
});
