/**
 * The shared reference layer as data: one party per UCDP actor id, with its names, category, countries,
 * active years and ids, built from the files in ./reference (their README says every rule). Pure but for
 * reading the two bundled files once; seed.ts writes the result.
 */
import { readFileSync } from 'node:fs';
import countries from 'i18n-iso-countries';
import { countryCode } from '../shared/country.ts';
import { countryName } from '../shared/labels.ts';
import type { PartyCategory, PartyNameKind, PartySource } from '../shared/parties.ts';
import { GOVERNMENT_OF, readReferenceFiles, type ActorFacts, type ReadFiles } from './reference-files.ts';
import { partyKeys } from './search-key.ts';
import { GENERIC_STATE_FORCES, STATE_FORCES } from './state-forces.ts';

export const UCDP: PartySource = 'ucdp-prio-acd-25.1';
export const SVAC: PartySource = 'svac-3.2';
export const SALAMA: PartySource = 'salama';

export interface ReferenceName { name: string; language: string | null; kind: PartyNameKind; source: PartySource }
export interface ReferenceId { scheme: 'ucdp_actor' | 'ucdp_conflict'; value: string; source: PartySource }
export interface ReferenceParty {
  ucdpId: string;
  name: string;
  shortName: string | null;
  category: PartyCategory;
  countries: string[];
  activeFrom: string | null;
  activeTo: string | null;
  source: PartySource;
  names: ReferenceName[];
  ids: ReferenceId[];
}
export interface ReferenceData {
  parties: ReferenceParty[];
  skipped: { idsWithoutName: number; svacRowsWithoutId: number; svacRowsContradicted: number; secondarySidesUnmatched: number };
}

/** SVAC actor_type -> category: states (1 government, 2 and 4 supporting states, 5 second state), rebels, militias. */
const SVAC_TYPES: Readonly<Record<string, PartyCategory>> = {
  1: 'state_forces', 2: 'state_forces', 3: 'non_state_armed_group', 4: 'state_forces', 5: 'state_forces', 6: 'pro_government_militia',
};
/** Gleditsch-Ward codes that never lead a side of the conflict file (so it does not say which country they are). */
const GW_FALLBACK: Readonly<Record<string, string>> = { 359: 'MDA', 835: 'BRN', 900: 'AUS' };

const iso3 = (name: string): string | null => countryCode(countries, name);

/** The latest name, ties broken alphabetically (for the conflict file's names). */
const latest = (names: Map<string, number>): string | null =>
  [...names].sort(([a, ya], [b, yb]) => yb - ya || a.localeCompare(b))[0]?.[0] ?? null;
/** SVAC's most used name, then the latest, then alphabetically. */
const commonest = (names: ActorFacts['svacNames']): string | null =>
  [...names].sort(([a, x], [b, y]) => y.rows - x.rows || y.lastYear - x.lastYear || a.localeCompare(b))[0]?.[0] ?? null;

function category(f: ActorFacts): PartyCategory {
  const typed = [...f.svacTypes].sort((a, b) => b.year - a.year || a.type.localeCompare(b.type))[0];
  const svac = typed ? SVAC_TYPES[typed.type] : undefined;
  if (svac) return svac;
  return [...f.acdNames.keys()].some((n) => n.startsWith(GOVERNMENT_OF)) ? 'state_forces' : 'non_state_armed_group';
}

/** The names of a state forces party: its forces' own (mission countries) or "State forces of X". */
function stateNames(country: string, code: string | null): { names: ReferenceName[]; short: string | null } {
  const own = code ? STATE_FORCES[code] : undefined;
  if (own) {
    return {
      short: own.short,
      names: [
        { name: own.en, language: 'en', kind: 'canonical', source: SALAMA }, { name: own.fr, language: 'fr', kind: 'canonical', source: SALAMA },
        { name: own.ar, language: 'ar', kind: 'canonical', source: SALAMA }, { name: own.short, language: null, kind: 'short', source: SALAMA },
      ],
    };
  }
  const names: ReferenceName[] = [{ name: GENERIC_STATE_FORCES.en(country), language: 'en', kind: 'canonical', source: SALAMA }];
  if (code) for (const lang of ['fr', 'ar'] as const) names.push({ name: GENERIC_STATE_FORCES[lang](countryName(lang, code)), language: lang, kind: 'canonical', source: SALAMA });
  return { names, short: null };
}

/** Names in order, each once (two spellings folding to the same key are one name: the first is kept). */
function distinct(names: readonly ReferenceName[]): ReferenceName[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = partyKeys(n.name).exactKey;
    return key !== '' && !seen.has(key) && !!seen.add(key);
  });
}

function years(f: ActorFacts, files: ReadFiles, extraYears: readonly number[]): { activeFrom: string | null; activeTo: string | null } {
  const acd = [...f.acdYears, ...extraYears];
  const all = [...acd, ...f.svacYears];
  if (all.length === 0) return { activeFrom: null, activeTo: null };
  const open = acd.includes(files.acdLastYear) || f.svacYears.includes(files.svacLastYear);
  return { activeFrom: String(Math.min(...all)), activeTo: open ? null : String(Math.max(...all)) };
}

