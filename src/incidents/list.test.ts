/**
 * Listing incidents over real HTTP against a real database, on every configured PostgreSQL server: filters,
 * period overlap, search, sorting, paging and refused queries. Shared setup is in incident-test-kit.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { INCIDENT_SORTS } from '../shared/incident.ts';
import { errorOf, fieldsOf, ids, incidentTestEnv, NARRATIVE_MARKER, sorted } from './incident-test-kit.ts';

describe.each(testServers())('incidents on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, create, list } = env;

  describe('listing', () => {
    /** Five incidents of ORG-L, made in an order that matches none of the sorts. */
    const I = {} as Record<'L1' | 'L2' | 'L3' | 'L4' | 'L5', string>;
    beforeAll(async () => {
      const c = as.coordinatorL;
      const one = (form: string) => [{ form, victims: { women: 1 } }];
      // Decided ones are recorded by the monitor and decided by the coordinator (four eyes).
      const make = async (o: Record<string, unknown>) => {
        const verification = o.verification as { status: string } | undefined;
        const decided = verification && !['reported', 'pending'].includes(verification.status);
        const made = await create(decided ? as.monitorL : c, { victims: { women: 1 }, narrative: `${NARRATIVE_MARKER} list`, ...o, ...(decided ? { verification: { status: 'pending' } } : {}) });
        // A decision states its standard of proof (not needed when not verified).
        const grounds = verification?.status === 'not_verified' ? {} : { standard: 'reasonable_grounds_to_believe' };
        if (decided) expect((await c.patch(`/api/incidents/${made.id}`, { version: made.version, verification: { ...verification, ...grounds } })).status).toBe(200);
        return made.id;
      };
      I.L3 = await make({ occurredFrom: '2025-03-01', occurredTo: '2025-03-03', place: { country: 'CAF', admin1: 'CF-OP' },
        violations: [...one('rape'), ...one('forced_marriage')], perpetrators: [{ party: 'Party GAMMA_x' }], verification: { status: 'pending' } });
      I.L1 = await make({ occurredFrom: '2025-01-10', occurredTo: '2025-01-20', place: { country: 'CAF', admin1: 'CF-BGF' },
        violations: one('rape'), perpetrators: [{ party: 'Party ALPHA' }] });
      I.L2 = await make({ occurredFrom: '2025-02-05', place: { country: 'COD', admin1: 'CD-NK' },
        violations: one('sexual_slavery'), perpetrators: [{ party: 'Party BETA 100%' }], verification: { status: 'verified' } });
      I.L4 = await make({ occurredFrom: '2024-12-20', occurredTo: '2025-01-05', place: { country: 'COD', admin1: 'CD-NK' },
        violations: one('forced_marriage'), perpetrators: [{ party: 'Party 100 units' }] });
      I.L5 = await make({ occurredFrom: '2023-06-01', place: { country: 'SSD' }, violations: one('sexual_torture'),
        perpetrators: [{ party: 'Party GAMMAZx' }], verification: { status: 'not_verified', notVerifiedReason: 'source_unwilling' } });
      // updatedAt order: L2, L5, L1, L3, L4.
      for (const [k, day] of [['L2', 1], ['L5', 2], ['L1', 3], ['L3', 4], ['L4', 5]] as const) {
        await env.db.pool.query('UPDATE incidents SET updated_at = $2 WHERE id = $1', [I[k], `2025-06-0${day}T12:00:00Z`]);
      }
    });
    const set = (...keys: (keyof typeof I)[]) => sorted(keys.map((k) => I[k]));
    const expectSet = async (query: string, ...keys: (keyof typeof I)[]) => {
      const r = await list(as.coordinatorL, query);
      expect(sorted(ids(r)), query).toEqual(set(...keys));
      expect(r.total, query).toBe(keys.length);
    };

    it('shows the coordinator exactly the organisation\'s incidents, without identifying fields', async () => {
      const r = await list(as.coordinatorL, 'pageSize=200');
      expect(sorted(ids(r))).toEqual(set('L1', 'L2', 'L3', 'L4', 'L5'));
      expect(r.items.find((i) => i.id === I.L3)!.forms).toEqual(['forced_marriage', 'rape']);
      expect(JSON.stringify(r)).not.toContain(NARRATIVE_MARKER);
    });

    it('filters by status, form, country and admin1', async () => {
      await expectSet('status=verified', 'L2');
      await expectSet('status=verified,pending', 'L2', 'L3');
      await expectSet('status=reported', 'L1', 'L4');
      await expectSet('form=forced_marriage', 'L3', 'L4');
      await expectSet('form=rape,sexual_torture', 'L1', 'L3', 'L5');
      await expectSet('form=trafficking_sexual_exploitation');
      await expectSet('country=COD', 'L2', 'L4');
      await expectSet('admin1=CD-NK', 'L2', 'L4');
      await expectSet('admin1=CF-BGF', 'L1');
      await expectSet('country=CAF&form=rape', 'L1', 'L3');
      await expectSet('country=CAF&status=verified');
    });

    it('filters by period with overlap semantics (inclusive bounds)', async () => {
      await expectSet('from=2025-01-01&to=2025-01-31', 'L1', 'L4');
      await expectSet('from=2025-01-06&to=2025-01-09');
      await expectSet('from=2025-01-05&to=2025-01-10', 'L1', 'L4');
      await expectSet('from=2025-02-01', 'L2', 'L3');
      await expectSet('from=2025-03-03', 'L3');
      await expectSet('from=2025-03-04');
      await expectSet('to=2024-12-31', 'L4', 'L5');
      await expectSet('to=2024-12-19', 'L5');
    });

    it('searches reference, party and admin areas; % and _ are literal; encrypted fields are not searched', async () => {
      await expectSet('q=ORG-L-2024', 'L4');
      await expectSet('q=org-l-2023-0001', 'L5');
      await expectSet('q=party%20alpha', 'L1');
      await expectSet('q=CF-OP', 'L3');
      await expectSet(`q=${encodeURIComponent('100%')}`, 'L2');
      await expectSet(`q=${encodeURIComponent('%')}`, 'L2');
      await expectSet(`q=${encodeURIComponent('GAMMA_x')}`, 'L3');
      await expectSet(`q=${encodeURIComponent('_')}`, 'L3');
      await expectSet(`q=${encodeURIComponent('\\')}`);
      await expectSet(`q=${NARRATIVE_MARKER}`);
    });

    it('sorts by every supported order', async () => {
      const expected: Record<(typeof INCIDENT_SORTS)[number], (keyof typeof I)[]> = {
        occurredFrom: ['L5', 'L4', 'L1', 'L2', 'L3'],
        '-occurredFrom': ['L3', 'L2', 'L1', 'L4', 'L5'],
        reference: ['L5', 'L4', 'L3', 'L1', 'L2'],
        '-reference': ['L2', 'L1', 'L3', 'L4', 'L5'],
        updatedAt: ['L2', 'L5', 'L1', 'L3', 'L4'],
        '-updatedAt': ['L4', 'L3', 'L1', 'L5', 'L2'],
        createdAt: ['L3', 'L1', 'L2', 'L4', 'L5'],
        '-createdAt': ['L5', 'L4', 'L2', 'L1', 'L3'],
      };
      for (const sort of INCIDENT_SORTS) {
        expect(ids(await list(as.coordinatorL, `sort=${sort}`)), sort).toEqual(expected[sort].map((k) => I[k]));
      }
      // The default is the most recent first.
      expect(ids(await list(as.coordinatorL))).toEqual(expected['-occurredFrom'].map((k) => I[k]));
    });

    it('pages through the sorted result with a correct total', async () => {
      const p2 = await list(as.coordinatorL, 'sort=reference&pageSize=1&page=2');
      expect(p2).toMatchObject({ total: 5, page: 2, pageSize: 1 });
      expect(ids(p2)).toEqual([I.L4]);
      const p2of2 = await list(as.coordinatorL, 'sort=reference&pageSize=2&page=3');
      expect(ids(p2of2)).toEqual([I.L2]);
      expect(p2of2.total).toBe(5);
      const beyond = await list(as.coordinatorL, 'pageSize=1&page=6');
      expect(beyond).toMatchObject({ items: [], total: 5 });
      const filtered = await list(as.coordinatorL, 'country=COD&pageSize=1&page=1&sort=occurredFrom');
      expect(filtered).toMatchObject({ total: 2 });
      expect(ids(filtered)).toEqual([I.L4]);
    });

    it.each([
      ['pageSize=500', 'pageSize'], ['pageSize=0', 'pageSize'], ['page=0', 'page'], ['sort=secret', 'sort'],
      ['status=bogus', 'status.0'], ['country=caf', 'country'], ['from=2025-13-01', 'from'], ['narrative=x', 'narrative'], ['q=%00', 'q'], ['admin1=%00', 'admin1'],
    ])('refuses the query %s naming %s', async (query, field) => {
      const r = await as.coordinatorL.get(`/api/incidents?${query}`);
      expect(r.status).toBe(400);
      expect(errorOf(r).code).toBe('validation_failed');
      expect(fieldsOf(r)).toContain(field);
    });
  });
});
