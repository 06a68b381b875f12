/**
 * A party's figures per year from the rows of its linked actors. Pure. Several rows can fall in one year (an
 * actor in two conflicts, two actors linked to one party): each source's figure is the highest the rows give;
 * the maximum is the highest over the three sources. "No report" (null) is never a level: a figure is null
 * only when no row of the year has a report from that source. Forms are every form a row of the year reports.
 */
import { REFERENCE_FORMS, type ReferenceForm, type RsvacYear, type SvacYear } from '../shared/reference.ts';

export interface FigureRow {
  year: number;
  statePrev: number | null;
  aiPrev: number | null;
  hrwPrev: number | null;
  childPrev: number | null;
  forms: string[] | null;
}

/** The highest of the values that are reports; null when none is. */
export const highest = (values: readonly (number | null)[]): number | null =>
  values.reduce<number | null>((best, v) => (v === null ? best : best === null ? v : Math.max(best, v)), null);

const byYear = <R extends { year: number }>(rows: readonly R[]): [number, R[]][] => {
  const out = new Map<number, R[]>();
  for (const r of rows) out.set(r.year, [...(out.get(r.year) ?? []), r]);
  return [...out].sort(([a], [b]) => a - b);
};

const inFormOrder = (forms: Iterable<string>): ReferenceForm[] => {
  const set = new Set(forms);
  return REFERENCE_FORMS.filter((f) => set.has(f));
};

function sources(rows: readonly FigureRow[]) {
  const state = highest(rows.map((r) => r.statePrev));
  const ai = highest(rows.map((r) => r.aiPrev));
  const hrw = highest(rows.map((r) => r.hrwPrev));
  return { max: highest([state, ai, hrw]), state, ai, hrw };
}

export function svacYears(rows: readonly FigureRow[]): SvacYear[] {
  return byYear(rows).map(([year, rs]) => {
    const reported = rs.filter((r) => r.forms !== null);
    return {
      year, ...sources(rs), child: highest(rs.map((r) => r.childPrev)),
      forms: reported.length ? inFormOrder(reported.flatMap((r) => r.forms!)) : null, rows: rs.length,
    };
  });
}

export function rsvacYears(rows: readonly FigureRow[]): RsvacYear[] {
  return byYear(rows).map(([year, rs]) => {
    const forms = inFormOrder(rs.flatMap((r) => r.forms ?? []));
    return { year, forms: forms.map((form) => ({ form, ...sources(rs.filter((r) => r.forms?.includes(form))) })) };
  });
}
