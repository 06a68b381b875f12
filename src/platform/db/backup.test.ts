import { afterEach, describe, expect, it } from 'vitest';
import { pgEnv } from './backup.ts';

describe('environment handed to pg_dump and pg_restore', () => {
  const saved = process.env.SALAMA_MASTER_KEY;
  afterEach(() => { process.env.SALAMA_MASTER_KEY = saved; });

  it('carries the connection and its TLS settings, never the master key or other secrets', () => {
    process.env.SALAMA_MASTER_KEY = 'must-not-leak';
    const env = pgEnv('postgres://wpa:p%40ss@db.example:6543/salama?sslmode=verify-full&sslrootcert=/etc/ca.pem');
    expect(env).toMatchObject({ PGHOST: 'db.example', PGPORT: '6543', PGUSER: 'wpa', PGPASSWORD: 'p@ss', PGDATABASE: 'salama', PGSSLMODE: 'verify-full', PGSSLROOTCERT: '/etc/ca.pem' });
    expect(Object.values(env)).not.toContain('must-not-leak');
    expect(Object.keys(env).filter((k) => k.startsWith('SALAMA'))).toEqual([]);
  });
});
