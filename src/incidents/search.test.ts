/**
 * The incident list's search: area and country names in English, French and Arabic (accents, case and the
 * start of words), references, parties and source organisations, every word matching; sealed fields never
 * searched; the text never audited. Pure key functions first, then real HTTP on every configured server.
 */
import { getTableColumns } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { ensureBuiltInAreas } from '../places/places.ts';
import { refreshSearchKeys } from '../places/load.ts';
import { countriesMatching, keyMatches, searchKey, termWords } from '../places/search.ts';
import { adminAreas } from '../places/tables.ts';
import { ADMIN_AREA_FIELD_CLASSES } from '../shared/fields.ts';
import { errorOf, fieldsOf, ids, incidentTestEnv, sorted } from './incident-test-kit.ts';

describe('search keys', () => {
  it('folds every name into words, with multi-word names also written as one', () => {
    expect(searchKey(['North Kivu', 'Nord-Kivu', 'كيفو الشمالية'])).toBe(' north kivu northkivu nord nordkivu كيفو الشماليه كيفوالشماليه ');
    expect(searchKey(['Ouaka', 'Ouaka', 'محافظة أواكا'])).toBe(' ouaka محافظه اواكا محافظهاواكا ');
    expect(searchKey([null, ''])).toBe('');
  });

  it('matches words at the start of a word only, whatever the accents, case and hamza', () => {
    const ouaka = searchKey(['Ouaka', 'Ouaka', 'محافظة أواكا']);
    for (const typed of ['Ouaka', 'OUAK', 'ouaka', 'أواكا', 'اواكا', 'محافظة أواكا']) expect(keyMatches(ouaka, termWords(typed)), typed).toBe(true);
    for (const typed of ['uaka', 'ka', 'Ouakam', '%', '']) expect(keyMatches(ouaka, termWords(typed)), typed).toBe(false);
    expect(keyMatches(searchKey(['Kasaï-Oriental']), termWords('kasai'))).toBe(true);
    expect(keyMatches(searchKey(['Nord-Kivu']), termWords('nordkivu'))).toBe(true);
  });

  it('classifies every column of the areas table, the search key included', () => {
    expect(Object.keys(ADMIN_AREA_FIELD_CLASSES).sort()).toEqual(Object.keys(getTableColumns(adminAreas)).sort());
  });

  it('names countries in three languages, by code and by the usual aliases', () => {
    expect(countriesMatching(termWords('Centrafrique'))).toEqual([]);
    expect(countriesMatching(termWords('centrafricaine'))).toEqual(['CAF']);
    expect(countriesMatching(termWords('Central African'))).toEqual(['CAF']);
    expect(countriesMatching(termWords('أفريقيا الوسطى'))).toEqual(['CAF']);
    expect(countriesMatching(termWords('CAF'))).toContain('CAF');
    expect(countriesMatching(termWords('drc'))).toEqual(['COD']);
    expect(countriesMatching(termWords('Soudan du Sud'))).toEqual(['SSD']);
    expect(countriesMatching(termWords('%'))).toEqual([]);
  });
});

