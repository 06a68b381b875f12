/**
 * An independent recomputation of the engine's figures, for tests: the records read straight from
 * `incidents` and `violations` (never from the fact table), facts built again in TypeScript, counted with the
 * counting rules (rules.ts). Used on the demo data (engine.test.ts) and on a real dataset imported through the
 * importer (imports.test.ts, RSVAC).
 */
import { expect } from 'vitest';
import type { Pool } from 'pg';
import type { DbOrTx } from '../platform/db/database.ts';
import type { CountingChoice, PeriodGrain, StatDimension, StatFilters } from '../shared/stats.ts';
import { NOT_KNOWN, STAT_DATE_BASES, STAT_UNITS } from '../shared/stats.ts';
import { VICTIM_CATEGORIES, type VictimCategory } from '../shared/taxonomy.ts';
import { count } from './engine.ts';
import { COUNTED_RECORDS, dateOf, inChoice, victimsOf, victimsPerViolation, type Fact } from './rules.ts';

interface RawIncident {
  id: string; organisation_id: string; occurred_from: string; occurred_to: string | null; created_at: Date; decided_at: Date | null;
  verification_status: string; decision_route: string | null; country: string; admin1: string | null; admin2: string | null; setting: string | null;
  perpetrators: { partyId?: string | null; partyChoice?: string | null; party?: string | null; category?: string }[];
  sources: { organisation?: string | null }[]; consent: string[]; deleted_at: Date | null; canonical_id: string | null;
  victims_women: number; victims_girls: number; victims_men: number; victims_boys: number; victims_unknown: number;
}
interface RawViolation { incident_id: string; position: number; form: string; victims_women: number; victims_girls: number; victims_men: number; victims_boys: number; victims_unknown: number }

const day = (d: Date) => d.toISOString().slice(0, 10);
const tallyOf = (r: Record<string, unknown>): Record<VictimCategory, number> =>
  Object.fromEntries(VICTIM_CATEGORIES.map((c) => [c, Number(r[`victims_${c}`])])) as Record<VictimCategory, number>;

/** The late rule, written again: decided after the last day of the quarter of the incident's last day. */
function late(i: RawIncident): boolean {
  if (i.verification_status !== 'verified' || !i.decided_at) return false;
  const last = new Date(`${i.occurred_to ?? i.occurred_from}T00:00:00Z`);
  const quarterEnd = new Date(Date.UTC(last.getUTCFullYear(), Math.floor(last.getUTCMonth() / 3) * 3 + 3, 0));
  return day(i.decided_at) > day(quarterEnd);
}

/** Facts made in TypeScript from the raw records: the reference the engine's SQL is held to. */
export function factsOf(incidents: RawIncident[], violations: RawViolation[]): Fact[] {
  const byIncident = new Map<string, RawViolation[]>();
  for (const v of violations) byIncident.set(v.incident_id, [...(byIncident.get(v.incident_id) ?? []), v]);
  return incidents.filter((i) => COUNTED_RECORDS({ deletedAt: i.deleted_at, canonicalId: i.canonical_id })).flatMap((i) => {
    const vs = (byIncident.get(i.id) ?? []).sort((a, b) => a.position - b.position);
    const parties = [...new Set(i.perpetrators.map((p) => p.partyId ?? (p.partyChoice ?? (p.party?.trim() ? 'not_linked' : 'unknown'))))].sort();
    const firstOf = (sea: boolean) => vs.find((v) => (v.form === 'sea_un_humanitarian') === sea)?.position;
    return vs.map((v): Fact => ({
      incidentId: i.id, first: v.position === firstOf(v.form === 'sea_un_humanitarian'),
      occurred: i.occurred_from, recorded: day(i.created_at), decided: i.decided_at ? day(i.decided_at) : null,
      form: v.form, status: i.verification_status, late: late(i), decisionRoute: i.decision_route,
      country: i.country, admin1: i.admin1, admin2: i.admin2, setting: i.setting,
      parties: parties.length ? parties : ['not_recorded'],
      partyCategories: [...new Set(i.perpetrators.map((p) => p.category ?? 'unknown'))].sort(),
      sourceOrgs: [...new Set(i.sources.map((s) => s.organisation?.trim() ?? '').filter(Boolean))].sort(),
      consentOutside: !i.consent.includes('agency_only') && i.consent.includes('aggregate_statistics'),
      incidentTally: tallyOf(i as unknown as Record<string, unknown>), violationTally: tallyOf(v as unknown as Record<string, unknown>),
    }));
  });
}

const periodOf = (d: string, grain: PeriodGrain) => (grain === 'year' ? d.slice(0, 4) : grain === 'month' ? d.slice(0, 7) : `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`);

/** The filters, fact by fact (the party hierarchy is not rolled up here). */
function passes(f: Fact, choice: CountingChoice, filters: StatFilters): boolean {
  const day = dateOf(choice.date, f)!;
  if (filters.from && day < filters.from) return false;
  if (filters.to && day > filters.to) return false;
  if (filters.form?.length && !filters.form.includes(f.form as never)) return false;
  if (filters.status?.length && !filters.status.includes(f.status as never)) return false;
  if (filters.country && f.country !== filters.country) return false;
  if (filters.admin1 && f.admin1 !== filters.admin1) return false;
  if (filters.admin2 && f.admin2 !== filters.admin2) return false;
  if (filters.setting?.length && (f.setting === null || !filters.setting.includes(f.setting as never))) return false;
  if (filters.party?.length && !f.parties.some((p) => filters.party!.includes(p))) return false;
  if (filters.partyCategory?.length && !f.partyCategories.some((p) => filters.partyCategory!.includes(p as never))) return false;
  if (filters.sourceOrg?.trim() && !f.sourceOrgs.some((o) => o.toLowerCase().includes(filters.sourceOrg!.trim().toLowerCase()))) return false;
  if (filters.late !== undefined && f.late !== filters.late) return false;
  if (filters.victimCategory?.length && choice.unit !== 'victims' && !filters.victimCategory.some((c) => f.incidentTally[c] > 0)) return false;
  return true;
}

