/**
 * Early warning over real HTTP and the real job: observations (who records, who reads, bad input by field),
 * a surge rule per region raising one alert per episode with its explanation and the incidents behind it,
 * the workflow (acknowledge, action, close, notes; moves refused), the backtest agreeing with the job,
 * observed signals together, a party newly active, a rule's change ending its episodes, and every column
 * classified.
 */
import { getTableColumns } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { startTestJobs, until } from '../../test/helpers/jobs.ts';
import { run, upload } from '../imports/import-test-kit.ts';
import { errorOf, incidentTestEnv, isoDay } from '../incidents/incident-test-kit.ts';
import { ownParty } from '../commitments/commitment-test-kit.ts';
import { ensureBuiltInAreas } from '../places/places.ts';
import { WARNING_FIELD_CLASSES } from '../shared/fields.ts';
import type { Alert, AlertCounts, AlertList, AlertReport, Backtest, Indicator, IndicatorList, Observation, ObservationList, Rule } from '../shared/warnings.ts';
import { seedIndicators, SEED_INDICATORS } from './indicators.ts';
import { evaluateRules } from './job.ts';
import * as tables from './tables.ts';

describe('early warning: the columns', () => {
  it('classifies every column of every table of the capability', () => {
    const byTable: Record<string, object> = {
      warning_indicators: tables.warningIndicators, warning_observations: tables.warningObservations, warning_rules: tables.warningRules,
      warning_alerts: tables.warningAlerts, warning_alert_events: tables.warningAlertEvents,
    };
    for (const [name, table] of Object.entries(byTable)) {
      expect(Object.keys(getTableColumns(table as typeof tables.warningRules)).sort(), name).toEqual(Object.keys(WARNING_FIELD_CLASSES[name as keyof typeof WARNING_FIELD_CLASSES]).sort());
    }
  });

  it('seeds indicators of every category, each named and described in three languages', () => {
    for (const s of SEED_INDICATORS) for (const l of ['en', 'fr', 'ar'] as const) expect(s.names[l] && s.descriptions[l], `${s.code} ${l}`).toBeTruthy();
    expect(new Set(SEED_INDICATORS.map((s) => s.category)).size).toBe(7);
    expect(new Set(SEED_INDICATORS.map((s) => s.code)).size).toBe(SEED_INDICATORS.length);
  });
});

