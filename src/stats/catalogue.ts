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
 *   the decision (a report flags them: they change earlier periods' figures).
 * Not incidents by setting: its total (verified incidents per period) less the parties release's published
 * cells would give a suppressed party cell, as every incident counts under at least one party code.
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
];

/**
 * A listing evidence pack's release: one party's violations (with its units') by year, form and region.
 * Violations, not incidents: an incident of two forms is two violations, so totals are sums of their forms
 * (incidents by form would count it twice), and no cell equals one of the parties release (incidents), which
 * the pack's protection could otherwise suppress while the catalogue publishes it. As in the violations
 * release, a cell made of fewer incidents than the threshold is suppressed whatever its value.
 */
export const partyRelease = (partyId: string): CatalogueRelease => ({
  id: 'party',
  choice: { ...verified('violations'), rollup: true },
  grain: 'year',
  dimensions: ['period', 'form', 'area'],
  filters: { party: [partyId] },
  tables: [
    { id: 'party-violations-by-year-and-form', dimensions: ['period', 'form'] },
    { id: 'party-violations-by-area-and-year', dimensions: ['area', 'period'], levels: { area: ['country', 'admin1'] } },
  ],
});
