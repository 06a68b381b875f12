/**
 * The figures' use cases: restricted counts (exact, for those who may read the records behind them, within
 * their scope) and protected releases (the catalogue, through the disclosure module, for every reader of the
 * organisation and for what leaves it). Reads of figures are audited like reads of records.
 */
import type { AppContext } from '../platform/context.ts';
import { auditActor, recordAudit } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { authorize, incidentScope, maySeeFields, type Actor } from '../policy/policy.ts';
import { inArray } from 'drizzle-orm';
import { incidents } from '../incidents/tables.ts';
import { decrypt } from '../incidents/support.ts';
import { refsOf } from '../parties/service.ts';
import { STAT_MAX_POINTS, TOTAL_CODE, type MapPoint, type PointsAnswer, type ProtectedTableOut, type PointsQuery, type ProtectedRelease, type StatsAnswer, type StatsQuery } from '../shared/stats.ts';
import { describeRule } from '../shared/stats-words.ts';
import type { LabelLanguage } from '../shared/labels.ts';
import { CATALOGUE, partyRelease, releaseById, REPORT_RELEASES, type CatalogueRelease } from './catalogue.ts';
import { releaseTable, toCsv, toXlsx, type StatsExportFormat } from './export.ts';
import { count, countedIncidents } from './engine.ts';
import { computeRelease, publishedRelease, type ComputedRelease } from './protected.ts';
import { protectionSettings } from './settings.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Names of the parties in a figure, in the reader's language. Beyond the organisation (exports) only the
 * reference layer's names: an organisation's own parties (a local militia, a name a monitor proposed) are its
 * restricted data, and a file that leaves it calls them "a party of the organisation's own registry".
 */
async function partyNames(ctx: AppContext, organisationId: string, codes: Iterable<string>, lang: string, outside = false): Promise<Record<string, string>> {
  const refs = await refsOf(ctx.db, organisationId, [...new Set(codes)].filter((c) => UUID.test(c)), lang);
  const own = ownNumbers([...refs].filter(([, ref]) => ref.scope !== 'reference').map(([id]) => id));
  const language = (lang in OWN_PARTY ? lang : 'en') as LabelLanguage;
  return Object.fromEntries([...refs].map(([id, ref]) => [id, outside && own.has(id) ? ownPartyName(language, own.get(id)!) : ref.name]));
}
const OWN_PARTY: Record<LabelLanguage, string> = {
  en: "A party of the organisation's own registry", fr: 'Une partie du registre propre de l’organisation', ar: 'طرف من السجل الخاص بالمنظمة',
};
const OWN_PARTY_NUMBERED: Record<LabelLanguage, string> = {
  en: "Party {n} of the organisation's own registry", fr: 'Partie {n} du registre propre de l’organisation', ar: 'الطرف {n} من السجل الخاص بالمنظمة',
};
/**
 * Unnamed own parties in a table are told apart by a number (rows that read alike would look like a mistake):
 * numbered in the order of their ids, which says nothing about them.
 */
const ownNumbers = (ids: readonly string[]): Map<string, number> => new Map([...ids].sort().map((id, i) => [id, i + 1]));
const ownPartyName = (lang: LabelLanguage, n: number): string => OWN_PARTY_NUMBERED[lang].replace('{n}', String(n));

export async function restrictedCounts(ctx: AppContext, actor: Actor, query: StatsQuery, lang: string, ip: string | null): Promise<StatsAnswer> {
  authorize(actor, 'stats:restricted');
  const scope = incidentScope(actor);
  if (!scope) throw notFound('figures');
  const { unit, date, records, track, rollup, by, grain, ...filters } = query;
  const choice = { unit, date, records, track, rollup };
  const result = await count(ctx.db, { choice, filters, by, grain, scope });
  const partyColumn = by.indexOf('party');
  const parties = partyColumn < 0 ? {} : await partyNames(ctx, actor.organisationId, result.rows.map((r) => r.key[partyColumn]!), lang);
  await recordAudit(ctx.db, auditActor(actor, ip), {
    action: 'stats.counts', entityType: 'stats',
    details: { choice, by, grain, filters: Object.keys(filters).filter((k) => filters[k as keyof typeof filters] !== undefined), cells: result.rows.length },
  });
  return {
    tier: 'restricted', rule: choice, by: [...by], grain, rows: result.rows, total: result.total, parties,
    coverage: scope.all ? 'organisation' : 'own', selfDecided: result.selfDecided, asOf: new Date().toISOString(),
  };
}

