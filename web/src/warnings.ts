// Why: the web app's side of early warning: the API calls (answers checked against the shared contract,
// src/shared/warnings.ts), the query keys the screens share and refresh after a change, and the words of the
// capability's codes in the reader's language. Everything here is restricted data: kept in memory only.
import type { QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import {
  Alert, AlertCounts, AlertList, AlertReport, Backtest, EvaluateResult, Indicator, IndicatorList, Observation, ObservationList, Rule, RuleList,
  type AlertAction, type AlertEventInput, type AlertStatus, type AreaOut, type IndicatorCategory, type IndicatorCreate, type IndicatorPatch,
  type ObservationCreate, type RuleInput, type RuleKind, type RulePer, type Severity,
} from '../../src/shared/warnings.ts';
import { request, requestVoid } from './api.ts';
import { currentLanguage, type Language } from './i18n/index.ts';

const enc = encodeURIComponent;
const BASE = '/api/warnings';
const withQuery = (path: string, query: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.size ? `${path}?${q.toString()}` : path;
};

export interface ObservationQuery { indicatorId?: string; country?: string; admin1?: string; from?: string; to?: string; limit?: number }
export interface AlertQuery { status?: readonly AlertStatus[]; ruleId?: string; limit?: number }
export interface BacktestQuery { from?: string; to?: string; key?: string }
export interface ReportQuery { from: string; to: string }

export const warningsApi = {
  indicators: () => request('GET', `${BASE}/indicators`, IndicatorList),
  createIndicator: (body: z.input<typeof IndicatorCreate>) => request('POST', `${BASE}/indicators`, Indicator, body),
  updateIndicator: (id: string, body: IndicatorPatch) => request('PATCH', `${BASE}/indicators/${enc(id)}`, Indicator, body),

  observations: (query: ObservationQuery = {}) => request('GET', withQuery(`${BASE}/observations`, { ...query }), ObservationList),
  createObservation: (body: ObservationCreate) => request('POST', `${BASE}/observations`, Observation, body),
  removeObservation: (id: string, reason: string) => requestVoid('DELETE', `${BASE}/observations/${enc(id)}`, { reason }),

  rules: () => request('GET', `${BASE}/rules`, RuleList),
  rule: (id: string) => request('GET', `${BASE}/rules/${enc(id)}`, Rule),
  createRule: (body: z.input<typeof RuleInput>) => request('POST', `${BASE}/rules`, Rule, body),
  updateRule: (id: string, body: z.input<typeof RuleInput>) => request('PUT', `${BASE}/rules/${enc(id)}`, Rule, body),
  backtest: (id: string, query: BacktestQuery) => request('GET', withQuery(`${BASE}/rules/${enc(id)}/backtest`, { ...query }), Backtest),
  /** Evaluates every active rule now, in the background: alerts appear when it is done. */
  evaluate: () => request('POST', `${BASE}/evaluate`, EvaluateResult, {}),

  alerts: (query: AlertQuery = {}) => request('GET', withQuery(`${BASE}/alerts`, { status: query.status?.join(','), ruleId: query.ruleId, limit: query.limit }), AlertList),
  alertCounts: () => request('GET', `${BASE}/alerts/counts`, AlertCounts),
  alert: (id: string) => request('GET', `${BASE}/alerts/${enc(id)}`, Alert),
  addAlertEvent: (id: string, body: z.input<typeof AlertEventInput>) => request('POST', `${BASE}/alerts/${enc(id)}/events`, Alert, body),

  /** The summary that may leave the organisation (coordinators, viewers): no figures, regions named only where published. */
  report: (query: ReportQuery) => request('GET', withQuery(`${BASE}/report`, { ...query }), AlertReport),
};

/** Answers name indicators, rules and areas in the reader's language: their keys carry it. */
export const warningKeys = {
  all: ['warnings'] as const,
  indicators: () => ['warnings', 'indicators', currentLanguage()] as const,
  observations: (query: ObservationQuery) => ['warnings', 'observations', query, currentLanguage()] as const,
  rules: () => ['warnings', 'rules', currentLanguage()] as const,
  rule: (id: string) => ['warnings', 'rule', id, currentLanguage()] as const,
  backtest: (id: string, query: BacktestQuery) => ['warnings', 'backtest', id, query, currentLanguage()] as const,
  alerts: (query: AlertQuery) => ['warnings', 'alerts', query, currentLanguage()] as const,
  alert: (id: string) => ['warnings', 'alert', id, currentLanguage()] as const,
  counts: ['warnings', 'counts'] as const,
  report: (query: ReportQuery) => ['warnings', 'report', query, currentLanguage()] as const,
};

/** After a change: every list, page and count of early warning reads again. */
export const refreshWarnings = (qc: QueryClient) => qc.invalidateQueries({ queryKey: warningKeys.all });

/** The navigation's count and the dashboard's feed: read every minute. */
export const COUNTS_EVERY = 60_000;

export const OPEN_STATUSES: readonly AlertStatus[] = ['new', 'acknowledged', 'action_taken'];

export const ruleKindLabel = (t: TFunction, k: RuleKind): string => t(`warnings.ruleKinds.${k}`);
export const rulePerLabel = (t: TFunction, p: RulePer): string => t(`warnings.rulePer.${p}`);
export const alertStatusLabel = (t: TFunction, s: AlertStatus): string => t(`warnings.statuses.${s}`);
export const alertActionLabel = (t: TFunction, a: AlertAction): string => t(`warnings.actions.${a}`);
export const severityLabel = (t: TFunction, s: Severity): string => t(`warnings.severities.${s}`);
export const categoryLabel = (t: TFunction, c: IndicatorCategory): string => t(`warnings.categories.${c}`);

/** An area as the API names it, with its party when the alert or episode is about one. */
export const areaText = (area: AreaOut, party?: { name: string } | null): string => (party ? `${area.name} · ${party.name}` : area.name);

/** Today in the reader's calendar day (ISO), for date limits. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The day `years` years before an ISO day. */
export function yearsBefore(day: string, years: number): string {
  return `${Number(day.slice(0, 4)) - years}${day.slice(4)}`.replace(/-02-29$/, '-02-28');
}

/** The day `days` days before an ISO day. */
export function daysBefore(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** A figure of a rule (a count, an average baseline, a factor) with at most one decimal, Latin digits. */
export function figure(n: number, lang: Language = currentLanguage()): string {
  return new Intl.NumberFormat(lang === 'ar' ? 'ar-u-nu-latn' : lang === 'en' ? 'en-GB' : lang, { maximumFractionDigits: 1 }).format(n);
}
