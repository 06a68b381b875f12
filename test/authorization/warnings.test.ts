/**
 * Early warning (see matrix-kit.ts): the indicator registry is read by those who record (no survivor data);
 * observations are recorded by them and read by their recorder (coordinators: all); rules, backtests and
 * alerts hold exact counts over the whole organisation's records, so coordinators only. Viewers and
 * administrators reach nothing here; B never reaches A's (404).
 */
import { expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ensureBuiltInAreas } from '../../src/places/places.ts';
import { seedIndicators } from '../../src/warnings/indicators.ts';
import type { Client } from '../helpers/http.ts';
import { describeMatrix, FORBIDDEN, HIDDEN, table, UNAUTH, type Matrix } from './matrix-kit.ts';

interface Fixture {
  computedId: string;
  observedId: string;
  ownIndicatorId: string;
  ruleId: string;
  alertId: string;
  /** A fresh observation recorded by A's monitor, for each probe that removes one (made by the probe's body, read by its path). */
  observation: () => Promise<void>;
  current: string;
}

const RULE = (f: Fixture) => ({
  name: 'Matrix surge', area: { country: 'CAF' }, per: 'admin1',
  params: { kind: 'surge', indicatorId: f.computedId, recentDays: 7, baselineDays: 28 },
});
const OBSERVATION = (f: Fixture) => ({ indicatorId: f.observedId, observedOn: '2025-01-10', area: { country: 'CAF', admin1: 'CF-BGF' }, severity: 'low', note: 'Matrix observation' });
const coordinatorsOnly = (ok: string, b = HIDDEN) => table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': ok, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': b, 'B:monitor': FORBIDDEN });

const MATRIX: Matrix<Fixture> = {
  'GET /api/warnings/indicators': {
    method: 'GET', path: () => '/api/warnings/indicators',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'POST /api/warnings/indicators': {
    method: 'POST', path: () => '/api/warnings/indicators', body: () => ({ category: 'political', kind: 'observed', name: { en: 'Matrix indicator' } }),
    expect: coordinatorsOnly('201', '201'),
  },
  'PATCH /api/warnings/indicators/:id': {
    method: 'PATCH', path: (f) => `/api/warnings/indicators/${f.ownIndicatorId}`, body: () => ({ description: { en: 'Changed by the matrix' } }),
    expect: coordinatorsOnly('200'),
  },
  'GET /api/warnings/observations': {
    method: 'GET', path: () => '/api/warnings/observations',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'POST /api/warnings/observations': {
    method: 'POST', path: () => '/api/warnings/observations', body: OBSERVATION,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': '201', 'A:partner': '201', 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': '201' }),
  },
  'DELETE /api/warnings/observations/:id': {
    // A's monitor's own: its recorder and A's coordinators remove it; A's partner does not see it.
    method: 'DELETE', path: (f) => `/api/warnings/observations/${f.current}`,
    body: async (f) => { await f.observation(); return { reason: 'Removed by the matrix' }; },
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '204', 'A:monitor': '204', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/warnings/rules': { method: 'GET', path: () => '/api/warnings/rules', expect: coordinatorsOnly('200', '200') },
  'POST /api/warnings/rules': { method: 'POST', path: () => '/api/warnings/rules', body: RULE, expect: coordinatorsOnly('201', '201') },
  'GET /api/warnings/rules/:id': { method: 'GET', path: (f) => `/api/warnings/rules/${f.ruleId}`, expect: coordinatorsOnly('200') },
  'PUT /api/warnings/rules/:id': { method: 'PUT', path: (f) => `/api/warnings/rules/${f.ruleId}`, body: RULE, expect: coordinatorsOnly('200') },
  'GET /api/warnings/rules/:id/backtest': { method: 'GET', path: (f) => `/api/warnings/rules/${f.ruleId}/backtest`, expect: coordinatorsOnly('200') },
  // The matrix's server runs no job system: a coordinator's request passes the policy and is then told so.
  'POST /api/warnings/evaluate': { method: 'POST', path: () => '/api/warnings/evaluate', expect: coordinatorsOnly('503 jobs_unavailable', '503 jobs_unavailable') },
  'GET /api/warnings/alerts': { method: 'GET', path: () => '/api/warnings/alerts', expect: coordinatorsOnly('200', '200') },
  'GET /api/warnings/alerts/counts': { method: 'GET', path: () => '/api/warnings/alerts/counts', expect: coordinatorsOnly('200', '200') },
  'GET /api/warnings/report': {
    method: 'GET', path: () => '/api/warnings/report',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': '200', 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'GET /api/warnings/alerts/:id': { method: 'GET', path: (f) => `/api/warnings/alerts/${f.alertId}`, expect: coordinatorsOnly('200') },
  'POST /api/warnings/alerts/:id/events': {
    method: 'POST', path: (f) => `/api/warnings/alerts/${f.alertId}/events`, body: () => ({ kind: 'note', note: 'Matrix note' }), expect: coordinatorsOnly('200'),
  },
};

async function post<T>(c: Client, path: string, body: unknown): Promise<T> {
  const r = await c.post<T>(path, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

describeMatrix('warnings', MATRIX, async (world) => {
  await ensureBuiltInAreas(world.ctx.db);
  await seedIndicators(world.ctx.db);
  const coordinator = await world.as('A:coordinator');
  const monitor = await world.as('A:monitor');
  const { indicators } = (await coordinator.get<{ indicators: { id: string; code: string | null }[] }>('/api/warnings/indicators')).body;
  const computedId = indicators.find((i) => i.code === 'crsv_incidents')!.id;
  const observedId = indicators.find((i) => i.code === 'movement_change')!.id;
  const own = await post<{ id: string }>(coordinator, '/api/warnings/indicators', { category: 'political', kind: 'observed', name: { en: 'Matrix own indicator' } });
  const fixture: Fixture = { computedId, observedId, ownIndicatorId: own.id, ruleId: '', alertId: '', current: '', observation: async () => undefined };
  const rule = await post<{ id: string }>(coordinator, '/api/warnings/rules', RULE(fixture));
  // An alert of A's rule, as the job raises them (the job itself is tested in src/warnings).
  const alertId = randomUUID();
  await world.db.pool.query(
    `INSERT INTO warning_alerts (id, organisation_id, rule_id, rule_version, key, country, admin1, episode_start, explanation)
     VALUES ($1, $2, $3, 1, 'CAF/CF-BGF', 'CAF', 'CF-BGF', '2025-01-10', $4)`,
    [alertId, world.users['A:coordinator'].organisationId, rule.id, JSON.stringify({ kind: 'surge', params: RULE(fixture).params, asOf: '2025-01-10', window: { from: '2025-01-04', to: '2025-01-10' }, pastWindow: null, value: 3, baseline: 0, threshold: 3 })],
  );
  fixture.observation = async () => { fixture.current = (await post<{ id: string }>(monitor, '/api/warnings/observations', OBSERVATION(fixture))).id; };
  return Object.assign(fixture, { ruleId: rule.id, alertId });
});
