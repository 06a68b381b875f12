/**
 * Reference figures as readers see them: a party's prevalence per year in the versions the reader's
 * organisation reads (its own choice, else the server's default: versions.ts currentVersions; SVAC and
 * RSVAC, with each version's citation), and the dashboard's panel of parties with their latest and highest
 * SVAC prevalence. Public-source data, shown beside the mission's own figures and never added to them.
 * Every party is seen from the reader's organisation (links.ts); reads of a party's figures are audited.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { recordAudit, auditActor } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { PartyPrevalence, ReferenceDataset, ReferenceOverview } from '../shared/reference.ts';
import { refsOf } from '../parties/service.ts';
import { findParty, visibleTo } from '../parties/store.ts';
import { parties } from '../parties/tables.ts';
import { rsvacYears, svacYears } from './figures.ts';
import { linkActors } from './links.ts';
import { actorsOf, currentVersions, rowsOf, type VersionRow } from './versions.ts';

const versionRef = (v: VersionRow) => ({ id: v.id, label: v.label, citation: v.citation });

/** The figures of each party (its actors as the organisation links them) in the versions the organisation reads. */
export async function prevalenceOf(db: DbOrTx, organisationId: string, partyIds: readonly string[]): Promise<Map<string, PartyPrevalence>> {
  const versions = await currentVersions(db, organisationId);
  const current = Object.values(versions);
  const actors = await actorsOf(db, current);
  const links = await linkActors(db, organisationId, actors);
  const wanted = new Set(partyIds);
  const linked = actors.flatMap((a) => {
    const link = links.get(a.key);
    return link?.partyId && wanted.has(link.partyId) ? [{ ...a, link: { partyId: link.partyId, via: link.via } }] : [];
  });
  const rowsBy = async (dataset: ReferenceDataset) => {
    const v = versions[dataset];
    return v ? rowsOf(db, v, linked.filter((a) => a.datasets.includes(dataset)).map((a) => a.key)) : [];
  };
  const [svacRows, rsvacRows] = [await rowsBy('svac'), await rowsBy('rsvac')];
  const out = new Map<string, PartyPrevalence>();
  for (const partyId of wanted) {
    const mine = linked.filter((a) => a.link.partyId === partyId);
    const keys = new Set(mine.map((a) => a.key));
    const part = (dataset: ReferenceDataset, rows: typeof svacRows) => {
      const v = versions[dataset];
      if (!v) return null;
      const actorsHere = mine.filter((a) => a.datasets.includes(dataset))
        .map((a) => ({ key: a.key, name: a.name, ucdpActorId: a.ucdpActorId, via: a.link.via }));
      const own = rows.filter((r) => keys.has(r.actorKey));
      return { version: versionRef(v), actors: actorsHere, rows: own };
    };
    const svac = part('svac', svacRows);
    const rsvac = part('rsvac', rsvacRows);
    out.set(partyId, {
      partyId,
      svac: svac && { version: svac.version, actors: svac.actors, years: svacYears(svac.rows) },
      rsvac: rsvac && { version: rsvac.version, actors: rsvac.actors, years: rsvacYears(rsvac.rows) },
    });
  }
  return out;
}

/** A party's page: its reference figures (a party the reader's organisation cannot see answers 404). */
export async function partyPrevalence(ctx: AppContext, actor: Actor, partyId: string, ip: string | null): Promise<PartyPrevalence> {
  authorize(actor, 'reference:read');
  if (!(await findParty(ctx.db, actor.organisationId, partyId))) throw notFound('party');
  const answer = (await prevalenceOf(ctx.db, actor.organisationId, [partyId])).get(partyId)!;
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'reference.party_read', entityType: 'party', entityId: partyId });
  return answer;
}

/**
 * The dashboard's panel: the parties its figures count (sent by the page) and the registry's parties of the
 * chosen country - or, with none chosen, of the countries those parties and the organisation's own parties
 * work in - that SVAC codes, each with its latest year and its highest year (the maximum over the sources).
 */
export async function referenceOverview(ctx: AppContext, actor: Actor, query: { country?: string | undefined; party?: string[] | undefined }, lang: string): Promise<ReferenceOverview> {
  authorize(actor, 'reference:read');
  const org = actor.organisationId;
  const versions = await currentVersions(ctx.db, org);
  const given = query.party ?? [];
  let countries = query.country ? [query.country] : [];
  if (!query.country) {
    const rows = await ctx.db.select({ countries: parties.countries }).from(parties).where(and(
      visibleTo(parties.organisationId, org), isNull(parties.mergedInto),
      given.length ? sql`(${inArray(parties.id, given)} OR ${eq(parties.organisationId, org)})` : eq(parties.organisationId, org),
    ));
    countries = [...new Set(rows.flatMap((r) => r.countries))].sort();
  }
  if (!versions.svac) return { version: null, countries, items: [] };
  const inCountries = countries.length === 0 ? [] : await ctx.db.select({ id: parties.id }).from(parties).where(and(
    visibleTo(parties.organisationId, org), isNull(parties.mergedInto), sql`${parties.countries} && ${sql.param(countries)}::text[]`,
  ));
  const ids = [...new Set([...given, ...inCountries.map((r) => r.id)])];
  const figures = await prevalenceOf(ctx.db, org, ids);
  const refs = await refsOf(ctx.db, org, ids, lang);
  const items = ids.flatMap((id) => {
    const years = figures.get(id)?.svac?.years ?? [];
    const party = refs.get(id);
    if (!party || years.length === 0) return [];
    const latest = years[years.length - 1]!;
    const top = years.reduce<(typeof years)[number] | null>((best, y) => (y.max !== null && (best === null || y.max >= best.max!) ? y : best), null);
    return [{ party, latest: { year: latest.year, max: latest.max }, highest: top && { year: top.year, max: top.max } }];
  }).sort((a, b) => (b.highest?.max ?? -1) - (a.highest?.max ?? -1) || (b.latest.max ?? -1) - (a.latest.max ?? -1) || a.party.name.localeCompare(b.party.name));
  return { version: versionRef(versions.svac), countries, items };
}