function party(f: ActorFacts, files: ReadFiles, extra: { conflicts: Set<string>; years: number[] }): ReferenceParty {
  const cat = category(f);
  const acdCanonical = latest(f.acdNames);
  const svacCanonical = commonest(f.svacNames);
  const government = latest(new Map([...f.acdNames].filter(([n]) => n.startsWith(GOVERNMENT_OF))));
  const state = cat === 'state_forces' ? (government ? government.slice(GOVERNMENT_OF.length) : acdCanonical ?? svacCanonical) : null;
  const code = state ? iso3(state) : null;
  const own = state ? stateNames(state, code) : null;
  const names = distinct([
    ...[...f.acdNames.keys()].map((name): ReferenceName => ({ name, language: 'en', kind: !own && name === acdCanonical ? 'canonical' : 'alias', source: UCDP })),
    ...[...f.svacNames.keys()].map((name): ReferenceName => ({ name, language: 'en', kind: !own && !acdCanonical && name === svacCanonical ? 'canonical' : 'alias', source: SVAC })),
    ...(own?.names ?? []),
  ]);
  const inAcd = f.acdYears.length > 0 || extra.years.length > 0;
  const gw = (g: string) => GW_FALLBACK[g] ?? (files.governmentCodes.has(g) ? iso3(files.governmentCodes.get(g)!) : null);
  const located = state ? (code ? [code] : []) : [...new Set([...f.locations].map(gw).filter((c): c is string => c !== null))].sort();
  const acdConflicts = new Set([...f.acdConflicts, ...extra.conflicts]);
  return {
    ucdpId: f.id,
    name: own ? own.names[0]!.name : (acdCanonical ?? svacCanonical)!,
    shortName: own?.short ?? null,
    category: cat,
    countries: located,
    ...years(f, files, extra.years),
    source: inAcd ? UCDP : SVAC,
    names,
    ids: [
      { scheme: 'ucdp_actor', value: f.id, source: inAcd ? UCDP : SVAC },
      ...[...acdConflicts].map((value): ReferenceId => ({ scheme: 'ucdp_conflict', value, source: UCDP })),
      ...[...f.svacConflicts].filter((c) => !acdConflicts.has(c)).map((value): ReferenceId => ({ scheme: 'ucdp_conflict', value, source: SVAC })),
    ],
  };
}

/** Builds the reference layer from the two files' text. */
export function buildReference(acdCsv: string, svacCsv: string): ReferenceData {
  const files = readReferenceFiles(acdCsv, svacCsv);
  const named = [...files.actors.values()].filter((f) => f.acdNames.size > 0 || f.svacNames.size > 0);
  // Secondary sides: the one party whose conflict-file name it is, or whose SVAC name is X of "Government of X".
  const byAcdName = new Map<string, string[]>();
  const bySvacName = new Map<string, string[]>();
  for (const f of named) {
    for (const n of f.acdNames.keys()) byAcdName.set(n, [...(byAcdName.get(n) ?? []), f.id]);
    for (const n of f.svacNames.keys()) bySvacName.set(n, [...(bySvacName.get(n) ?? []), f.id]);
  }
  const extra = new Map(named.map((f) => [f.id, { conflicts: new Set<string>(), years: [] as number[] }]));
  const unmatched = new Set<string>();
  for (const s of files.secondary) {
    const byName = byAcdName.get(s.name) ?? [];
    const bySvac = s.name.startsWith(GOVERNMENT_OF) ? bySvacName.get(s.name.slice(GOVERNMENT_OF.length)) ?? [] : [];
    const id = byName.length === 1 ? byName[0] : byName.length === 0 && bySvac.length === 1 ? bySvac[0] : undefined;
    if (id === undefined) { unmatched.add(s.name); continue; }
    extra.get(id)!.conflicts.add(s.conflict);
    extra.get(id)!.years.push(s.year);
  }
  return {
    parties: named.map((f) => party(f, files, extra.get(f.id)!)).sort((a, b) => Number(a.ucdpId) - Number(b.ucdpId)),
    skipped: {
      idsWithoutName: files.actors.size - named.length,
      svacRowsWithoutId: files.svacRowsWithoutId,
      svacRowsContradicted: files.svacRowsContradicted,
      secondarySidesUnmatched: unmatched.size,
    },
  };
}

const REFERENCE_DIR = new URL('./reference/', import.meta.url);
export const REFERENCE_FILES = { acd: new URL('ucdp-prio-acd-251.csv', REFERENCE_DIR), svac: new URL('SVAC_3.2_complete.csv', REFERENCE_DIR) };

let cached: ReferenceData | undefined;
/** The reference layer from the files shipped with Salama (read and built once per process). */
export function referenceParties(): ReferenceData {
  cached ??= buildReference(readFileSync(REFERENCE_FILES.acd, 'utf8'), readFileSync(REFERENCE_FILES.svac, 'utf8'));
  return cached;
}