/** What a publication names: the areas and parties of which a figure is published, and its threshold and last day. */
export interface PublishedNames { areas: Set<string>; parties: Set<string>; threshold: number; through: string }

/**
 * What a victims release and a parties release publish as a figure other than zero (a published value is then
 * at least the threshold): the countries and regions (`COD`, `COD/CD-NK`, the victims table by area) and the
 * registry's parties that may be named in what leaves the organisation beside other facts about them (an
 * early-warning summary). Today's publication for the app's summary, a report's own releases for a report.
 */
export function namesPublished(victims: readonly ProtectedTableOut[], parties: readonly ProtectedTableOut[], threshold: number, through: string): PublishedNames {
  const byArea = victims.find((t) => t.id === 'victims-by-area-and-category')!;
  const area = byArea.dimensions.indexOf('area');
  const category = byArea.dimensions.indexOf('victimCategory');
  const areas = new Set(byArea.cells.filter((c) => c.value !== null && c.value > 0 && c.key[category] === TOTAL_CODE).map((c) => c.key[area]!));
  const byParty = parties[0]!;
  const party = byParty.dimensions.indexOf('party');
  return { areas, parties: new Set(byParty.cells.filter((c) => c.value !== null && c.value > 0).map((c) => c.key[party]!)), threshold, through };
}

/** What today's publication names (the releases viewers see, so the summary and the dashboard never disagree). */
export async function publishedNames(ctx: AppContext, organisationId: string): Promise<PublishedNames> {
  const settings = await protectionSettings(ctx.db, organisationId);
  const victims = await publishedRelease(ctx.db, organisationId, releaseById('victims')!, settings);
  const parties = await publishedRelease(ctx.db, organisationId, releaseById('parties')!, settings);
  return namesPublished(victims.tables, parties.tables, victims.threshold, victims.through);
}

export async function protectedFigures(ctx: AppContext, actor: Actor, releaseId: string, lang: string, ip: string | null): Promise<ProtectedRelease> {
  authorize(actor, 'stats:protected');
  return releaseFor(ctx, actor, releaseId, lang, ip, 'stats.release');
}

async function releaseFor(ctx: AppContext, actor: Actor, releaseId: string, lang: string, ip: string | null, action: string, extra: Record<string, unknown> = {}): Promise<ProtectedRelease> {
  const release = releaseById(releaseId);
  if (!release) throw notFound('release');
  const published = await publishedRelease(ctx.db, actor.organisationId, release, await protectionSettings(ctx.db, actor.organisationId));
  await recordAudit(ctx.db, auditActor(actor, ip), {
    action, entityType: 'stats', details: { release: release.id, threshold: published.threshold, through: published.through, ...extra },
  });
  // The reason narrows what can be deduced: only for those who may read every record behind the figures
  // (a coordinator), never in what leaves the organisation.
  const withReasons = action === 'stats.release' && incidentScope(actor)?.all === true;
  const tables = withReasons ? published.tables : withoutReasons(published.tables);
  return {
    tier: 'protected', release: release.id, rule: release.choice, grain: release.grain, threshold: published.threshold,
    tables, parties: await partyNames(ctx, actor.organisationId, published.partyIds, lang, action === 'stats.export'), through: published.through, computedAt: published.computedAt,
  };
}

/** A release's tables as they leave the organisation: a suppressed cell says only that it is suppressed, never why. */
const withoutReasons = (tables: readonly ProtectedTableOut[]): ProtectedTableOut[] =>
  tables.map((t) => ({ ...t, cells: t.cells.map((c) => (c.suppressed ? { ...c, suppressed: 'suppressed' as const } : c)) }));

