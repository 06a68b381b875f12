/**
 * An import's file name can name a person ("statement of A.xlsx"): it is sealed like the file, shown only to
 * the importer, and names an older version stored in clear are sealed at the next start.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import type { ImportSummary } from '../shared/import.ts';
import { incidentTestEnv } from '../incidents/incident-test-kit.ts';
import { upload } from './import-test-kit.ts';
import { sealLegacyNames } from './service.ts';

const CSV = Buffer.from('id,date,country\nK-1,2025-03-01,CAF\n');
const NAME = 'statement-of-CANARY-NAME-77.csv';

describe.each(testServers())('import file names on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;
  const inClear = async () => Number((await env.db.pool.query<{ n: string }>(
    "SELECT count(*) AS n FROM imports WHERE coalesce(file_name, '') LIKE '%CANARY-NAME%' OR position(convert_to('CANARY-NAME', 'UTF8') in coalesce(file_name_sealed, '')) > 0")).rows[0]!.n);

  it('are sealed at rest and shown to the importer', async () => {
    const up = await upload(as.coordinatorL, CSV, NAME);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.fileName).toBe(NAME);
    expect(await inClear()).toBe(0);
    const listed = await as.coordinatorL.get<{ items: ImportSummary[] }>('/api/imports');
    expect(listed.body.items.find((i) => i.id === up.body.id)?.fileName).toBe(NAME);
  });

  it('stored in clear by an older version are sealed at start, and still shown', async () => {
    const up = await upload(as.coordinatorL, CSV, 'placeholder.csv');
    await env.db.pool.query('UPDATE imports SET file_name = $2, file_name_sealed = NULL WHERE id = $1', [up.body.id, NAME]);
    expect(await inClear()).toBe(1);
    expect(await sealLegacyNames(env.ctx)).toBe(1);
    expect(await inClear()).toBe(0);
    const seen = await as.coordinatorL.get<ImportSummary>(`/api/imports/${up.body.id}`);
    expect(seen.body.fileName).toBe(NAME);
  });
});
