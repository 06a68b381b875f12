/**
 * A perpetrator party column's distinct values, a page at a time, with what the registry makes of each: the
 * link it has already (by a party's name or alias, or the organisation's decision on that name), or else its
 * closest party, a proposal the importer may take. The values are read as columnValues reads them (the
 * importer's own import, audited); links are one look-up for the page, proposals are scored for the page's
 * unlinked values only (every visible name is read once).
 */
import type { AppContext } from '../platform/context.ts';
import type { Actor } from '../policy/policy.ts';
import { candidatesFor, linksForTexts } from '../parties/links.ts';
import { refsOf } from '../parties/service.ts';
import type { ImportPartyValues, ImportPartyValuesQuery } from '../shared/import.ts';
import type { z } from '../shared/zod.ts';
import { columnValues } from './service.ts';

export async function partyValues(ctx: AppContext, actor: Actor, id: string, q: z.infer<typeof ImportPartyValuesQuery>, lang: string, ip: string | null): Promise<ImportPartyValues> {
  const page = await columnValues(ctx, actor, id, q, ip);
  const org = actor.organisationId;
  const texts = page.items.map((v) => v.value);
  const links = await linksForTexts(ctx.db, org, texts);
  const candidates = await candidatesFor(ctx.db, org, texts.filter((t) => !links.has(t)), 1);
  const ids = [...[...links.values()].flatMap((l) => (l.partyId ? [l.partyId] : [])), ...[...candidates.values()].flat().map((c) => c.partyId)];
  const refs = await refsOf(ctx.db, org, ids, lang);
  return {
    ...page,
    items: page.items.map((v) => {
      const link = links.get(v.value);
      const best = candidates.get(v.value)?.[0];
      const party = best ? refs.get(best.partyId) : undefined;
      return {
        ...v,
        link: link ? { party: link.partyId ? refs.get(link.partyId) ?? null : null, choice: link.choice, via: link.via } : null,
        candidate: best && party ? { party, name: best.name, score: best.score } : null,
      };
    }),
  };
}