const NOTES: Record<LabelLanguage, { rule: string; threshold: string; consent: string; through: string; asOf: string; parties: string }> = {
  en: { rule: 'Counted', threshold: 'Counts below {n} are suppressed, with whatever would reveal them', consent: 'Only records whose survivors consented to figures leaving the organisation are counted', through: 'Incidents up to', asOf: 'Published on', parties: 'Parties: UCDP/PRIO Armed Conflict Dataset and SVAC dataset (see the application for the attribution)' },
  fr: { rule: 'Compté', threshold: 'Les effectifs inférieurs à {n} sont masqués, avec tout ce qui permettrait de les retrouver', consent: 'Seuls les dossiers dont les survivantes et survivants ont consenti à des chiffres hors de l’organisation sont comptés', through: 'Incidents jusqu’au', asOf: 'Publié le', parties: 'Parties : UCDP/PRIO Armed Conflict Dataset et SVAC (voir l’application pour l’attribution)' },
  ar: { rule: 'المعدود', threshold: 'تُحجب الأعداد الأقل من {n} وكل ما قد يكشفها', consent: 'لا تُحسب إلا السجلات التي وافق أصحابها على استخدام الأرقام خارج المنظمة', through: 'الحوادث حتى', asOf: 'نُشرت في', parties: 'الأطراف: مجموعة بيانات UCDP/PRIO للنزاعات المسلحة ومجموعة SVAC (انظر التطبيق للإسناد)' },
};

/** A protected release as a file that leaves the organisation: consent-filtered, suppressed, the rule written in. */
export async function exportRelease(ctx: AppContext, actor: Actor, releaseId: string, format: StatsExportFormat, lang: LabelLanguage, ip: string | null): Promise<{ body: Buffer | string; contentType: string; filename: string }> {
  authorize(actor, 'stats:export');
  const release = await releaseFor(ctx, actor, releaseId, lang, ip, 'stats.export', { format, lang });
  const table = await releaseTable(ctx.db, release, lang);
  const n = NOTES[lang];
  const notes = [
    `${n.rule}: ${describeRule(release.rule, lang)}`, n.threshold.replace('{n}', String(release.threshold)), n.consent, `${n.through} ${release.through}`, `${n.asOf} ${release.computedAt}`,
    ...(Object.keys(release.parties).length ? [n.parties] : []),
  ];
  const filename = `salama-${release.release}-${release.computedAt.slice(0, 10)}.${format}`;
  return format === 'csv'
    ? { body: toCsv(table, notes), contentType: 'text/csv; charset=utf-8', filename }
    : { body: await toXlsx(table, notes, lang === 'ar'), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename };
}

const DECIMALS = { exact: 4, approximate: 2, locality: 2 } as const;
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * The map's points (restricted tier): the records a figure counts that the reader may open, at the precision
 * each record allows: none for a record shown only at admin 1 or country level, or placed no finer than a
 * district; 4 decimals for exact coordinates, 2 (about 1 km) for approximate ones and localities.
 * Coordinates are identifying: each record is opened with the reader's rights, and the read is audited.
 */
export async function mapPoints(ctx: AppContext, actor: Actor, query: PointsQuery, ip: string | null): Promise<PointsAnswer> {
  authorize(actor, 'stats:restricted');
  const scope = incidentScope(actor);
  if (!scope) throw notFound('figures');
  const { unit, date, records, track, rollup, ...filters } = query;
  const found = await countedIncidents(ctx.db, { choice: { unit, date, records, track, rollup }, filters, scope }, STAT_MAX_POINTS);
  const rows = found.ids.length === 0 ? [] : await ctx.db.select({
    id: incidents.id, reference: incidents.reference, organisationId: incidents.organisationId, createdBy: incidents.createdBy, assignedTo: incidents.assignedTo,
    displayLevel: incidents.displayLevel, wrappedKey: incidents.wrappedKey, sensitiveEnc: incidents.sensitiveEnc,
  }).from(incidents).where(inArray(incidents.id, found.ids));
  const points: MapPoint[] = [];
  for (const r of rows) {
    if (r.displayLevel !== 'admin2' || !maySeeFields(actor, 'identifying', r)) continue;
    const c = decrypt(ctx, r).coordinates;
    if (!c || !(c.precision in DECIMALS)) continue;
    const precision = c.precision as keyof typeof DECIMALS;
    points.push({ id: r.id, reference: r.reference, lat: round(c.lat, DECIMALS[precision]), lon: round(c.lon, DECIMALS[precision]), precision });
  }
  points.sort((a, b) => (a.reference < b.reference ? -1 : 1));
  // Coordinates are identifying: the log names every record opened, and the filters used.
  await recordAudit(ctx.db, auditActor(actor, ip), {
    action: 'stats.points', entityType: 'stats',
    details: { counted: found.total, points: points.length, references: points.map((p) => p.reference), filters: Object.keys(filters).filter((k) => filters[k as keyof typeof filters] !== undefined) },
  });
  return { points, counted: found.total, capped: found.total > found.ids.length, withoutPoint: found.total - points.length };
}

