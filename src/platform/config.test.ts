import { describe, expect, it } from 'vitest';
import { ConfigError, configWarnings, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has safe defaults: loopback only, no trusted proxy, 30 min idle and 12 h absolute sessions', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, trustProxy: false, sessionIdleMs: 30 * 60_000, sessionAbsoluteMs: 12 * 3_600_000 });
  });

  it('trusts proxies only by hop count or address, never blindly', () => {
    expect(loadConfig({ SALAMA_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ SALAMA_TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }).trustProxy).toBe('127.0.0.1,10.0.0.0/8');
    expect(() => loadConfig({ SALAMA_TRUST_PROXY: 'true' })).toThrow(/SALAMA_TRUST_PROXY: must be false, the number of proxies/);
  });

  it('warns at start when a hop count is trusted on a port reachable from other machines, and only then', () => {
    expect(configWarnings(loadConfig({ HOST: '0.0.0.0', SALAMA_TRUST_PROXY: '1' }))).toEqual([expect.stringMatching(/SALAMA_TRUST_PROXY=1 trusts the nearest hop.*HOST=0\.0\.0\.0.*X-Forwarded-For.*proxy's address/)]);
    expect(configWarnings(loadConfig({ HOST: '127.0.0.1', SALAMA_TRUST_PROXY: '1' }))).toEqual([]);
    expect(configWarnings(loadConfig({ HOST: '0.0.0.0', SALAMA_TRUST_PROXY: '10.0.0.5' }))).toEqual([]);
    expect(configWarnings(loadConfig({ HOST: '0.0.0.0' }))).toEqual([]);
  });

  it('names every bad variable and its rule', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const message = (e as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL']) expect(message).toContain(name);
    }
  });
});
