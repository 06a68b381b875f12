/** What leaves the API about parties: names in the reader's language, scope from the reader's organisation. */
import {
  PARTY_SOURCES, type PartyCategory, type PartyDetail, type PartyExternalId, type PartyIdScheme, type PartyMerge, type PartyName, type PartyNameKind,
  type PartyRef, type PartyRelationKind, type PartyScope, type PartySource, type PartyStatus, type PartySummary,
} from '../shared/parties.ts';
import { GOVERNMENT_OF } from './reference-files.ts';
import type { NameRow, PartyRow } from './store.ts';
import type { partyExternalIds, partyMerges, partyRelations } from './tables.ts';

export const scopeOf = (organisationId: string | null): PartyScope => (organisationId === null ? 'reference' : 'own');

export function presentSummary(row: PartyRow, display: { name: string; shortName: string | null } | undefined): PartySummary {
  return {
    id: row.id,
    name: display?.name ?? row.name,
    shortName: display?.shortName ?? row.shortName,
    category: row.category as PartyCategory,
    countries: row.countries,
    scope: scopeOf(row.organisationId),
    status: row.status as PartyStatus,
    mergedInto: row.mergedInto,
    source: row.source as PartySource,
  };
}

export const presentRef = (row: PartyRow, display: { name: string } | undefined): PartyRef =>
  ({ id: row.id, name: display?.name ?? row.name, scope: scopeOf(row.organisationId), category: row.category as PartyCategory });

export const presentName = (n: NameRow): PartyName =>
  ({ id: n.id, name: n.name, language: n.language, kind: n.kind as PartyNameKind, source: n.source as PartySource, scope: scopeOf(n.organisationId) });

export const presentExternalId = (x: typeof partyExternalIds.$inferSelect): PartyExternalId =>
  ({ id: x.id, scheme: x.scheme as PartyIdScheme, value: x.value, source: x.source as PartySource, scope: scopeOf(x.organisationId) });

export function presentMerge(m: typeof partyMerges.$inferSelect, refs: ReadonlyMap<string, PartyRef>, moved: Record<string, number>): PartyMerge {
  return { id: m.id, from: refs.get(m.fromPartyId)!, into: refs.get(m.intoPartyId)!, mergedAt: m.mergedAt.toISOString(), undoneAt: m.undoneAt?.toISOString() ?? null, moved };
}

/** Names first by language (the reader's, then English, French, Arabic, others, none), then canonical, short, aliases. */
const LANGUAGE_ORDER = ['en', 'fr', 'ar'];
const KIND_ORDER = ['canonical', 'short', 'alias'];
export function sortNames(names: NameRow[], lang: string): NameRow[] {
  const l = (n: NameRow) => (n.language === lang ? -1 : n.language === null ? 99 : LANGUAGE_ORDER.indexOf(n.language) === -1 ? 50 : LANGUAGE_ORDER.indexOf(n.language));
  return [...names].sort((a, b) => l(a) - l(b) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name));
}

export interface DetailParts {
  row: PartyRow;
  display: { name: string; shortName: string | null };
  names: NameRow[];
  externalIds: (typeof partyExternalIds.$inferSelect)[];
  relations: (typeof partyRelations.$inferSelect)[];
  refs: ReadonlyMap<string, PartyRef>;
  parent: PartyRef | null;
  children: PartyRef[];
  merges: PartyMerge[];
}

export function presentDetail(p: DetailParts): PartyDetail {
  const { row } = p;
  const sources = new Set<PartySource>([row.source as PartySource, ...p.names.map((n) => n.source as PartySource), ...p.externalIds.map((x) => x.source as PartySource)]);
  sources.delete('organisation');
  const government = row.organisationId === null ? p.names.find((n) => n.organisationId === null && n.name.startsWith(GOVERNMENT_OF) && n.source !== 'salama') : undefined;
  return {
    ...presentSummary(row, p.display),
    canonicalName: row.name,
    note: row.note,
    governmentAlias: government?.name ?? null,
    parent: p.parent,
    children: p.children,
    activeFrom: row.activeFrom,
    activeTo: row.activeTo,
    names: p.names.map(presentName),
    externalIds: p.externalIds.map(presentExternalId),
    relations: p.relations.map((r) => {
      const outgoing = r.fromPartyId === row.id;
      return {
        id: r.id, kind: r.kind as PartyRelationKind, outgoing, other: p.refs.get(outgoing ? r.toPartyId : r.fromPartyId)!,
        validFrom: r.validFrom, validTo: r.validTo, scope: scopeOf(r.organisationId),
      };
    }),
    attribution: [...sources].map((source) => ({ source, ...PARTY_SOURCES[source] })),
    merges: p.merges,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
