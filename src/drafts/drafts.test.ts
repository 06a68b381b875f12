/**
 * Drafts of incidents over real HTTP: saved and reopened by their owner only, sealed at rest, bounded in
 * size and number, purged when stale, audited without content.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { DRAFTS_PER_USER, type Draft, type DraftList } from '../shared/draft.ts';
import { errorOf, fieldsOf, incidentTestEnv } from '../incidents/incident-test-kit.ts';
import { purgeStaleDrafts } from './service.ts';

const SECRET = 'DRAFT-CANARY-5521 survivor S-0091 said';

describe.each(testServers())('drafts on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;
  const put = (c: typeof as.monitor, id: string, body: unknown) => c.request<Draft>('PUT', `/api/drafts/${id}`, body);

  it('saves, lists, reopens and replaces a draft, sealed at rest and audited without content', async () => {
    const id = randomUUID();
    const first = await put(as.monitor, id, { step: 1, data: { narrative: SECRET, victims: { women: '2' } } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const again = await put(as.monitor, id, { step: 3, data: { narrative: `${SECRET} more`, victims: { women: '3' } } });
    expect(again.status).toBe(200);
    const list = await as.monitor.get<DraftList>('/api/drafts');
    expect(list.body.items.map((d) => [d.id, d.step])).toEqual([[id, 3]]);
    expect(JSON.stringify(list.body)).not.toContain('CANARY');
    const opened = await as.monitor.get<Draft>(`/api/drafts/${id}`);
    expect(opened.body.data).toEqual({ narrative: `${SECRET} more`, victims: { women: '3' } });

    const { rows } = await env.db.pool.query<{ t: string; sealed: Buffer }>('SELECT row_to_json(d)::text AS t, sealed FROM incident_drafts d WHERE id = $1', [id]);
    expect(rows[0]!.t).not.toContain('CANARY');
    expect(rows[0]!.sealed.includes(Buffer.from('CANARY'))).toBe(false);
    const { rows: audit } = await env.db.pool.query<{ action: string; t: string }>(
      "SELECT action, row_to_json(a)::text AS t FROM audit_log a WHERE entity_id = $1 ORDER BY id", [id]);
    expect(audit.map((a) => a.action)).toEqual(['draft.create', 'draft.read']);
    for (const a of audit) expect(a.t).not.toContain('CANARY');

    expect((await as.monitor.request('DELETE', `/api/drafts/${id}`)).status).toBe(204);
    expect((await as.monitor.get(`/api/drafts/${id}`)).status).toBe(404);
    expect((await as.monitor.request('DELETE', `/api/drafts/${id}`)).status).toBe(404);
  });

  it("keeps each draft its owner's: another user can neither read, overwrite nor discard it", async () => {
    const id = randomUUID();
    expect((await put(as.monitor, id, { step: 0, data: { narrative: SECRET } })).status).toBe(200);
    for (const other of [as.monitor2, as.coordinator, as.coordinatorB]) {
      expect((await other.get(`/api/drafts/${id}`)).status).toBe(404);
      expect((await put(other, id, { step: 0, data: { narrative: 'overwritten' } })).status).toBe(404);
      expect((await other.request('DELETE', `/api/drafts/${id}`)).status).toBe(404);
      expect((await other.get<DraftList>('/api/drafts')).body.items.map((d) => d.id)).not.toContain(id);
    }
    expect((await as.monitor.get<Draft>(`/api/drafts/${id}`)).body.data).toEqual({ narrative: SECRET });
    expect((await as.viewer.get('/api/drafts')).status).toBe(403);
  });

  it('names the field of a bad draft, limits how many a user keeps, and purges stale ones', async () => {
    const big = await put(as.partner, randomUUID(), { step: 0, data: { narrative: 'x'.repeat(300 * 1024) } });
    expect(big.status).toBe(400);
    expect(fieldsOf(big)).toContain('data');
    const badStep = await put(as.partner, randomUUID(), { step: -1, data: {} });
    expect(fieldsOf(badStep)).toContain('step');
    const badId = await put(as.partner, 'not-a-uuid', { step: 0, data: {} });
    expect(fieldsOf(badId)).toContain('id');

    const made: string[] = [];
    for (let i = 0; i < DRAFTS_PER_USER; i++) {
      const id = randomUUID();
      expect((await put(as.partner, id, { step: 0, data: { i } })).status).toBe(200);
      made.push(id);
    }
    const over = await put(as.partner, randomUUID(), { step: 0, data: {} });
    expect(over.status).toBe(409);
    expect(errorOf(over).code).toBe('too_many_drafts');
    // Saving an existing one is still fine.
    expect((await put(as.partner, made[0]!, { step: 2, data: { i: 0 } })).status).toBe(200);

    await env.db.pool.query("UPDATE incident_drafts SET updated_at = now() - interval '31 days' WHERE id = ANY($1::uuid[])", [made.slice(0, 5)]);
    expect(await purgeStaleDrafts(env.ctx.db)).toBe(5);
    expect((await as.partner.get<DraftList>('/api/drafts')).body.items).toHaveLength(DRAFTS_PER_USER - 5);
  });
});
