/**
 * A re-imported row whose record is already here: which of the record's fields the mapping fills, which of
 * them the file now says differently, and the record as an update would leave it. Only what the mapping
 * covers is compared and changed (a narrative written in Salama stays when the file has no narrative
 * column); the verification decision is never touched. Pure: the job and its tests share it.
 */
import type { IncidentCreate } from '../shared/incident.ts';
import type { ImportField, ImportMapping } from '../shared/import.ts';

/** A record field the import can change: top-level, or one part of the place or the context. */
export type CoveredField =
  | 'occurredFrom' | 'occurredTo' | 'dateEstimated' | 'victims' | 'violations' | 'perpetrators' | 'sources' | 'survivors' | 'consent' | 'narrative'
  | 'place.country' | 'place.admin1' | 'place.admin2' | 'place.locality' | 'place.coordinates'
  | 'context.setting' | 'context.timeOfDay' | 'context.displacementStage' | 'context.abduction' | 'context.detention';

const COVERS: Partial<Record<ImportField, readonly CoveredField[]>> = {
  occurredFrom: ['occurredFrom', 'occurredTo'], occurredTo: ['occurredTo'], dateEstimated: ['dateEstimated'],
  country: ['place.country'], admin1: ['place.admin1'], admin2: ['place.admin2'], locality: ['place.locality'],
  lat: ['place.coordinates'], lon: ['place.coordinates'], coordinatePrecision: ['place.coordinates'],
  victimsWomen: ['victims', 'violations'], victimsGirls: ['victims', 'violations'], victimsMen: ['victims', 'violations'], victimsBoys: ['victims', 'violations'], victimsUnknown: ['victims', 'violations'],
  forms: ['violations'],
  perpetratorParty: ['perpetrators'], perpetratorCategory: ['perpetrators'], perpetratorNumber: ['perpetrators'], perpetratorInUniform: ['perpetrators'],
  sourceType: ['sources'], sourceOrganisation: ['sources'], sourceReliability: ['sources'], sourceDate: ['sources'],
  setting: ['context.setting'], timeOfDay: ['context.timeOfDay'], displacementStage: ['context.displacementStage'], abduction: ['context.abduction'], detention: ['context.detention'],
  consent: ['consent'], narrative: ['narrative'],
  survivorCode: ['survivors'], survivorSex: ['survivors'], survivorAge: ['survivors'],
};

/** Parts of the record the mapping fills from the file's columns (defaults alone never overwrite a stored record). */
export function coveredFields(m: ImportMapping): Set<CoveredField> {
  const out = new Set<CoveredField>();
  for (const [f, column] of Object.entries(m.columns) as [ImportField, string | undefined][]) {
    if (column !== undefined) for (const c of COVERS[f] ?? []) out.add(c);
  }
  if (m.more.perpetrators.length) out.add('perpetrators');
  if (m.more.sources.length) out.add('sources');
  for (const r of m.repeats) {
    if (Object.keys(r.columns).some((k) => k.startsWith('perpetrator'))) out.add('perpetrators');
    if (Object.keys(r.columns).some((k) => k.startsWith('survivor'))) out.add('survivors');
  }
  return out;
}

export const IDENTIFYING_COVERED: ReadonlySet<CoveredField> = new Set(['narrative', 'survivors', 'place.locality', 'place.coordinates']);

function get(r: IncidentCreate, f: CoveredField): unknown {
  if (f.startsWith('place.')) return r.place[f.slice(6) as keyof IncidentCreate['place']];
  if (f.startsWith('context.')) return r.context[f.slice(8) as keyof IncidentCreate['context']];
  if (f === 'victims') return [r.victims, r.victimCountUnknown];
  return r[f as keyof IncidentCreate];
}

/** Absent and null alike, keys in any order (jsonb keeps its own), so an unchanged field never reads as a change. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)]));
  return v ?? null;
}
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

export function changedFields(current: IncidentCreate, next: IncidentCreate, covered: ReadonlySet<CoveredField>): CoveredField[] {
  return [...covered].filter((f) => !same(get(current, f), get(next, f))).sort();
}

/** The record after the update: the covered fields from the file, everything else (and the decision) as it was. */
export function applyChanges(current: IncidentCreate, next: IncidentCreate, fields: readonly CoveredField[]): IncidentCreate {
  const out: IncidentCreate = { ...current, place: { ...current.place }, context: { ...current.context } };
  for (const f of fields) {
    if (f.startsWith('place.')) {
      const k = f.slice(6) as 'country' | 'admin1' | 'admin2' | 'locality' | 'coordinates';
      (out.place as Record<string, unknown>)[k] = next.place[k];
    } else if (f.startsWith('context.')) {
      const k = f.slice(8) as keyof IncidentCreate['context'];
      (out.context as Record<string, unknown>)[k] = next.context[k];
    } else if (f === 'victims') {
      out.victims = next.victims;
      out.victimCountUnknown = next.victimCountUnknown;
    } else {
      (out as Record<string, unknown>)[f] = next[f as keyof IncidentCreate];
    }
  }
  return out;
}