/** The figure recomputed: for each fact, the codes it falls under in each dimension, and what it adds. */
export function recompute(facts: Fact[], organisationId: string, choice: CountingChoice, by: StatDimension[], grain: PeriodGrain, filters: StatFilters = {}) {
  const perViolation = victimsPerViolation(by, filters);
  const cells = new Map<string, Set<string> | number>();
  let total: Set<string> | number = choice.unit === 'incidents' ? new Set<string>() : 0;
  const codes = (f: Fact, d: StatDimension): string[] => {
    switch (d) {
      case 'period': return [periodOf(dateOf(choice.date, f)!, grain)];
      case 'party': return [...f.parties];
      case 'partyCategory': return [...f.partyCategories];
      case 'sourceOrg': return f.sourceOrgs.length ? [...f.sourceOrgs] : ['not_recorded'];
      case 'victimCategory': return [...VICTIM_CATEGORIES];
      case 'admin1': return [f.admin1 ?? NOT_KNOWN];
      case 'admin2': return [f.admin2 ?? NOT_KNOWN];
      case 'setting': return [f.setting ?? NOT_KNOWN];
      case 'country': case 'form': case 'status': return [String(f[d])];
    }
  };
  for (const f of facts.filter((x) => (x as Fact & { org?: string }).org === organisationId)) {
    if (!inChoice(choice, f) || dateOf(choice.date, f) === null) continue;
    if (!passes(f, choice, filters)) continue;
    const keys = by.reduce<string[][]>((acc, d) => acc.flatMap((k) => codes(f, d).map((c) => [...k, c])), [[]]);
    const add = (key: string, category: VictimCategory | null) => {
      if (choice.unit === 'incidents') {
        const set = (key === '' ? total : cells.get(key) ?? new Set<string>()) as Set<string>;
        if (perViolation || f.first) set.add(f.incidentId);
        if (key === '') total = set; else cells.set(key, set);
        return;
      }
      const chosen = filters.victimCategory?.length ? VICTIM_CATEGORIES.filter((c) => filters.victimCategory!.includes(c)) : VICTIM_CATEGORIES;
      const value = choice.unit === 'violations' ? 1 : (perViolation || f.first ? victimsOf(f, perViolation, category ? chosen.filter((c) => c === category) : chosen) : 0);
      if (key === '') total = (total as number) + value;
      else cells.set(key, ((cells.get(key) as number | undefined) ?? 0) + value);
    };
    add('', null);
    for (const k of keys) add(JSON.stringify(k), by.includes('victimCategory') ? k[by.indexOf('victimCategory')] as VictimCategory : null);
  }
  const size = (v: Set<string> | number) => (typeof v === 'number' ? v : v.size);
  return {
    rows: [...cells].map(([k, v]) => ({ key: JSON.parse(k) as string[], value: size(v) })).filter((r) => r.value > 0)
      .sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1)),
    total: size(total),
  };
}

export type OrgFact = Fact & { org: string };

export async function readFacts(pool: Pool): Promise<OrgFact[]> {
  const incidents = (await pool.query<RawIncident>('SELECT *, occurred_from::text AS occurred_from, occurred_to::text AS occurred_to FROM incidents')).rows;
  const violations = (await pool.query<RawViolation>('SELECT * FROM violations')).rows;
  const orgOf = new Map(incidents.map((i) => [i.id, i.organisation_id]));
  return factsOf(incidents, violations).map((f) => ({ ...f, org: orgOf.get(f.incidentId)! }));
}

const sorted = (rows: { key: string[]; value: number }[]) => [...rows].sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));

/** Every single dimension, unit, date basis and status scope: the engine's answer equals the recomputation. */
export async function expectEveryDimension(db: DbOrTx, facts: OrgFact[], organisationId: string): Promise<number> {
  const dims: StatDimension[] = ['period', 'form', 'party', 'partyCategory', 'country', 'admin1', 'admin2', 'status', 'setting', 'sourceOrg'];
  let compared = 0;
  for (const unit of STAT_UNITS) {
    for (const records of ['reported', 'verified'] as const) {
      for (const date of STAT_DATE_BASES) {
        const choice: CountingChoice = { unit, records, date, track: 'crsv', rollup: false };
        for (const d of [...dims, ...(unit === 'victims' ? ['victimCategory' as const] : [])]) {
          const got = await count(db, { choice, by: [d], grain: 'quarter', filters: {}, scope: { organisationId, all: true } });
          const want = recompute(facts, organisationId, choice, [d], 'quarter');
          expect({ choice, d, rows: sorted(got.rows), total: got.total }).toEqual({ choice, d, rows: want.rows, total: want.total });
          compared++;
        }
      }
    }
  }
  return compared;
}
