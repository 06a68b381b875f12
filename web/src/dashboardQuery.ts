// Why: the dashboard's and the map's choices live in the URL query string (shareable, a reload restores them),
// read defensively as the incident list's filters are (listQuery.ts), with defaults left out of the URL. Only
// codes and dates go there: nothing a record says.
import { STAT_DATE_BASES, STAT_STATUS_SCOPES, STAT_UNITS } from '../../src/shared/stats.ts';
import type { StatDateBasis, StatDimension, StatStatusScope, StatUnit } from '../../src/shared/stats.ts';
import { SV_FORMS } from '../../src/shared/taxonomy.ts';
import type { SvForm } from '../../src/shared/taxonomy.ts';

/** Exact figures over the records one may read, or the protected catalogue (the viewers' only view). */
export const DASHBOARD_VIEWS = ['restricted', 'protected'] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];
/** Whether the restricted map draws the records' points over its areas (shown by default). */
export const MAP_POINTS = ['shown', 'hidden'] as const;
export type MapPoints = (typeof MAP_POINTS)[number];

export interface DashboardState {
  view: DashboardView;
  unit: StatUnit;
  records: StatStatusScope;
  date: StatDateBasis;
  from: string;
  to: string;
  country: string;
  form: SvForm | '';
  points: MapPoints;
}

export const DEFAULT_DASHBOARD: DashboardState = {
  view: 'restricted', unit: 'incidents', records: 'reported', date: 'occurred', from: '', to: '', country: '', form: '', points: 'shown',
};

const oneOf = <T extends string>(list: readonly T[], v: string | null, fallback: T): T => list.find((x) => x === v) ?? fallback;
const isoDate = (v: string | null): string => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');

export function readDashboard(params: URLSearchParams): DashboardState {
  const d = DEFAULT_DASHBOARD;
  const country = params.get('country') ?? '';
  const from = isoDate(params.get('from'));
  const to = isoDate(params.get('to'));
  return {
    view: oneOf(DASHBOARD_VIEWS, params.get('view'), d.view),
    unit: oneOf(STAT_UNITS, params.get('unit'), d.unit),
    records: oneOf(STAT_STATUS_SCOPES, params.get('records'), d.records),
    date: oneOf(STAT_DATE_BASES, params.get('date'), d.date),
    from,
    // A period that ends before it starts is dropped rather than refused.
    to: from && to && to < from ? '' : to,
    country: /^[A-Z]{3}$/.test(country) ? country : '',
    form: oneOf<SvForm | ''>(SV_FORMS, params.get('form'), ''),
    points: oneOf(MAP_POINTS, params.get('points'), d.points),
  };
}

/** The address bar's query: each choice that differs from its default, in a fixed order. */
export function writeDashboard(s: DashboardState): URLSearchParams {
  const p = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_DASHBOARD) as (keyof DashboardState)[]) {
    if (s[key] !== DEFAULT_DASHBOARD[key]) p.set(key, s[key]);
  }
  return p;
}

/** What one figure asks the engine besides the page's choices: its breakdown and, where it differs, its own rule. */
export interface FigureRequest {
  by: readonly StatDimension[];
  unit?: StatUnit;
  records?: StatStatusScope;
  late?: boolean;
  /** The map counts one country at a time. */
  country?: string;
}

/** The query of GET /api/stats/counts for a figure under the page's choices (quarters, every track CRSV). */
export function countsQuery(s: DashboardState, figure: FigureRequest): URLSearchParams {
  const p = new URLSearchParams();
  p.set('unit', figure.unit ?? s.unit);
  p.set('records', figure.records ?? s.records);
  p.set('date', s.date);
  if (figure.by.length) p.set('by', figure.by.join(','));
  p.set('grain', 'quarter');
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  const country = figure.country ?? s.country;
  if (country) p.set('country', country);
  if (s.form) p.set('form', s.form);
  if (figure.late !== undefined) p.set('late', String(figure.late));
  return p;
}

/** The query of GET /api/stats/points: the same choices and filters as the map's counts, no breakdown. */
export function pointsQuery(s: DashboardState, country: string): URLSearchParams {
  const p = countsQuery(s, { by: [], country });
  p.delete('grain');
  return p;
}
