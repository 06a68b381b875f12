import { describe, expect, it } from 'vitest';
import { foldName, nameSimilarity } from './similarity.ts';

const score = (a: string, b: string) => nameSimilarity(foldName(a), foldName(b));

describe('party name similarity', () => {
  it('scores the same name written otherwise as identical', () => {
    expect(score('Forces armées de la RDC', 'forces armees de la rdc')).toBe(1);
    expect(score('Al-Shabaab', 'al shabaab')).toBeGreaterThan(0.9);
  });

  it('keeps a unit of a party and a misspelling close, an unrelated name far', () => {
    expect(score('FARDC 3e brigade', 'FARDC')).toBeGreaterThan(0.6);
    expect(score('Forces armes de la RDC', 'Forces armées de la RDC')).toBeGreaterThan(0.8);
    expect(score('Mai-Mai Yakutumba', 'Mai Mai Yakutumba')).toBeGreaterThan(0.9);
    expect(score('FARDC', 'Séléka')).toBeLessThan(0.3);
    expect(score('', 'FARDC')).toBe(0);
  });

  it('is symmetric', () => {
    for (const [a, b] of [['FARDC 3e brigade', 'FARDC'], ['RSF', 'Rapid Support Forces'], ['M23', 'Mouvement du 23 mars']] as const) {
      expect(score(a, b)).toBeCloseTo(score(b, a), 10);
    }
  });
});