// ---- Reports ----

export interface ReportRelease { id: string; rule: CatalogueRelease['choice']; grain: CatalogueRelease['grain']; tables: ComputedRelease['tables']; partyIds: string[] }
export interface ReportFigures {
  through: string;
  threshold: number;
  protectZeros: boolean;
  releases: ReportRelease[];
}

/**
 * The protected figures a report freezes, counted now up to `through` (the end of its period) over the whole
 * organisation, each release protected jointly by the disclosure module (the releases count different
 * populations, so none can be differenced against another). Never today's stored publication: a version made
 * after records changed must hold the new figures, and the "data changed" check must see them. A country
 * report takes the catalogue's releases (the tables the dashboard publishes) and the report-only releases; a
 * listing pack the party's own release (its violations: catalogue.ts partyRelease).
 */
export async function reportFigures(ctx: AppContext, organisationId: string, q: { through: string; partyId?: string | undefined }, progress: (done: number, of: number) => Promise<void> = async () => {}): Promise<ReportFigures> {
  const settings = await protectionSettings(ctx.db, organisationId);
  const plan: CatalogueRelease[] = q.partyId === undefined ? [...CATALOGUE, ...REPORT_RELEASES] : [partyRelease(q.partyId)];
  const releases: ReportRelease[] = [];
  for (const [i, release] of plan.entries()) {
    const r = await computeRelease(ctx.db, organisationId, release, settings, q.through);
    releases.push({ id: release.id, rule: release.choice, grain: release.grain, partyIds: r.partyIds, tables: withoutReasons(r.tables) });
    await progress(i + 1, plan.length);
  }
  return { through: q.through, threshold: settings.threshold, protectZeros: settings.protectZeros, releases };
}

/**
 * Names of a report's parties in each language: beyond the organisation, an own party is "of its own registry"
 * (unless `named`); `numbered` (a table's rows) tells such parties apart by a number.
 */
export async function reportPartyNames(ctx: AppContext, organisationId: string, ids: readonly string[], named: readonly string[] = [], numbered = false): Promise<Map<string, { names: Record<LabelLanguage, string>; reference: boolean }>> {
  const langs: LabelLanguage[] = ['en', 'fr', 'ar'];
  const parties = [...new Set(ids)].filter((c) => UUID.test(c));
  const refs = await Promise.all(langs.map((lang) => refsOf(ctx.db, organisationId, parties, lang)));
  const own = ownNumbers([...refs[0]!].filter(([id, ref]) => ref.scope !== 'reference' && !named.includes(id)).map(([id]) => id));
  const out = new Map<string, { names: Record<LabelLanguage, string>; reference: boolean }>();
  for (const [id, ref] of refs[0]!) {
    const reference = ref.scope === 'reference';
    const name = (lang: LabelLanguage, i: number) => (!own.has(id) ? refs[i]!.get(id)?.name ?? ref.name : numbered ? ownPartyName(lang, own.get(id)!) : OWN_PARTY[lang]);
    out.set(id, { names: Object.fromEntries(langs.map((lang, i) => [lang, name(lang, i)])) as Record<LabelLanguage, string>, reference });
  }
  return out;
}
