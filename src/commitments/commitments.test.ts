/**
 * Commitments over real HTTP: a joint communiqué with three measures (one overdue, derived and never
 * stored, turning overdue by itself as days pass), evidence with a sealed file (append-only, withdrawn with a
 * reason), validation naming the field in three languages without a half write, who reads and who writes,
 * audit entries without texts or names, and removal with a reason.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { errorOf, incidentTestEnv, isoDay } from '../incidents/incident-test-kit.ts';
import type { Actor } from '../policy/policy.ts';
import { isOverdue, type CommitmentDetail, type CommitmentFile, type CommitmentList } from '../shared/commitments.ts';
import { COMMITMENT_FIELD_CLASSES } from '../shared/fields.ts';
import { getTableColumns } from 'drizzle-orm';
import { communique, createCommunique, ownParty } from './commitment-test-kit.ts';
import { purgeUnattachedFiles } from './files.ts';
import { getCommitment } from './read.ts';
import * as tables from './tables.ts';

describe('overdue, derived from the deadline and the day', () => {
  it('is overdue only past the deadline and while the measure is open', () => {
    expect(isOverdue({ deadline: '2024-05-01', progress: 'not_started' }, '2024-05-01')).toBe(false);
    expect(isOverdue({ deadline: '2024-05-01', progress: 'not_started' }, '2024-05-02')).toBe(true);
    expect(isOverdue({ deadline: '2024-05-01', progress: 'in_progress' }, '2025-01-01')).toBe(true);
    expect(isOverdue({ deadline: '2024-05-01', progress: 'done' }, '2025-01-01')).toBe(false);
    expect(isOverdue({ deadline: '2024-05-01', progress: 'not_done' }, '2025-01-01')).toBe(false);
    expect(isOverdue({ deadline: null, progress: 'not_started' }, '2099-01-01')).toBe(false);
  });

  it('classifies every column of every table of the capability', () => {
    const byTable: Record<string, object> = {
      commitment_files: tables.commitmentFiles, commitments: tables.commitments, commitment_parties: tables.commitmentParties, commitment_measures: tables.measures,
      measure_evidence: tables.measureEvidence, party_listings: tables.partyListings, party_assessments: tables.partyAssessments,
    };
    for (const [name, table] of Object.entries(byTable)) {
      expect(Object.keys(getTableColumns(table as typeof tables.commitments)).sort(), name).toEqual(Object.keys(COMMITMENT_FIELD_CLASSES[name as keyof typeof COMMITMENT_FIELD_CLASSES]).sort());
    }
  });
});

describe.each(testServers())('commitments on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, A } = env;
  let party = '';
  let other = '';
  const audit = async (action: string) => (await env.db.pool.query<{ details: Record<string, unknown>; organisation_id: string }>(
    'SELECT details, organisation_id FROM audit_log WHERE action = $1 ORDER BY id', [action])).rows;

  beforeAll(async () => {
    party = await ownParty(as.coordinator, 'Mouvement TEST pour la paix');
    other = await ownParty(as.coordinator, 'Front TEST de libération');
  });
  afterEach(() => { vi.useRealTimers(); });

  it('records a joint communiqué with three measures; the one past its deadline reads overdue', async () => {
    const made = await createCommunique(as.coordinator, [party, other]);
    expect(made).toMatchObject({ kind: 'joint_communique', signedOn: '2024-03-20', hasFile: false, file: null, today: isoDay(0) });
    expect(made.parties.map((p) => p.name)).toEqual(['Front TEST de libération', 'Mouvement TEST pour la paix']);
    expect(made.measures.map((m) => [m.position, m.kind, m.progress, m.overdue])).toEqual([
      [0, 'command_orders', 'not_started', false], [1, 'focal_point', 'in_progress', true], [2, 'un_access', 'not_started', false],
    ]);
    expect(made.counts).toEqual({ not_started: 2, in_progress: 1, done: 0, not_done: 0, overdue: 1 });
    // Overdue is never stored: the table has no such column.
    const columns = (await env.db.pool.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'commitment_measures'")).rows.map((r) => r.column_name);
    expect(columns).not.toContain('overdue');
    // Every member who reads commitments reads it; another organisation does not see it.
    for (const c of [as.monitor, as.partner, as.viewer]) expect((await c.get<CommitmentDetail>(`/api/commitments/${made.id}`)).body.signatories).toContain('SIGNATORY-MARKER');
    expect((await as.coordinatorB.get(`/api/commitments/${made.id}`)).status).toBe(404);
    expect((await as.admin.get(`/api/commitments/${made.id}`)).status).toBe(403);
    const list = (await as.viewer.get<CommitmentList>(`/api/commitments?partyId=${other}`)).body;
    expect(list.items.map((i) => i.id)).toContain(made.id);
    expect(list.items.find((i) => i.id === made.id)!.measures.map((m) => m.overdue)).toEqual([false, true, false]);
    expect((await as.coordinatorB.get<CommitmentList>('/api/commitments')).body.total).toBe(0);
    // Audited in its transaction, with kinds and counts, never the title or the signatories.
    const [entry] = (await audit('commitment.create')).slice(-1);
    expect(entry!.details).toEqual({ kind: 'joint_communique', parties: 2, measures: 3, file: false, link: true, signatories: true });
    expect(JSON.stringify(entry)).not.toContain('SIGNATORY-MARKER');
  });

  it('turns a measure overdue by itself when its deadline passes', async () => {
    const made = await createCommunique(as.coordinator, [party], { measures: [{ kind: 'training', description: 'Train every unit', deadline: isoDay(1) }] });
    const actor: Actor = { userId: A.coordinator.id, organisationId: A.coordinator.organisationId, role: 'coordinator', stage: 'active', sessionId: 'test' };
    expect((await getCommitment(env.ctx, actor, made.id, 'en')).measures[0]!.overdue).toBe(false);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3 * 86_400_000);
    const later = await getCommitment(env.ctx, actor, made.id, 'en');
    expect(later.measures[0]!.overdue).toBe(true);
    expect(later.today).toBe(isoDay(0));
  });

  it('refuses bad input naming the field in the reader\'s language, and writes nothing', async () => {
    const before = (await as.coordinator.get<CommitmentList>('/api/commitments')).body.total;
    const body = communique([party, party], {
      referenceUrl: 'javascript:alert(1)', signedOn: '20/03/2024', title: '  ',
      measures: [{ kind: 'training', description: 'x', deadline: '2024-13-01' }, { kind: 'patrols', description: '' }],
    });
    const answer = await as.coordinator.request('POST', '/api/commitments', body, { 'accept-language': 'fr' });
    expect(answer.status).toBe(400);
    const issues = errorOf(answer).issues!.map((i) => [i.field, i.code]);
    expect(issues).toEqual(expect.arrayContaining([
      ['title', 'required'], ['signedOn', 'date_format'], ['partyIds', 'listed_twice'], ['referenceUrl', 'web_link'],
      ['measures.0.deadline', 'date_format'], ['measures.1.kind', 'unknown_code'], ['measures.1.description', 'required'],
    ]));
    const messages = errorOf(answer).issues!.map((i) => i.message);
    expect(messages).toContain('Lien vers le texte : saisissez une adresse web commençant par https:// (ou http://)');
    expect(messages.filter((m) => m.startsWith('Mesure 2 – Description : '))).toHaveLength(1);
    const arabic = await as.coordinator.request('POST', '/api/commitments', communique([]), { 'accept-language': 'ar' });
    expect(errorOf(arabic).issues![0]).toMatchObject({ field: 'partyIds', code: 'too_few' });
    expect(errorOf(arabic).issues![0]!.message).toContain('الأطراف الملتزمة');
    // A party the organisation cannot see: refused by field, nothing written (one transaction).
    const unknown = await as.coordinatorB.post('/api/commitments', communique([party]));
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).issues).toEqual([expect.objectContaining({ field: 'partyIds.0', code: 'party_unknown' })]);
    expect((await as.coordinator.get<CommitmentList>('/api/commitments')).body.total).toBe(before);
    expect((await as.coordinatorB.get<CommitmentList>('/api/commitments')).body.total).toBe(0);
    // Only coordinators record.
    for (const c of [as.monitor, as.partner, as.viewer]) expect((await c.post('/api/commitments', communique([party]))).status).toBe(403);
  });

  it('marks a measure done with evidence and a sealed file, read back by readers, audited without names', async () => {
    const made = await createCommunique(as.coordinator, [party]);
    const content = '%PDF-1.4 FILE-CONTENT-MARKER command order No. 1';
    const upload = await as.coordinator.request<CommitmentFile>('POST', `/api/commitments/files?name=${encodeURIComponent('ordre-de-commandement n°1.pdf')}`, content, { 'content-type': 'application/pdf' });
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    expect(upload.body).toMatchObject({ name: 'ordre-de-commandement n°1.pdf', size: content.length, contentType: 'application/pdf' });
    const stored = (await env.db.pool.query<{ name_sealed: Buffer; content_sealed: Buffer }>('SELECT name_sealed, content_sealed FROM commitment_files WHERE id = $1', [upload.body.id])).rows[0]!;
    expect(stored.content_sealed.includes(Buffer.from('FILE-CONTENT-MARKER'))).toBe(false);
    expect(stored.name_sealed.includes(Buffer.from('ordre'))).toBe(false);
    // Not attached yet: its uploader's alone.
    expect((await as.viewer.get(`/api/commitments/files/${upload.body.id}`)).status).toBe(404);

    const measure = made.measures[0]!;
    const done = await as.coordinator.post<CommitmentDetail>(`/api/commitments/measures/${measure.id}/evidence`, {
      date: isoDay(-2), text: 'Order No. 1 issued to every brigade', fileId: upload.body.id, progress: 'done',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    const updated = done.body.measures[0]!;
    expect(updated).toMatchObject({ progress: 'done', overdue: false });
    expect(updated.evidence).toEqual([expect.objectContaining({ date: isoDay(-2), text: 'Order No. 1 issued to every brigade', progress: 'done', recordedBy: A.coordinator.id, withdrawal: null })]);
    expect(updated.evidence[0]!.file).toMatchObject({ id: upload.body.id, name: 'ordre-de-commandement n°1.pdf' });
    // Attached: every reader downloads it (audited), never another organisation.
    const download = await as.viewer.get<string>(`/api/commitments/files/${upload.body.id}`);
    expect(download.status).toBe(200);
    expect(download.body).toBe(content);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''ordre-de-commandement%20n%C2%B01.pdf");
    expect((await as.coordinatorB.get(`/api/commitments/files/${upload.body.id}`)).status).toBe(404);
    for (const action of ['commitment_file.upload', 'commitment_file.download', 'commitment.evidence_add']) {
      const entries = await audit(action);
      expect(entries.length, action).toBeGreaterThan(0);
      expect(JSON.stringify(entries), action).not.toMatch(/ordre|Order No/);
    }
    expect((await audit('commitment.evidence_add')).at(-1)!.details).toMatchObject({ measure: measure.id, file: true, progress: { from: 'not_started', to: 'done' } });
    // The same file cannot be attached twice.
    const again = await as.coordinator.post(`/api/commitments/measures/${made.measures[1]!.id}/evidence`, { date: isoDay(-1), text: 'Same file', fileId: upload.body.id });
    expect(again.status).toBe(409);
    expect(errorOf(again).issues![0]).toMatchObject({ field: 'fileId', code: 'file_in_use' });
  });

  it('keeps evidence append-only: withdrawn once with a reason, never edited or removed', async () => {
    const made = await createCommunique(as.coordinator, [party]);
    const measureId = made.measures[1]!.id;
    const added = await as.coordinator.post<CommitmentDetail>(`/api/commitments/measures/${measureId}/evidence`, { date: isoDay(-3), text: 'Focal point named in a letter' });
    const evidence = added.body.measures[1]!.evidence[0]!;
    expect((await as.monitor.post(`/api/commitments/evidence/${evidence.id}/withdraw`, { reason: 'no' })).status).toBe(403);
    const withdrawn = await as.coordinator.post<CommitmentDetail>(`/api/commitments/evidence/${evidence.id}/withdraw`, { reason: 'The letter was not signed' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.measures[1]!.evidence[0]!.withdrawal).toMatchObject({ by: A.coordinator.id, reason: 'The letter was not signed' });
    expect(withdrawn.body.measures[1]!.evidence[0]!.text).toBe('Focal point named in a letter');
    const twice = await as.coordinator.post(`/api/commitments/evidence/${evidence.id}/withdraw`, { reason: 'again' });
    expect([twice.status, errorOf(twice).code]).toEqual([409, 'evidence_withdrawn']);
    // The table itself refuses changes and removals.
    await expect(env.db.pool.query("UPDATE measure_evidence SET text = 'changed' WHERE id = $1", [evidence.id])).rejects.toThrow(/append-only/);
    await expect(env.db.pool.query('UPDATE measure_evidence SET withdrawal_reason = $2 WHERE id = $1', [evidence.id, 'other'])).rejects.toThrow(/append-only/);
    await expect(env.db.pool.query('DELETE FROM measure_evidence WHERE id = $1', [evidence.id])).rejects.toThrow(/append-only/);
    // A measure with evidence stays; one without can go.
    const keep = await as.coordinator.request('DELETE', `/api/commitments/measures/${measureId}`);
    expect([keep.status, errorOf(keep).code]).toEqual([409, 'measure_has_evidence']);
    const gone = await as.coordinator.request<CommitmentDetail>('DELETE', `/api/commitments/measures/${made.measures[2]!.id}`);
    expect(gone.body.measures.map((m) => m.kind)).toEqual(['command_orders', 'focal_point']);
  });

  it('changes a commitment, its measures and its text, and removes it with a reason', async () => {
    const made = await createCommunique(as.coordinator, [party]);
    const text = await as.coordinator.request<CommitmentFile>('POST', '/api/commitments/files?name=communique.txt', 'the text', { 'content-type': 'text/plain' });
    const changed = await as.coordinator.patch<CommitmentDetail>(`/api/commitments/${made.id}`, { partyIds: [other, party], fileId: text.body.id, referenceUrl: null, kind: 'action_plan' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ kind: 'action_plan', referenceUrl: null, hasFile: true, file: { name: 'communique.txt' } });
    expect(changed.body.parties.map((p) => p.id)).toEqual([other, party]);
    const measure = await as.coordinator.patch<CommitmentDetail>(`/api/commitments/measures/${made.measures[1]!.id}`, { progress: 'not_done', deadline: null });
    expect(measure.body.measures[1]).toMatchObject({ progress: 'not_done', deadline: null, overdue: false });
    const added = await as.coordinator.post<CommitmentDetail>(`/api/commitments/${made.id}/measures`, { kind: 'other', description: 'Report every quarter' });
    expect(added.status).toBe(201);
    expect(added.body.measures.at(-1)).toMatchObject({ position: 3, kind: 'other', progress: 'not_started' });
    // A text replaced: the old file goes with it.
    const second = await as.coordinator.request<CommitmentFile>('POST', '/api/commitments/files?name=v2.txt', 'second text', { 'content-type': 'text/plain' });
    await as.coordinator.patch(`/api/commitments/${made.id}`, { fileId: second.body.id });
    expect((await env.db.pool.query('SELECT 1 FROM commitment_files WHERE id = $1', [text.body.id])).rowCount).toBe(0);

    expect((await as.coordinator.request('DELETE', `/api/commitments/${made.id}`, {})).status).toBe(400);
    expect((await as.coordinator.request('DELETE', `/api/commitments/${made.id}`, { reason: 'Recorded twice' })).status).toBe(204);
    expect((await as.viewer.get(`/api/commitments/${made.id}`)).status).toBe(404);
    expect((await as.viewer.get<CommitmentList>('/api/commitments')).body.items.map((i) => i.id)).not.toContain(made.id);
    expect((await audit('commitment.delete')).at(-1)!.details).toEqual({ kind: 'action_plan' });
  });

  it('drops uploads nobody attached after a day, never attached ones', async () => {
    const upload = async (name: string) => (await as.coordinator.request<CommitmentFile>('POST', `/api/commitments/files?name=${name}`, 'bytes', { 'content-type': 'text/plain' })).body.id;
    const [loose, fresh, used] = [await upload('loose.txt'), await upload('fresh.txt'), await upload('used.txt')];
    await createCommunique(as.coordinator, [party], { fileId: used });
    await env.db.pool.query("UPDATE commitment_files SET uploaded_at = now() - interval '2 days' WHERE id = ANY($1)", [[loose, used]]);
    expect(await purgeUnattachedFiles(env.ctx.db)).toBe(1);
    const left = (await env.db.pool.query<{ id: string }>('SELECT id FROM commitment_files WHERE id = ANY($1)', [[loose, fresh, used]])).rows.map((r) => r.id);
    expect(left.sort()).toEqual([fresh, used].sort());
  });
});
