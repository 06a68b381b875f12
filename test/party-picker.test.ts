/**
 * What the party type-ahead offers (web/src/partyPicker.ts, pure): the explicit non-party choices of a
 * perpetrator when they match what was typed, the registry's suggestions, and "propose a new party" unless
 * a suggestion carries exactly the typed name.
 */
import { describe, expect, it } from 'vitest';
import type { PartySuggestion } from '../src/shared/parties.ts';
import { choiceText, pickerOptions } from '../web/src/partyPicker.ts';

const party = (id: string, name: string, match = name): PartySuggestion => ({
  id, name, shortName: null, category: 'non_state_armed_group', countries: ['CAF'], scope: 'own', status: 'unconfirmed', mergedInto: null, source: 'organisation',
  match: { name: match, language: 'fr', kind: 'canonical' },
});
const label = (s: 'unknown' | 'unidentified_armed_men') => (s === 'unknown' ? 'Unknown' : 'Unidentified armed men');
const keys = (typed: string, items: PartySuggestion[], over: Partial<Parameters<typeof pickerOptions>[2]> = {}) =>
  pickerOptions(typed, items, { specials: true, propose: true, excludeIds: [], ...over }, label).map((o) => o.key);

describe('the party picker\'s options', () => {
  it('offers both explicit choices before anything is typed, and those whose words start with what is typed after', () => {
    expect(keys('', [])).toEqual(['special-unknown', 'special-unidentified_armed_men']);
    expect(keys('armed', [])).toEqual(['special-unidentified_armed_men', 'propose']);
    expect(keys('unkn', [])).toEqual(['special-unknown', 'propose']);
    expect(keys('', [], { specials: false })).toEqual([]);
  });

  it('lists suggestions, leaves out excluded parties, and proposes only a name no suggestion carries', () => {
    const a = party('a', 'Milice de la Kotto');
    const b = party('b', 'Kotto river militia', 'Milice Kotto');
    expect(keys('kotto', [a, b])).toEqual(['party-a', 'party-b', 'propose']);
    expect(keys('milice de la kotto', [a, b])).toEqual(['party-a', 'party-b']);
    expect(keys('MILICE   kotto', [a, b])).toEqual(['party-a', 'party-b']);
    expect(keys('kotto', [a, b], { excludeIds: ['a'], propose: false })).toEqual(['party-b']);
  });

  it('shows a choice by its name', () => {
    expect(choiceText({ kind: 'party', party: party('a', 'Milice de la Kotto') }, label)).toBe('Milice de la Kotto');
    expect(choiceText({ kind: 'unidentified_armed_men' }, label)).toBe('Unidentified armed men');
    expect(choiceText(null, label)).toBe('');
  });
});
