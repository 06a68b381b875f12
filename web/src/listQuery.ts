// Why: the incident list's filters live in the URL query string (shareable, back-button friendly). This file
// reads them defensively and writes back only filter values: never narrative or identifying text (party
// and source organisation names are restricted, not identifying, and searched in clear by the server).
import { INCIDENT_SORTS } from '../../src/shared/incident.ts';
import type { EXPORT_FORMATS, EXPORT_PURPOSES, ExportLabels, ExportRows } from '../../src/shared/export.ts';
import type { LabelLanguage } from '../../src/shared/labels.ts';
import { SV_FORMS, VERIFICATION_STATUSES, VICTIM_CATEGORIES } from '../../src/shared/taxonomy.ts';
import type { SvForm, VerificationStatus, VictimCategory } from '../../src/shared/taxonomy.ts';

export type IncidentSort = (typeof INCIDENT_SORTS)[number];
export const PAGE_SIZES = [25, 50, 100, 200] as const;
const DEFAULT_SORT: IncidentSort = '-occurredFrom';
const DEFAULT_PAGE_SIZE = 50;

export interface ListFilters {
  status: VerificationStatus[];
  form: SvForm | '';
  country: string;
  admin1: string;
  from: string;
  to: string;
  q: string;
  /** Alleged party: part of its name, any perpetrator of the incident. */
  party: string;
  /** Incidents counting at least one victim in any of these categories. */
  victim: VictimCategory[];
  /** Contributing organisation of any source: part of its name. */
  sourceOrg: string;
  /** Only incidents verified after the quarter in which they occurred (`late=true`). */
  late: boolean;
  sort: IncidentSort;
  page: number;
  pageSize: number;
}

const isoDate = (v: string | null): string => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
const oneOf = <T extends string>(list: readonly T[], v: string | null | undefined): v is T => list.some((x) => x === v);
const positiveInt = (v: string | null, fallback: number, max: number): number => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
};

export function readFilters(params: URLSearchParams): ListFilters {
  const status = (params.get('status') ?? '').split(',').filter((s): s is VerificationStatus => oneOf(VERIFICATION_STATUSES, s));
  const victim = (params.get('victim') ?? '').split(',').filter((v): v is VictimCategory => oneOf(VICTIM_CATEGORIES, v));
  const form = (params.get('form') ?? '').split(',').find((f): f is SvForm => oneOf(SV_FORMS, f)) ?? '';
  const country = params.get('country') ?? '';
  const sort = params.get('sort');
  return {
    status: [...new Set(status)],
    form,
    country: /^[A-Z]{3}$/.test(country) ? country : '',
    admin1: (params.get('admin1') ?? '').slice(0, 120),
    from: isoDate(params.get('from')),
    to: isoDate(params.get('to')),
    q: (params.get('q') ?? '').slice(0, 100),
    party: (params.get('party') ?? '').slice(0, 200),
    // In the taxonomy's order, so the same choice always makes the same URL.
    victim: VICTIM_CATEGORIES.filter((c) => victim.includes(c)),
    sourceOrg: (params.get('sourceOrg') ?? '').slice(0, 200),
    late: params.get('late') === 'true',
    sort: oneOf(INCIDENT_SORTS, sort) ? sort : DEFAULT_SORT,
    page: positiveInt(params.get('page'), 1, 1_000_000),
    pageSize: positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE, 200),
  };
}

/** Query string for both the address bar and the API; defaults are left out to keep URLs short. */
export function writeFilters(f: ListFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.status.length) p.set('status', f.status.join(','));
  if (f.form) p.set('form', f.form);
  if (f.country) p.set('country', f.country);
  if (f.country && f.admin1) p.set('admin1', f.admin1);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.party.trim()) p.set('party', f.party.trim());
  if (f.victim.length) p.set('victim', VICTIM_CATEGORIES.filter((c) => f.victim.includes(c)).join(','));
  if (f.sourceOrg.trim()) p.set('sourceOrg', f.sourceOrg.trim());
  if (f.late) p.set('late', 'true');
  if (f.sort !== DEFAULT_SORT) p.set('sort', f.sort);
  if (f.page !== 1) p.set('page', String(f.page));
  if (f.pageSize !== DEFAULT_PAGE_SIZE) p.set('pageSize', String(f.pageSize));
  return p;
}

export const hasFilters = (f: ListFilters): boolean =>
  f.status.length > 0 || !!f.form || !!f.country || !!f.from || !!f.to || !!f.q.trim() || !!f.party.trim() || f.victim.length > 0
  || !!f.sourceOrg.trim() || f.late;

/** How many filters other than the search are set (each control counts once: three statuses are one filter). */
export const activeFilterCount = (f: ListFilters): number =>
  [f.status.length > 0, !!f.form, !!f.country, !!(f.country && f.admin1), !!f.from, !!f.to, !!f.party.trim(), f.victim.length > 0, !!f.sourceOrg.trim(), f.late]
    .filter(Boolean).length;

/** The export panel's choices, typed from the shared contract (src/shared/export.ts); `lang` is the user's. */
export interface ExportOptions {
  format: (typeof EXPORT_FORMATS)[number];
  hxl: boolean;
  purpose: (typeof EXPORT_PURPOSES)[number];
  labels: ExportLabels;
  lang: LabelLanguage;
  rows: ExportRows;
}

/** The filters as an export's query spells them (no sorting or paging: everything matching goes). */
const exportFilters = (f: ListFilters) => writeFilters({ ...f, sort: DEFAULT_SORT, page: 1, pageSize: DEFAULT_PAGE_SIZE });

/** An export's query: the list's filters and every option. */
export function exportQuery(f: ListFilters, o: ExportOptions): URLSearchParams {
  const p = exportFilters(f);
  p.set('format', o.format);
  p.set('hxl', String(o.hxl));
  p.set('purpose', o.purpose);
  p.set('labels', o.labels);
  p.set('lang', o.lang);
  p.set('rows', o.rows);
  return p;
}

/** The query of an export's count: only what changes the number (filters, purpose, rows), so other choices reuse it. */
export function exportCountQuery(f: ListFilters, o: Pick<ExportOptions, 'purpose' | 'rows'>): URLSearchParams {
  const p = exportFilters(f);
  p.set('purpose', o.purpose);
  p.set('rows', o.rows);
  return p;
}
