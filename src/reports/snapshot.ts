/**
 * A version's snapshot assembled: the report's parameters, the protected figures (src/stats/service.ts
 * reportFigures: the only door to the engine a report uses), the names those figures need in three languages,
 * commitments, the early-warning summary, the listing history, the narratives and the template. Read with the
 * rights of the coordinator who asked for the version (each read audited as theirs).
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { Actor } from '../policy/policy.ts';
import { areaNames } from '../places/places.ts';
import { getCommitment, listCommitments } from '../commitments/read.ts';
import { listingHistory } from '../commitments/listing.ts';
import { alertReports } from '../warnings/report.ts';
import { namesPublished, reportFigures, reportPartyNames } from '../stats/service.ts';
import { organisations } from '../identity/tables.ts';
import { canonicalJson } from '../shared/canonical.ts';
import { countryName } from '../shared/labels.ts';
import { localAreaName } from '../shared/places.ts';
import { REPORT_LANGUAGES } from '../shared/report-document.ts';
import type { ReportKind } from '../shared/reports.ts';
import type { Names, ReportSnapshot, SnapshotCommitment, SnapshotParty } from './snapshot-types.ts';
import type { TemplateRow } from './templates.ts';
import type { reports } from './tables.ts';

type ReportRow = typeof reports.$inferSelect;

export const snapshotHash = (s: ReportSnapshot): string => createHash('sha256').update(canonicalJson(s)).digest('hex');

/** Progress as the job reports it: a step and how far along (0 to 1) the whole generation is. */
export type Progress = (step: string, fraction: number) => Promise<void>;


async function partiesNamed(ctx: AppContext, organisationId: string, ids: readonly string[], named: readonly string[]): Promise<SnapshotParty[]> {
  const names = await reportPartyNames(ctx, organisationId, ids, named, true);
  return ids.flatMap((id) => {
    const n = names.get(id);
    return n ? [{ id, names: n.names, reference: n.reference }] : [];
  });
}

/**
 * Commitments signed by the period's end. Their parties are named as the figures name them: an organisation's
 * own party is "a party of the organisation's own registry" beyond it, unless the coordinator named it (the
 * pack's party, the annex's). A commitment's title is the coordinator's own words, printed as written.
 */
async function commitmentsOf(ctx: AppContext, actor: Actor, report: ReportRow, detailed: boolean, named: readonly string[]): Promise<SnapshotCommitment[]> {
  const list = await listCommitments(ctx, actor, { partyId: report.partyId ?? undefined, page: 1, pageSize: 200 }, 'en');
  const signed = list.items.filter((c) => c.signedOn <= report.periodTo);
  const names = await reportPartyNames(ctx, report.organisationId, signed.flatMap((c) => c.parties.map((p) => p.id)), named);
  return Promise.all(signed.map(async (c): Promise<SnapshotCommitment> => {
    const parties = c.parties.flatMap((p) => { const n = names.get(p.id); return n ? [n.names] : []; });
    if (!detailed) {
      return { kind: c.kind, title: c.title, signedOn: c.signedOn, parties, measures: c.measures.map((m) => ({ kind: m.kind, description: '', deadline: m.deadline, progress: m.progress, overdue: m.overdue, evidence: [] })) };
    }
    const detail = await getCommitment(ctx, actor, c.id, 'en');
    return {
      kind: c.kind, title: c.title, signedOn: c.signedOn, parties,
      measures: detail.measures.map((m) => ({
        kind: m.kind, description: m.description, deadline: m.deadline, progress: m.progress, overdue: m.overdue,
        evidence: m.evidence.filter((e) => e.withdrawal === null).map((e) => ({ date: e.date, text: e.text })),
      })),
    };
  }));
}

export async function buildSnapshot(ctx: AppContext, actor: Actor, report: ReportRow, template: TemplateRow, narratives: Record<string, string>, version: number, generatedBy: string, progress: Progress): Promise<ReportSnapshot> {
  const kind = report.kind as ReportKind;
  await progress('counting', 0.05);
  const figures = await reportFigures(ctx, report.organisationId, { through: report.periodTo, partyId: report.partyId ?? undefined },
    (done, of) => progress('protecting', 0.05 + 0.65 * (done / of)));
  await progress('assembling', 0.75);
  const named = [...(report.partyId ? [report.partyId] : []), ...report.annexParties];
  const tableParties = figures.releases.flatMap((r) => r.partyIds);
  const parties = await partiesNamed(ctx, report.organisationId, [...new Set([...tableParties, ...named])], named);
  const areaCodes = [...new Set(figures.releases.flatMap((r) => r.tables.flatMap((t) => {
    const i = t.dimensions.indexOf('area');
    return i < 0 ? [] : t.cells.map((c) => c.key[i]!).filter((c) => c !== 'total');
  })))];
  const regions = await areaNames(ctx.db, [...new Set(areaCodes.filter((c) => c.includes('/')).map((c) => c.split('/')[1]!))]);
  const areas: Record<string, Names> = {};
  for (const code of areaCodes) {
    const [country, region] = code.split('/') as [string, string | undefined];
    const a = region ? regions.get(region) : undefined;
    areas[code] = Object.fromEntries(REPORT_LANGUAGES.map((lang) => [lang, region ? (a ? localAreaName(a, lang) : region) : countryName(lang, country)])) as Names;
  }
  const [org] = await ctx.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, report.organisationId));
  // The alert summary names what the report itself publishes (its own victims and parties releases).
  const release = (id: string) => figures.releases.find((r) => r.id === id)?.tables ?? [];
  const published = kind !== 'listing' ? namesPublished(release('victims'), release('parties'), figures.threshold, figures.through) : null;
  // Read and audited once for the three languages.
  const alertSummaries = published ? await alertReports(ctx, actor, { from: report.periodFrom, to: report.periodTo }, REPORT_LANGUAGES, null, published) : null;
  await progress('assembling', 0.85);
  return {
    format: 1,
    report: {
      kind, title: report.title, period: report.period, periodFrom: report.periodFrom, periodTo: report.periodTo, organisation: org?.name ?? '',
      party: parties.find((p) => p.id === report.partyId) ?? null,
      annexParties: report.annexParties.flatMap((id) => parties.filter((p) => p.id === id)),
    },
    version,
    generatedAt: new Date().toISOString(),
    generatedBy,
    template: { version: template.version, builtIn: template.organisationId === null, title: template.title, sections: template.sections },
    narratives,
    figures: {
      through: figures.through, threshold: figures.threshold, protectZeros: figures.protectZeros,
      releases: figures.releases.map((r) => ({ id: r.id, rule: r.rule, grain: r.grain, tables: r.tables })),
      parties: Object.fromEntries(parties.filter((p) => tableParties.includes(p.id)).map((p) => [p.id, p.names])),
      areas,
    },
    commitments: await commitmentsOf(ctx, actor, report, kind === 'listing', named),
    alerts: alertSummaries ? { en: alertSummaries[0]!, fr: alertSummaries[1]!, ar: alertSummaries[2]! } : null,
    listing: report.partyId ? (await listingHistory(ctx, actor, report.partyId)).items.map((e) => ({ reportYear: e.reportYear, listing: e.listing, reportSymbol: e.reportSymbol, paragraph: e.paragraph })) : [],
  };
}
