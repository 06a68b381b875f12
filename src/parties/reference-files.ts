/**
 * Reading the two reference files (reference/README.md says what is read and why): the UCDP/PRIO conflict
 * file's sides, with names paired to ids by elimination, and SVAC's actor-years, with the rows the conflict
 * file contradicts left out. Pure: text in, facts per UCDP actor id out.
 */
import { parse } from 'csv-parse/sync';
import { words } from '../places/fold.ts';

export const GOVERNMENT_OF = 'Government of ';

/** Facts about one UCDP actor id, gathered from both files. */
export interface ActorFacts {
  id: string;
  /** Names the conflict file settles for the id, with the last year each was seen. */
  acdNames: Map<string, number>;
  /** Accepted SVAC names, with how many rows and the last year. */
  svacNames: Map<string, { rows: number; lastYear: number }>;
  /** Conflict ids by the file that shows the actor in them. */
  acdConflicts: Set<string>;
  svacConflicts: Set<string>;
  acdYears: number[];
  /** Years SVAC codes as active conflict-years of the actor. */
  svacYears: number[];
  /** SVAC actor_type by year (accepted rows with a type). */
  svacTypes: { year: number; type: string }[];
  /** Gleditsch-Ward codes of the conflicts' locations. */
  locations: Set<string>;
}

export interface SecondarySide { name: string; conflict: string; year: number }

export interface ReadFiles {
  actors: Map<string, ActorFacts>;
  secondary: SecondarySide[];
  /** Gleditsch-Ward code -> the X of the "Government of X" sides that carry it. */
  governmentCodes: Map<string, string>;
  acdLastYear: number;
  svacLastYear: number;
  svacRowsWithoutId: number;
  svacRowsContradicted: number;
}

type Row = Record<string, string>;
const rows = (text: string): Row[] => parse<Row>(text, { columns: true, skip_empty_lines: true, bom: true });
/** SVAC actor types that are states (1 government, 2 and 4 supporting states, 5 second state). */
export const STATE_TYPES = new Set(['1', '2', '4', '5']);
/** A name's words of three letters or more ("of", "al" say nothing about which actor it is). */
const longWords = (name: string): string[] => words(name).filter((w) => w.length >= 3);
const list = (cell: string | undefined): string[] => (cell ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** Names in a side cell: split at commas outside parentheses ("CPP, Military faction (forces of Honasan, ...)"). */
export function splitNames(cell: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of cell) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  out.push(current.trim());
  return out.filter(Boolean);
}

function facts(actors: Map<string, ActorFacts>, id: string): ActorFacts {
  let f = actors.get(id);
  if (!f) {
    f = { id, acdNames: new Map(), svacNames: new Map(), acdConflicts: new Set(), svacConflicts: new Set(), acdYears: [], svacYears: [], svacTypes: [], locations: new Set() };
    actors.set(id, f);
  }
  return f;
}

const settle = (f: ActorFacts, name: string, year: number) => f.acdNames.set(name, Math.max(year, f.acdNames.get(name) ?? year));

interface Group { ids: string[]; names: string[]; year: number }

/**
 * Pairs the names of multi-actor sides with their ids: a side whose ids all but one have a name among the
 * side's names gives the remaining name to the remaining id; an SVAC name of an id among the remaining names
 * settles it. Until nothing changes.
 */
function eliminate(actors: Map<string, ActorFacts>, groups: readonly Group[], svacNames: Map<string, Set<string>>): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const g of groups) {
      const explained = (id: string) => g.names.some((n) => actors.get(id)!.acdNames.has(n));
      let open = g.ids.filter((id) => !explained(id));
      const claimed = new Set(g.ids.filter(explained).flatMap((id) => g.names.filter((n) => actors.get(id)!.acdNames.has(n))));
      let left = g.names.filter((n) => !claimed.has(n));
      for (const id of open) {
        const hits = left.filter((n) => svacNames.get(id)?.has(n));
        const contested = hits.length === 1 && open.some((other) => other !== id && svacNames.get(other)?.has(hits[0]!));
        if (hits.length === 1 && !contested) {
          settle(actors.get(id)!, hits[0]!, g.year);
          left = left.filter((n) => n !== hits[0]);
          changed = true;
        }
      }
      open = g.ids.filter((id) => !explained(id));
      if (open.length === 1 && left.length === 1) {
        settle(actors.get(open[0]!)!, left[0]!, g.year);
        changed = true;
      }
    }
  }
}

