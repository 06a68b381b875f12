/**
 * The counting rules, written once (docs/ANALYSIS.md says them in plain words; the web app shows them beside
 * every figure). Pure: no I/O. Two faces of the same rules:
 * - `countFact` and `factsOf`: what one stored record contributes, in TypeScript. The tests recompute
 *   figures with it independently of the engine's SQL and compare.
 * - the `*Sql` fragments: the same rules as SQL over `stat_facts`, which the engine (engine.ts) assembles.
 *
 * Which records have facts at all is decided where the facts are written (migration 0024, `stat_sync`):
 * COUNTED_RECORDS below is the same rule, for the recomputation.
 */
import type { CountingChoice, StatDateBasis, StatFilters } from '../shared/stats.ts';
import type { SvForm, VictimCategory } from '../shared/taxonomy.ts';
import { VICTIM_CATEGORIES } from '../shared/taxonomy.ts';

/** The form of the separate track: exploitation and abuse by UN or humanitarian personnel. */
export const SEA_FORM: SvForm = 'sea_un_humanitarian';
/** "Reported" means every allegation except those found not to have occurred. */
export const NOT_COUNTED_AS_REPORTED = 'found_not_occurred';

/** A record is counted when it is not soft-deleted and is not a duplicate linked to another (its canonical record counts). */
export const COUNTED_RECORDS = (r: { deletedAt: unknown; canonicalId: unknown }): boolean => r.deletedAt == null && r.canonicalId == null;

/** One fact as the engine stores it (stat_facts), in the shape the recomputation uses. */
export interface Fact {
  incidentId: string;
  first: boolean;
  occurred: string;
  recorded: string;
  decided: string | null;
  form: string;
  status: string;
  late: boolean;
  decisionRoute: string | null;
  country: string;
  admin1: string | null;
  admin2: string | null;
  setting: string | null;
  parties: readonly string[];
  partyCategories: readonly string[];
  sourceOrgs: readonly string[];
  consentOutside: boolean;
  incidentTally: Readonly<Record<VictimCategory, number>>;
  violationTally: Readonly<Record<VictimCategory, number>>;
}

export const dateOf = (basis: StatDateBasis, f: Pick<Fact, 'occurred' | 'recorded' | 'decided'>): string | null =>
  basis === 'occurred' ? f.occurred : basis === 'recorded' ? f.recorded : f.decided;

/** Does the fact fall within the choice's records (status scope and track)? */
export function inChoice(choice: Pick<CountingChoice, 'records' | 'track'>, f: Pick<Fact, 'status' | 'form'>): boolean {
  if (choice.records === 'verified' ? f.status !== 'verified' : f.status === NOT_COUNTED_AS_REPORTED) return false;
  return choice.track === 'sea' ? f.form === SEA_FORM : f.form !== SEA_FORM;
}

/**
 * Victims are counted from the incident's tally (distinct victims), unless the figure is about forms (broken
 * down or filtered by form): then from each violation's tally (the victims of that form; an incident's victims
 * of two forms count under each form, once per form).
 */
export const victimsPerViolation = (by: readonly string[], filters: Pick<StatFilters, 'form'>): boolean =>
  by.includes('form') || (filters.form?.length ?? 0) > 0;

/**
 * Incidents are counted once per cell: an incident with two violations of the cell's forms once; an
 * incident alleging two parties once under each party (so a breakdown by party does not add up to the
 * total, which counts it once); an incident's victims likewise once per party.
 */
export function victimsOf(f: Fact, perViolation: boolean, categories: readonly VictimCategory[] = VICTIM_CATEGORIES): number {
  const t = perViolation ? f.violationTally : f.incidentTally;
  return categories.reduce((s, c) => s + t[c], 0);
}

// ---- The same rules as SQL over stat_facts (alias f) ----

export const DATE_COLUMN: Record<StatDateBasis, string> = { occurred: 'f.occurred', recorded: 'f.recorded', decided: 'f.decided' };

/** The status scope and track, as a condition. */
export function choiceSql(choice: Pick<CountingChoice, 'records' | 'track'>): string {
  const status = choice.records === 'verified' ? "f.status = 'verified'" : `f.status <> '${NOT_COUNTED_AS_REPORTED}'`;
  const track = choice.track === 'sea' ? `f.form = '${SEA_FORM}'` : `f.form <> '${SEA_FORM}'`;
  return `${status} AND ${track}`;
}

export const tallySql = (perViolation: boolean, categories: readonly VictimCategory[]): string =>
  categories.map((c) => `f.${perViolation ? 'v' : 'i'}_${c}`).join(' + ') || '0';

/** The same over the rollups' shape, where the status scope and the track are flags (not every slice keeps status and form). */
export function choiceRollupSql(choice: Pick<CountingChoice, 'records' | 'track'>): string {
  return `${choice.records === 'verified' ? 'f.verified' : 'f.counted'} AND ${choice.track === 'sea' ? 'f.sea' : 'NOT f.sea'}`;
}
