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
import type { CountingChoice, PeriodGrain, ProtectedDimension } from '../shared/stats.ts';

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