export function readReferenceFiles(acdCsv: string, svacCsv: string): ReadFiles {
  const actors = new Map<string, ActorFacts>();
  const groups: Group[] = [];
  const secondary: SecondarySide[] = [];
  const governmentCodes = new Map<string, string>();
  let acdLastYear = 0;
  for (const r of rows(acdCsv)) {
    const year = Number(r.year);
    acdLastYear = Math.max(acdLastYear, year);
    const conflict = (r.conflict_id ?? '').trim();
    for (const side of ['a', 'b'] as const) {
      const ids = list(r[`side_${side}_id`]);
      const cell = (r[`side_${side}`] ?? '').trim();
      for (const id of ids) {
        const f = facts(actors, id);
        f.acdConflicts.add(conflict);
        f.acdYears.push(year);
        for (const g of list(r.gwno_loc)) f.locations.add(g);
      }
      const own = list(r[`gwno_${side}`]);
      if (ids.length === 1) {
        settle(actors.get(ids[0]!)!, cell, year);
        if (cell.startsWith(GOVERNMENT_OF) && own.length === 1 && !governmentCodes.has(own[0]!)) governmentCodes.set(own[0]!, cell.slice(GOVERNMENT_OF.length));
      } else if (ids.length > 1) {
        groups.push({ ids, names: splitNames(cell), year });
      }
      for (const name of splitNames(r[`side_${side}_2nd`] ?? '')) secondary.push({ name, conflict, year });
    }
  }

  const svac = rows(svacCsv).map((r): Row & { actorid: string; actor: string } => ({ ...r, actorid: (r.actorid ?? '').trim(), actor: (r.actor ?? '').trim() }));
  const svacNamesById = new Map<string, Set<string>>();
  for (const r of svac) if (r.actorid) svacNamesById.set(r.actorid, (svacNamesById.get(r.actorid) ?? new Set()).add(r.actor));
  eliminate(actors, groups.filter((g) => g.ids.length === g.names.length), svacNamesById);

  const owners = new Map<string, Set<string>>();
  for (const f of actors.values()) for (const n of f.acdNames.keys()) owners.set(n, (owners.get(n) ?? new Set()).add(f.id));
  const acdWords = new Map([...actors.values()].map((f) => [f.id, new Set([...f.acdNames.keys()].flatMap(longWords))]));
  // Another id's name in the conflict file; or, for a non-state actor the conflict file knows, a name sharing
  // no word with its names there, in a conflict the conflict file does not show it in (SVAC gave some
  // militias ids that UCDP later gave to other actors: "Yellow Cats" under Fano's id).
  const contradicted = (id: string, name: string, conflict: string, type: string) =>
    [name, GOVERNMENT_OF + name].some((n) => owners.has(n) && !owners.get(n)!.has(id))
    || (acdWords.has(id) && acdWords.get(id)!.size > 0 && !STATE_TYPES.has(type) && !actors.get(id)!.acdConflicts.has(conflict)
      && !longWords(name).some((w) => acdWords.get(id)!.has(w)));

  let svacLastYear = 0;
  let svacRowsWithoutId = 0;
  let svacRowsContradicted = 0;
  for (const r of svac) {
    const year = Number(r.year);
    svacLastYear = Math.max(svacLastYear, year);
    if (!r.actorid) { svacRowsWithoutId++; continue; }
    if (contradicted(r.actorid, r.actor, (r.conflictid ?? '').trim(), (r.actor_type ?? '').trim())) { svacRowsContradicted++; continue; }
    const f = facts(actors, r.actorid);
    const seen = f.svacNames.get(r.actor);
    f.svacNames.set(r.actor, { rows: (seen?.rows ?? 0) + 1, lastYear: Math.max(year, seen?.lastYear ?? year) });
    f.svacConflicts.add((r.conflictid ?? '').trim());
    if ((r.conflictyear ?? '').trim() === '1') f.svacYears.push(year);
    const type = (r.actor_type ?? '').trim();
    if (type) f.svacTypes.push({ year, type });
    for (const g of [...list(r.gwnoloc), ...list(r.gwnoloc2)]) if (g !== '0') f.locations.add(g);
  }
  return { actors, secondary, governmentCodes, acdLastYear, svacLastYear, svacRowsWithoutId, svacRowsContradicted };
}
