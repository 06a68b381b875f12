// Why: what the party type-ahead offers, as a pure function (tested without a browser): the explicit
// choices a perpetrator may name instead of a party ("unknown", "unidentified armed men") when they match
// what was typed, the registry's suggestions, and "propose a new party" for a name nobody has yet.
import { PARTY_SPECIAL_CHOICES, type PartyCategory, type PartySpecialChoice, type PartySuggestion } from '../../src/shared/parties.ts';

/** What a picker holds: a party of the registry, or one of the explicit non-party choices. */
/** A chosen party needs only its id and name (a record's link is kept with the name it was recorded under). */
export type PartyChoice = { kind: 'party'; party: { id: string; name: string; category?: PartyCategory } } | { kind: PartySpecialChoice };

export type PickerOption =
  | { key: string; kind: 'special'; special: PartySpecialChoice; label: string }
  | { key: string; kind: 'party'; party: PartySuggestion }
  | { key: string; kind: 'propose'; name: string };

export interface PickerSettings {
  specials: boolean;
  propose: boolean;
  /** Parties not to offer (the party itself, when picking another one for it). */
  excludeIds: readonly string[];
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * The options in order: matching explicit choices first (all of them before anything is typed), then the
 * suggestions, then proposing the typed name when no suggestion carries exactly that name.
 */
export function pickerOptions(typed: string, suggestions: readonly PartySuggestion[], settings: PickerSettings, specialLabel: (s: PartySpecialChoice) => string): PickerOption[] {
  const q = fold(typed);
  const words = q.split(' ').filter(Boolean);
  const specials: PickerOption[] = settings.specials
    ? PARTY_SPECIAL_CHOICES.map((special) => ({ key: `special-${special}`, kind: 'special' as const, special, label: specialLabel(special) }))
      .filter((o) => words.every((w) => fold(o.label).split(' ').some((x) => x.startsWith(w))))
    : [];
  const parties: PickerOption[] = q ? suggestions.filter((s) => !settings.excludeIds.includes(s.id)).map((party) => ({ key: `party-${party.id}`, kind: 'party' as const, party })) : [];
  const exact = suggestions.some((s) => fold(s.match.name) === q || fold(s.name) === q);
  const propose: PickerOption[] = settings.propose && q && !exact ? [{ key: 'propose', kind: 'propose', name: typed.trim() }] : [];
  return [...specials, ...parties, ...propose];
}

/** The text a chosen value shows in the field. */
export const choiceText = (c: PartyChoice | null, specialLabel: (s: PartySpecialChoice) => string): string =>
  c === null ? '' : c.kind === 'party' ? c.party.name : specialLabel(c.kind);
