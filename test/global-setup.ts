/**
 * Starts one embedded PostgreSQL server for the whole run (in a temporary directory, removed afterwards).
 * Each test file then creates its own databases on it, and on TEST_DATABASE_URL when that is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbedded, type EmbeddedServer } from '../src/platform/db/embedded.ts';

declare module 'vitest' {
  export interface ProvidedContext { embeddedAdminUrl: string }
}

let server: EmbeddedServer | undefined;
let dir: string | undefined;

export async function setup(project: TestProject) {
  dir = mkdtempSync(join(tmpdir(), 'salama-test-'));
  server = await startEmbedded(dir);
  project.provide('embeddedAdminUrl', server.url('postgres'));
  if (process.env.TEST_DATABASE_URL) console.log('integration tests run on the embedded server and on TEST_DATABASE_URL');
  else console.log('integration tests run on the embedded server only (set TEST_DATABASE_URL to add a second server)');
}

export async function teardown() {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