describe.each(testServers())('early warning on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, A } = env;
  const ind: Record<string, Indicator> = {};
  const REGION = 'CF-BGF';
  const OTHER_REGION = 'CF-BB';

  /** An incident in a region of the Central African Republic, on a day relative to today. */
  const incident = async (day: number, region = REGION, overrides: Record<string, unknown> = {}) => {
    const r = await as.monitor.post<{ id: string; reference: string }>('/api/incidents', {
      occurredFrom: isoDay(day), dateEstimated: false, place: { country: 'CAF', admin1: region }, victims: { women: 1 },
      violations: [{ form: 'rape', victims: { women: 1 } }], perpetrators: [{ party: 'Unknown TEST group', category: 'non_state_armed_group' }],
      ...overrides,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const rule = async (body: Record<string, unknown>) => {
    const r = await as.coordinator.post<Rule>('/api/warnings/rules', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const alertsOf = async (ruleId: string) => (await as.coordinator.get<AlertList>(`/api/warnings/alerts?ruleId=${ruleId}`)).body.alerts;
  const evaluate = () => evaluateRules(env.ctx.db, A.coordinator.organisationId);

  beforeAll(async () => {
    await ensureBuiltInAreas(env.ctx.db);
    await seedIndicators(env.ctx.db);
    expect(await seedIndicators(env.ctx.db)).toBe(0);
    const list = (await as.monitor.get<IndicatorList>('/api/warnings/indicators')).body.indicators;
    for (const i of list) if (i.code) ind[i.code] = i;
  });

  it('reads the registry in the reader\'s language; coordinators add their own, others may not', async () => {
    const fr = (await as.partner.request<IndicatorList>('GET', '/api/warnings/indicators', undefined, { 'accept-language': 'fr' })).body.indicators;
    expect(fr.find((i) => i.code === 'movement_change')!.name).toBe('Femmes et filles modifiant leurs déplacements');
    expect((await as.viewer.get('/api/warnings/indicators')).status).toBe(403);
    expect((await as.admin.get('/api/warnings/indicators')).status).toBe(403);
    const own = await as.coordinator.post<Indicator>('/api/warnings/indicators', {
      category: 'armed_groups', kind: 'computed', name: { en: 'Rapes by state forces at markets' }, count: { form: ['rape'], setting: ['market'], partyCategory: ['state_forces'] },
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body).toMatchObject({ own: true, name: 'Rapes by state forces at markets', count: { unit: 'incidents', records: 'reported', form: ['rape'] } });
    expect((await as.monitor.post('/api/warnings/indicators', { category: 'political', kind: 'observed', name: { en: 'x' } })).status).toBe(403);
    // Other organisations do not see it; shared ones cannot be changed.
    expect((await as.coordinatorB.get<IndicatorList>('/api/warnings/indicators')).body.indicators.some((i) => i.id === own.body.id)).toBe(false);
    expect((await as.coordinator.request('PATCH', `/api/warnings/indicators/${ind.incitement!.id}`, { retired: true })).status).toBe(409);
    const bad = await as.coordinator.request('POST', '/api/warnings/indicators', { category: 'political', kind: 'computed', name: {} }, { 'accept-language': 'fr' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => [i.field, i.code])).toEqual(expect.arrayContaining([['name', 'name_in_one_language'], ['count', 'required']]));
    expect(errorOf(bad).issues!.find((i) => i.field === 'name')!.message).toBe('Nom : donnez un nom dans au moins une langue');
  });

  it('records observations: monitors read their own, coordinators all; bad input named by field, nothing written', async () => {
    const made = await as.monitor.post<Observation>('/api/warnings/observations', {
      indicatorId: ind.deployment_near_civilians!.id, observedOn: isoDay(-2), area: { country: 'CAF', admin1: REGION }, severity: 'high',
      note: 'Armed men seen around the water point of the site',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ severity: 'high', mine: true, area: { admin1: REGION }, indicator: { category: 'armed_groups' } });
    expect(made.body.area.name).toContain('Central African Republic');
    expect((await as.coordinator.get<ObservationList>('/api/warnings/observations')).body.observations.map((o) => o.id)).toContain(made.body.id);
    expect((await as.monitor2.get<ObservationList>('/api/warnings/observations')).body.total).toBe(0);
    expect((await as.coordinatorB.get<ObservationList>('/api/warnings/observations')).body.total).toBe(0);
    expect((await as.viewer.get('/api/warnings/observations')).status).toBe(403);
    const before = (await as.coordinator.get<ObservationList>('/api/warnings/observations')).body.total;
    const future = await as.monitor.request('POST', '/api/warnings/observations', {
      indicatorId: ind.deployment_near_civilians!.id, observedOn: isoDay(3), area: { country: 'CAF', admin1: REGION }, severity: 'low', note: 'x',
    }, { 'accept-language': 'fr' });
    expect(errorOf(future).issues![0]).toMatchObject({ field: 'observedOn', code: 'in_future' });
    const computed = await as.monitor.post('/api/warnings/observations', {
      indicatorId: ind.crsv_incidents!.id, observedOn: isoDay(0), area: { country: 'CAF', admin1: 'CF-NOPE' }, severity: 'low', note: 'x',
    });
    expect(errorOf(computed).issues![0]).toMatchObject({ field: 'indicatorId', code: 'indicator_not_observed' });
    const area = await as.monitor.request('POST', '/api/warnings/observations', {
      indicatorId: ind.movement_change!.id, observedOn: isoDay(0), area: { country: 'CAF', admin1: 'CF-NOPE' }, severity: 'low', note: 'x',
    }, { 'accept-language': 'ar' });
    expect(errorOf(area).issues![0]).toMatchObject({ field: 'area.admin1', code: 'area_unknown' });
    expect(errorOf(area).issues![0]!.message).toContain('اختر منطقة');
    expect((await as.coordinator.get<ObservationList>('/api/warnings/observations')).body.total).toBe(before);
    // Removed with a reason by its recorder; another monitor cannot reach it.
    expect((await as.monitor2.request('DELETE', `/api/warnings/observations/${made.body.id}`, { reason: 'not mine' })).status).toBe(404);
    expect((await as.monitor.request('DELETE', `/api/warnings/observations/${made.body.id}`, { reason: 'Recorded twice' })).status).toBe(204);
    expect((await as.coordinator.get<ObservationList>('/api/warnings/observations')).body.total).toBe(before - 1);
  });

  it('raises one alert per episode for a surge in a region, explains it, and follows the workflow', async () => {
    // A quiet month (one incident a week in the region), then four in the last week; the other region stays quiet.
    for (const d of [-33, -26, -19, -12]) await incident(d);
    await incident(-20, OTHER_REGION);
    const surge = await rule({
      name: 'Surge in any region', area: { country: 'CAF' }, per: 'admin1',
      params: { kind: 'surge', indicatorId: ind.crsv_incidents!.id, recentDays: 7, baselineDays: 28, factor: 2, minCount: 3, minBaseline: 1 },
    });
    expect(surge.description).toContain('in each region of Central African Republic');
    expect((await evaluate()).raised).toBe(0);
    const recent = [];
    for (const d of [-5, -3, -2, -1]) recent.push(await incident(d));
    expect(await evaluate()).toMatchObject({ raised: 1 });
    const [summary] = await alertsOf(surge.id);
    expect(summary).toMatchObject({ status: 'new', value: 4, threshold: 3, area: { admin1: REGION }, episodeEnd: null });
    expect((await as.coordinator.get<AlertCounts>('/api/warnings/alerts/counts')).body).toMatchObject({ new: 1, open: 1 });
    // Evaluated again (the schedule, an import): the same episode, no second alert.
    expect(await evaluate()).toMatchObject({ raised: 0, ongoing: 1 });
    expect(await alertsOf(surge.id)).toHaveLength(1);

    const alert = (await as.coordinator.get<Alert>(`/api/warnings/alerts/${summary!.id}`)).body;
    expect(alert.explanation).toMatchObject({ kind: 'surge', value: 4, baseline: 1, threshold: 3, window: { from: isoDay(-6), to: isoDay(0) }, pastWindow: { from: isoDay(-34), to: isoDay(-7) } });
    expect(alert.explanation.words).toBe(`4 from ${isoDay(-6)} to ${isoDay(0)}, threshold 3; compared with 1 from ${isoDay(-34)} to ${isoDay(-7)}`);
    expect(alert.incidents.map((i) => i.reference).sort()).toEqual(recent.map((i) => i.reference).sort());
    expect(alert.otherIncidents).toBe(0);
    // Monitors, partners and viewers never read alerts (exact counts over the whole organisation); B never reaches A's.
    for (const c of [as.monitor, as.partner, as.viewer, as.admin]) expect((await c.get(`/api/warnings/alerts/${alert.id}`)).status).toBe(403);
    expect((await as.coordinatorB.get(`/api/warnings/alerts/${alert.id}`)).status).toBe(404);

    // The workflow: acknowledged, an action taken, closed; notes any time; moves out of order refused.
    const step = (body: Record<string, unknown>) => as.coordinator.post<Alert>(`/api/warnings/alerts/${alert.id}/events`, body);
    expect((await step({ kind: 'acknowledge' })).body.status).toBe('acknowledged');
    expect((await step({ kind: 'acknowledge' })).status).toBe(409);
    const missing = await step({ kind: 'action' });
    expect(errorOf(missing).issues![0]).toMatchObject({ field: 'action', code: 'required' });
    const acted = await step({ kind: 'action', action: 'patrol_requested', note: 'Night patrols requested from the sector commander' });
    expect(acted.body.status).toBe('action_taken');
    expect((await step({ kind: 'close', note: 'Patrols in place' })).body.status).toBe('closed');
    expect((await step({ kind: 'action', action: 'other', note: 'x' })).status).toBe(409);
    const noted = (await step({ kind: 'note', note: 'Reviewed at the working group' })).body;
    expect(noted.events.map((e) => [e.kind, e.action, e.by])).toEqual([
      ['acknowledge', null, A.coordinator.email], ['action', 'patrol_requested', A.coordinator.email], ['close', null, A.coordinator.email], ['note', null, A.coordinator.email],
    ]);
    // Events are append-only, in the database itself.
    await expect(env.db.pool.query('UPDATE warning_alert_events SET note = $1', ['changed'])).rejects.toThrow(/append-only/);
    const audit = (await env.db.pool.query<{ action: string; details: Record<string, unknown> }>("SELECT action, details FROM audit_log WHERE action LIKE 'warning.alert.%' ORDER BY id")).rows;
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['warning.alert.raise', 'warning.alert.acknowledge', 'warning.alert.action', 'warning.alert.close', 'warning.alert.read']));
    expect(JSON.stringify(audit)).not.toContain('Night patrols');
    // A closed alert of an episode that goes on is not raised again.
    expect((await evaluate()).raised).toBe(0);

    // The backtest says the same: one episode in the region, from the day the fourth incident came.
    const bt = (await as.coordinator.get<Backtest>(`/api/warnings/rules/${surge.id}/backtest?from=${isoDay(-60)}`)).body;
    expect(bt.areas.map((a) => [a.area.admin1, a.episodes])).toEqual([[REGION, [{ start: isoDay(-2), end: null, peak: 4 }]]]);
    expect(bt.series!.points).toHaveLength(61);
    expect(bt.series!.points.at(-1)).toMatchObject({ day: isoDay(0), value: 4, threshold: 3, firing: true });
    expect(alert.episodeStart).toBe(isoDay(-2));
    const other = (await as.coordinator.get<Backtest>(`/api/warnings/rules/${surge.id}/backtest?from=${isoDay(-60)}&key=CAF/${OTHER_REGION}`)).body;
    expect(other.series!.points.every((p) => !p.firing)).toBe(true);
    expect((await as.monitor.get(`/api/warnings/rules/${surge.id}/backtest`)).status).toBe(403);

    // A change of the rule is a new version: the open episode ends, and a rule that no longer holds raises nothing.
    const put = await as.coordinator.request<Rule>('PUT', `/api/warnings/rules/${surge.id}`, {
      name: 'Surge in any region (stricter)', area: { country: 'CAF' }, per: 'admin1',
      params: { kind: 'surge', indicatorId: ind.crsv_incidents!.id, recentDays: 7, baselineDays: 28, factor: 2, minCount: 5, minBaseline: 1 },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await alertsOf(surge.id))[0]!.episodeEnd).toBe(isoDay(0));
    expect((await evaluate()).raised).toBe(0);
  });

  it('raises an alert when observed signals come together in a region within the window', async () => {
    const combo = await rule({
      name: 'Deployment and movement', area: { country: 'CAF', admin1: OTHER_REGION }, per: 'whole',
      params: { kind: 'combination', indicatorIds: [ind.deployment_near_civilians!.id, ind.movement_change!.id], withinDays: 14, minSeverity: 'medium' },
    });
    const observe = (indicator: string, day: number, severity = 'medium') => as.monitor.post<Observation>('/api/warnings/observations', {
      indicatorId: indicator, observedOn: isoDay(day), area: { country: 'CAF', admin1: OTHER_REGION }, severity, note: 'Seen by the team',
    });
    const first = (await observe(ind.deployment_near_civilians!.id, -10)).body;
    await observe(ind.movement_change!.id, -4, 'low'); // below the rule's severity
    await evaluate();
    expect(await alertsOf(combo.id)).toHaveLength(0);
    const second = (await observe(ind.movement_change!.id, -3)).body;
    await evaluate();
    const [a] = await alertsOf(combo.id);
    expect(a).toMatchObject({ value: 2, threshold: 2 });
    const detail = (await as.coordinator.get<Alert>(`/api/warnings/alerts/${a!.id}`)).body;
    expect(detail.observations.map((o) => o.id).sort()).toEqual([first.id, second.id].sort());
    expect(detail.incidents).toEqual([]);
  });

  it('raises an alert when a watched party is newly active in an area, naming the party', async () => {
    const party = await ownParty(as.coordinator, 'Front TEST du nord');
    const watch = await rule({ name: 'Front newly active', area: { country: 'CAF' }, per: 'admin1', params: { kind: 'party_active', partyIds: [party], recentDays: 30, quietDays: 365 } });
    await incident(-200, OTHER_REGION, { perpetrators: [{ partyId: party, category: 'non_state_armed_group' }] });
    await evaluate();
    expect(await alertsOf(watch.id)).toHaveLength(0);
    await incident(-6, REGION, { perpetrators: [{ partyId: party, category: 'non_state_armed_group' }] });
    await incident(-5, OTHER_REGION, { perpetrators: [{ partyId: party, category: 'non_state_armed_group' }] });
    await evaluate();
    const alerts = await alertsOf(watch.id);
    expect(alerts.map((x) => [x.area.admin1, x.party?.name])).toEqual([[REGION, 'Front TEST du nord']]);
  });

  it('tells headquarters what fired where and what was done: no figures, nothing finer than the protected tier publishes', async () => {
    // Verified victims in the surge's region, long ago: its total (and the country's) is published; the other region's is not.
    for (let i = 0; i < 6; i++) await incident(-300, REGION, { victims: { women: 2 }, violations: [{ form: 'rape', victims: { women: 2 } }], consent: ['aggregate_statistics'] });
    await env.db.pool.query("UPDATE incidents SET verification_status = 'verified', decided_at = occurred_from + 10 WHERE occurred_from = $1", [isoDay(-300)]);
    // A surge of six incidents in the region (at least the threshold of 5) is told; alerts counting fewer are withheld.
    const big = await rule({ name: 'Large surge', area: { country: 'CAF', admin1: REGION }, params: { kind: 'surge', indicatorId: ind.crsv_incidents!.id, recentDays: 3, baselineDays: 60, minCount: 6 } });
    for (let i = 0; i < 6; i++) await incident(-1, REGION);
    await evaluate();
    const [bigAlert] = await alertsOf(big.id);
    expect(bigAlert!.value).toBeGreaterThanOrEqual(6);
    const all = (await as.coordinator.get<AlertList>('/api/warnings/alerts?limit=200')).body.alerts.filter((a) => a.episodeStart >= isoDay(-30));
    const report = await as.viewer.get<AlertReport>(`/api/warnings/report?from=${isoDay(-30)}`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const { rows, withheld, threshold } = report.body;
    expect(threshold).toBe(5);
    expect(rows.length + withheld).toBe(all.length);
    // Withheld: every alert counting incidents below the threshold (the first surges of four, the parties' single incidents).
    expect(withheld).toBe(all.filter((a) => a.rule.kind !== 'combination' && a.value < 5).length);
    expect(withheld).toBeGreaterThan(0);
    const large = rows.find((r) => r.kind === 'surge')!;
    expect(large).toMatchObject({ folded: false, area: { admin1: REGION }, indicators: ['Incidents of conflict-related sexual violence'], episodeStart: isoDay(-1).slice(0, 7) });
    // Signals together in the other region: told for the country (the region's figures are not published).
    expect(rows.find((r) => r.kind === 'combination')).toMatchObject({ folded: true, area: { country: 'CAF', admin1: null, name: 'Central African Republic' } });
    // Months, never days; no figure at all; an organisation's own party never named.
    for (const r of rows) {
      expect(r.episodeStart).toMatch(/^\d{4}-\d{2}$/);
      expect(r.party).toBeNull();
    }
    expect(JSON.stringify(rows)).not.toMatch(/"value"|"threshold"|baseline|\d{4}-\d{2}-\d{2}/);
    expect((await as.monitor.get('/api/warnings/report')).status).toBe(403);
  });

  it('keeps one alert when late records move its episode earlier, and shows an observation removed since', async () => {
    const region = 'CF-HK';
    const watch = await rule({ name: 'Surge in Haute-Kotto', area: { country: 'CAF', admin1: region }, params: { kind: 'surge', indicatorId: ind.crsv_incidents!.id } });
    for (const d of [-2, -1, -1]) await incident(d, region);
    await evaluate();
    const [first] = await alertsOf(watch.id);
    expect(first).toMatchObject({ episodeStart: isoDay(-1), status: 'new' });
    expect((await as.coordinator.post(`/api/warnings/alerts/${first!.id}/events`, { kind: 'acknowledge' })).status).toBe(200);
    // Reported late: two incidents of the days before. The episode began a day earlier; it is the same episode.
    for (const d of [-6, -5]) await incident(d, region);
    await evaluate();
    const after = await alertsOf(watch.id);
    expect(after.map((a) => [a.id, a.episodeStart, a.status, a.episodeEnd])).toEqual([[first!.id, isoDay(-2), 'acknowledged', null]]);

    const together = await rule({
      name: 'Checkpoints and movement in Haute-Kotto', area: { country: 'CAF', admin1: region },
      params: { kind: 'combination', indicatorIds: [ind.new_checkpoints!.id, ind.movement_change!.id], withinDays: 14 },
    });
    const seen = [];
    for (const code of ['new_checkpoints', 'movement_change']) {
      seen.push((await as.monitor.post<Observation>('/api/warnings/observations', { indicatorId: ind[code]!.id, observedOn: isoDay(-3), area: { country: 'CAF', admin1: region }, severity: 'medium', note: 'Seen' })).body);
    }
    await evaluate();
    const [raised] = await alertsOf(together.id);
    expect((await as.monitor.request('DELETE', `/api/warnings/observations/${seen[0]!.id}`, { reason: 'Wrong place' })).status).toBe(204);
    const detail = (await as.coordinator.get<Alert>(`/api/warnings/alerts/${raised!.id}`)).body;
    expect(detail.observations.map((o) => [o.id, o.removed]).sort()).toEqual([[seen[0]!.id, true], [seen[1]!.id, false]].sort());
  });

  it('watches each district of a region, and parties per district, as well as the whole region', async () => {
    const [district] = (await env.db.pool.query<{ code: string }>("SELECT code FROM admin_areas WHERE parent_code = 'ML-7' AND level = 2 ORDER BY code LIMIT 1")).rows;
    const party = await ownParty(as.coordinator, 'Groupe TEST de Gao');
    const inDistrict = (day: number) => incident(day, 'ML-7', { place: { country: 'MLI', admin1: 'ML-7', admin2: district!.code }, perpetrators: [{ partyId: party, category: 'non_state_armed_group' }] });
    for (const d of [-3, -2, -1]) await inDistrict(d);
    const surge = await rule({ name: 'Each district of Gao', area: { country: 'MLI', admin1: 'ML-7' }, per: 'admin2', params: { kind: 'surge', indicatorId: ind.crsv_incidents!.id } });
    const active = await rule({ name: 'The group per district', area: { country: 'MLI', admin1: 'ML-7' }, per: 'admin2', params: { kind: 'party_active', partyIds: [party] } });
    await evaluate();
    expect((await alertsOf(surge.id)).map((a) => [a.area.admin2, a.value])).toEqual([[district!.code, 3]]);
    expect((await alertsOf(active.id)).map((a) => [a.area.admin2, a.party?.id])).toEqual([[district!.code, party]]);
    const bt = (await as.coordinator.get<Backtest>(`/api/warnings/rules/${surge.id}/backtest?from=${isoDay(-30)}`)).body;
    expect(bt.areas.map((a) => a.key)).toEqual([`MLI/ML-7/${district!.code}`]);
  });

  it('follows a merge of duplicate parties: observations, watched parties and indicators name the party kept; undo puts them back', async () => {
    const dup = await ownParty(as.coordinator, 'Milice TEST-DUP');
    const kept = await ownParty(as.coordinator, 'Milice TEST-KEPT');
    const party0 = await ownParty(as.coordinator, 'Milice TEST-OTHER');
    const seen = (await as.monitor.post<Observation>('/api/warnings/observations', {
      indicatorId: ind.new_checkpoints!.id, observedOn: isoDay(-1), area: { country: 'CAF', admin1: REGION }, partyId: dup, severity: 'low', note: 'Checkpoint on the market road',
    })).body;
    const watch = await rule({ name: 'Both militias', area: { country: 'CAF' }, params: { kind: 'party_active', partyIds: [dup, kept] } });
    const own = (await as.coordinator.post<Indicator>('/api/warnings/indicators', { category: 'armed_groups', kind: 'computed', name: { en: 'Incidents by the militia' }, count: { party: [dup] } })).body;
    const merged = await as.coordinator.post<{ id: string; moved: Record<string, number> }>(`/api/parties/${dup}/merge`, { intoId: kept });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.moved).toMatchObject({ warning_observation: 1, warning_rule_parties: 1, warning_indicator_parties: 1 });
    const observations = (await as.coordinator.get<ObservationList>('/api/warnings/observations')).body.observations;
    expect(observations.find((o) => o.id === seen.id)!.party!.id).toBe(kept);
    const rules = (await as.coordinator.get<{ rules: Rule[] }>('/api/warnings/rules')).body.rules;
    expect(rules.find((r) => r.id === watch.id)!.params).toMatchObject({ partyIds: [kept] });
    expect((await as.coordinator.get<IndicatorList>('/api/warnings/indicators')).body.indicators.find((i) => i.id === own.id)!.count!.party).toEqual([kept]);
    // A rule changed since the merge refuses the undo whole: its list is not written over.
    const changed = { name: 'Both militias', area: { country: 'CAF' }, params: { kind: 'party_active', partyIds: [kept, party0] } };
    expect((await as.coordinator.request('PUT', `/api/warnings/rules/${watch.id}`, changed)).status).toBe(200);
    expect((await as.coordinator.post(`/api/parties/merges/${merged.body.id}/undo`)).status).toBe(409);
    expect((await as.coordinator.request('PUT', `/api/warnings/rules/${watch.id}`, { ...changed, params: { kind: 'party_active', partyIds: [kept] } })).status).toBe(200);
    expect((await as.coordinator.post(`/api/parties/merges/${merged.body.id}/undo`)).status).toBe(200);
    expect((await as.coordinator.get<{ rules: Rule[] }>('/api/warnings/rules')).body.rules.find((r) => r.id === watch.id)!.params).toMatchObject({ partyIds: [dup, kept] });
    expect((await as.coordinator.get<IndicatorList>('/api/warnings/indicators')).body.indicators.find((i) => i.id === own.id)!.count!.party).toEqual([dup]);
  });

  describe('with the job system running', () => {
    let stopJobs: () => Promise<void>;
    beforeAll(async () => { stopJobs = await startTestJobs(env.ctx, env.db.url); });
    afterAll(async () => { await stopJobs(); });

    it('an import that brings a surge raises its alert by itself; coordinators can also ask for an evaluation', async () => {
      const region = 'CF-BK';
      const watch = await rule({
        name: 'Surge in Bamingui-Bangoran', area: { country: 'CAF', admin1: region }, per: 'whole',
        params: { kind: 'surge', indicatorId: ind.crsv_incidents!.id, recentDays: 7, baselineDays: 28, factor: 2, minCount: 3, minBaseline: 1 },
      });
      expect((await as.coordinator.post('/api/warnings/evaluate')).status).toBe(202);
      expect((await as.monitor.post('/api/warnings/evaluate')).status).toBe(403);
      await until(async () => (await as.coordinator.get<Rule>(`/api/warnings/rules/${watch.id}`)).body.lastEvaluatedOn, (d) => d === isoDay(0));
      expect(await alertsOf(watch.id)).toHaveLength(0);
      // A file of five incidents of the last few days in the region, imported by a monitor.
      const csv = ['date,country,region,form', ...[-4, -3, -3, -2, -1].map((d) => `${isoDay(d)},CAF,${region},rape`)].join('\n');
      const up = await upload(as.monitor, Buffer.from(csv), 'weekly.csv');
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      const done = await run(as.monitor, up.body.id, { columns: { occurredFrom: 'date', country: 'country', admin1: 'region', forms: 'form' }, defaults: { victimsUnknown: 1 } }, false);
      expect(done).toMatchObject({ state: 'done', created: 5 });
      const [raised] = await until(() => alertsOf(watch.id), (a) => a.length > 0);
      expect(raised).toMatchObject({ value: 5, threshold: 3, status: 'new' });
    });
  });
});