describe.each(testServers())('incident search on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, create, list } = env;
  const S = {} as Record<'ouaka' | 'bangui' | 'northKivu' | 'southKivu' | 'southSudan', string>;

  beforeAll(async () => {
    await ensureBuiltInAreas(env.ctx.db);
    const c = as.coordinator;
    const make = async (place: Record<string, unknown>, party: string, sourceOrg: string, narrative = 'A narrative.') =>
      (await create(c, { place: { locality: null, coordinates: null, ...place }, perpetrators: [{ party, category: 'non_state_armed_group' }],
        sources: [{ type: 'service_provider', reliability: 'high', connection: 'first_hand', date: null, organisation: sourceOrg }], narrative })).id;
    S.ouaka = await make({ country: 'CAF', admin1: 'CF-UK' }, 'Party P-1', 'Clinic Q-1');
    // The sealed narrative and locality name another place and the party of another record: never searched.
    S.bangui = await make({ country: 'CAF', admin1: 'CF-BGF', locality: 'Ouaka road camp' }, 'Party P-2', 'Clinic Q-2', 'Seen near Ouaka and Kivu, by NSAG-Z.');
    S.northKivu = await make({ country: 'COD', admin1: 'CD-NK' }, 'Non-state armed group (NSAG-Z)', 'Réseau des femmes W-2');
    S.southKivu = await make({ country: 'COD', admin1: 'CD-SK' }, 'State forces (SF-1)', 'Clinic Q-1');
    S.southSudan = await make({ country: 'SSD', admin1: null }, 'Party P-1', 'Patrol "P-3" of the south');
  });

  const expectFound = async (q: string, ...keys: (keyof typeof S)[]) => {
    const r = await list(as.coordinator, `pageSize=200&q=${encodeURIComponent(q)}`);
    expect(sorted(ids(r)), q).toEqual(sorted(keys.map((k) => S[k])));
    expect(r.total, q).toBe(keys.length);
  };

  it('finds the records in Ouaka by its English, French or Arabic name, in any case, without accents or hamza', async () => {
    for (const q of ['Ouaka', 'ouaka', 'OUAK', 'أواكا', 'اواكا', 'محافظة أواكا', 'Ouaka ']) await expectFound(q, 'ouaka');
    await expectFound('uaka');
  });

  it('finds areas by any word of their names, and multi-word names by all their words', async () => {
    await expectFound('Kivu', 'northKivu', 'southKivu');
    await expectFound('Nord-Kivu', 'northKivu');
    await expectFound('nord kivu', 'northKivu');
    await expectFound('North Kivu', 'northKivu');
    await expectFound('كيفو الجنوبية', 'southKivu');
    await expectFound('sud-kivu', 'southKivu');
  });

  it('finds records by country name in three languages', async () => {
    await expectFound('centrafricaine', 'ouaka', 'bangui');
    await expectFound('Central African Republic', 'ouaka', 'bangui');
    await expectFound('جنوب السودان', 'southSudan');
    await expectFound('Soudan du Sud', 'southSudan');
  });

  it('finds references, parties and source organisations as part of their text; every word must match', async () => {
    await expectFound('NSAG-Z', 'northKivu');
    await expectFound('p-1', 'ouaka', 'southSudan');
    await expectFound('Clinic Q-1', 'ouaka', 'southKivu');
    await expectFound('réseau', 'northKivu');
    // Quotes are escaped in the sources' JSON text: such a word is still found.
    await expectFound('"P-3"', 'southSudan');
    await expectFound('Patrol', 'southSudan');
    await expectFound('Q-1 Ouaka', 'ouaka');
    await expectFound('Q-1 kivu', 'southKivu');
    await expectFound('Ouaka NSAG-Z');
    const one = await list(as.coordinator, 'pageSize=200');
    const ref = one.items.find((i) => i.id === S.northKivu)!.reference;
    await expectFound(ref.toLowerCase(), 'northKivu');
  });

  it('combines the search with the other filters and counts exports the same way', async () => {
    const r = await list(as.coordinator, `country=COD&q=${encodeURIComponent('Clinic')}`);
    expect(ids(r)).toEqual([S.southKivu]);
    const count = await as.coordinator.get<{ records: number }>(`/api/incidents/export/count?purpose=agency&q=${encodeURIComponent('أواكا')}`);
    expect(count.status, JSON.stringify(count.body)).toBe(200);
    expect(count.body.records).toBe(1);
  });

  it('never audits the text typed, only that a search of so many words was made', async () => {
    await list(as.coordinator, `q=${encodeURIComponent('Zzyzx-CANARY Ouaka')}`);
    expect(await env.auditMentions('Zzyzx-CANARY')).toBe(0);
    const { rows } = await env.db.pool.query<{ details: { filters: string[]; searchWords?: number } }>(
      "SELECT details FROM audit_log WHERE action = 'incident.list' ORDER BY id DESC LIMIT 1");
    expect(rows[0]!.details.filters).toContain('q');
    expect(rows[0]!.details.searchWords).toBe(2);
  });

  it('refuses more than ten words, by the field', async () => {
    const r = await as.coordinator.get(`/api/incidents?q=${encodeURIComponent('a b c d e f g h i j k')}`);
    expect(r.status).toBe(400);
    expect(fieldsOf(r)).toEqual(['q']);
    expect(errorOf(r).issues![0]).toMatchObject({ code: 'too_many_words', params: { max: 10 } });
    expect(errorOf(r).issues![0]!.message).toContain('10');
  });

  it('rebuilds missing or stale area keys at start', async () => {
    await env.db.pool.query("UPDATE admin_areas SET search_key = NULL WHERE code = 'CF-UK'");
    await env.db.pool.query("UPDATE admin_areas SET search_key = ' stale ' WHERE code = 'CD-NK'");
    await expectFound('Ouaka');
    expect(await refreshSearchKeys(env.ctx.db)).toBe(2);
    await expectFound('Ouaka', 'ouaka');
    await expectFound('Nord-Kivu', 'northKivu');
    expect(await refreshSearchKeys(env.ctx.db)).toBe(0);
  });
});
