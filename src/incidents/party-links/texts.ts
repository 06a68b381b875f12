/**
 * The coordinator's review of party names nothing links yet: every name written in the organisation's
 * records (and kept versions) without a link, grouped by its folded form, with how many records name it and
 * the registry's closest parties as proposals; and the decision on one, which the organisation keeps
 * (party_text_links), learns as its own alias of the party (so the type-ahead and the next import know it),
 * and applies to every record naming it.
 */
import { eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { appendAudit, auditActor } from '../../platform/audit/audit.ts';
import { badRequest } from '../../platform/http/errors.ts';
import { authorize, type Actor } from '../../policy/policy.ts';
import type { PartyTextList, PartyTextResolve, PartyTextResolved } from '../../shared/party-links.ts';
import { candidatesFor, current, textKey } from '../../parties/links.ts';
import { addOwnName } from '../../parties/names.ts';
import { refsOf } from '../../parties/service.ts';
import { partyTextLinks } from '../../parties/tables.ts';
import { incidents, incidentVersions } from '../tables.ts';
import { relinkOrganisation } from './relink.ts';

const unlinked = (p: string) => sql.raw(`${p}->>'partyId' IS NULL AND ${p}->>'partyChoice' IS NULL AND coalesce(btrim(${p}->>'party'), '') <> ''`);

interface Written { text: string; records: number; versions: number }

async function writtenNames(ctx: AppContext, organisationId: string): Promise<Written[]> {
  const inRecords = await ctx.db.execute<{ text: string; n: number }>(sql`
    SELECT btrim(p->>'party') AS text, count(DISTINCT ${incidents.id})::int AS n
    FROM ${incidents}, jsonb_array_elements(${incidents.perpetrators}) p
    WHERE ${incidents.organisationId} = ${organisationId} AND ${isNull(incidents.deletedAt)} AND ${unlinked('p')}
    GROUP BY 1`);
  const inVersions = await ctx.db.execute<{ text: string; n: number }>(sql`
    SELECT btrim(p->>'party') AS text, count(*)::int AS n
    FROM ${incidentVersions}, jsonb_array_elements(coalesce(${incidentVersions.restricted}->'perpetrators', '[]'::jsonb)) p
    WHERE ${incidentVersions.organisationId} = ${organisationId} AND ${unlinked('p')}
    GROUP BY 1`);
  const all = new Map<string, Written>();
  for (const r of inRecords.rows) all.set(r.text, { text: r.text, records: r.n, versions: 0 });
  for (const r of inVersions.rows) all.set(r.text, { text: r.text, records: all.get(r.text)?.records ?? 0, versions: r.n });
  return [...all.values()];
}

export async function listPartyTexts(ctx: AppContext, actor: Actor, lang: string): Promise<PartyTextList> {
  authorize(actor, 'incident:resolve_parties');
  const org = actor.organisationId;
  const decidedRows = await ctx.db.select({ key: partyTextLinks.textKey }).from(partyTextLinks).where(eq(partyTextLinks.organisationId, org));
  const decided = new Set(decidedRows.map((d) => d.key));
  // A version's name that was decided since is linked through the decision: not listed again.
  const groups = new Map<string, Written[]>();
  for (const w of await writtenNames(ctx, org)) {
    const key = textKey(w.text);
    if (!key || decided.has(key)) continue;
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  const items = [...groups.values()].map((ws) => {
    const sorted = [...ws].sort((a, b) => b.records - a.records || b.versions - a.versions || a.text.localeCompare(b.text));
    return { text: sorted[0]!.text, spellings: sorted.map((w) => w.text), records: ws.reduce((s, w) => s + w.records, 0), versions: ws.reduce((s, w) => s + w.versions, 0) };
  }).sort((a, b) => b.records - a.records || b.versions - a.versions || a.text.localeCompare(b.text));
  const candidates = await candidatesFor(ctx.db, org, items.map((i) => i.text));
  const refs = await refsOf(ctx.db, org, [...candidates.values()].flat().map((c) => c.partyId), lang);
  return {
    decided: decided.size,
    items: items.map((i) => ({
      ...i,
      candidates: (candidates.get(i.text) ?? []).flatMap((c) => { const party = refs.get(c.partyId); return party ? [{ party, name: c.name, score: c.score }] : []; }),
    })),
  };
}

/** Decides what a written name stands for, learns it, and links every record naming it. */
export async function resolvePartyText(ctx: AppContext, actor: Actor, body: PartyTextResolve, ip: string | null): Promise<PartyTextResolved> {
  authorize(actor, 'incident:resolve_parties');
  const org = actor.organisationId;
  const key = textKey(body.text);
  if (!key) throw badRequest('text', 'required', 'must name a party');
  const aliasLearnt = await ctx.db.transaction(async (tx) => {
    const partyId = body.partyId ? (await current(tx, org, [body.partyId])).get(body.partyId) : null;
    if (body.partyId && !partyId) throw badRequest('partyId', 'party_unknown', 'is not a party your organisation can see');
    const values = { organisationId: org, textKey: key, text: body.text, partyId: partyId ?? null, choice: body.choice ?? null, decidedBy: actor.userId, decidedAt: new Date() };
    await tx.insert(partyTextLinks).values(values)
      .onConflictDoUpdate({ target: [partyTextLinks.organisationId, partyTextLinks.textKey], set: { partyId: values.partyId, choice: values.choice, decidedBy: values.decidedBy, decidedAt: values.decidedAt } });
    const learnt = partyId ? (await addOwnName(tx, org, partyId, { name: body.text, language: null, kind: 'alias' }, 'organisation', actor.userId)) !== null : false;
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'party.text_resolved', entityType: 'party', entityId: partyId ?? undefined,
      details: { choice: body.choice ?? null, aliasLearnt: learnt },
    });
    return learnt;
  });
  const { records } = await relinkOrganisation(ctx.db, org, auditActor(actor, ip), 'name decided');
  return { records, aliasLearnt };
}
