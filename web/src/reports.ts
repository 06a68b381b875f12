// Why: the web app's side of reports: the API calls (answers checked against the shared contract,
// src/shared/reports.ts and report-document.ts), the query keys the screens share and refresh after a change,
// and the words of the capability's codes in the reader's language. Narratives, comments and drafts are the
// organisation's restricted data: kept in memory only. The reports' words load with these screens
// (./i18n/reports.ts), never in the first download.
import type { QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import {
  CommentList, Generation, Narrative, Report, ReportComment, ReportList, Template, TemplateList, VersionChanges,
  type CommentInput, type FigureBlock, type ReportAction, type ReportCreate, type ReportEventInput, type ReportKind, type ReportPatch,
  type ReportStatus, type TemplateInput, type Wording,
} from '../../src/shared/reports.ts';
import { ReportDocument, type ReportLanguage } from '../../src/shared/report-document.ts';
import { request } from './api.ts';
import { currentLanguage, type Language } from './i18n/index.ts';
import './i18n/reports.ts';

const enc = encodeURIComponent;
const BASE = '/api/reports';
const report = (id: string) => `${BASE}/${enc(id)}`;
const version = (id: string, n: number) => `${report(id)}/versions/${n}`;

export const reportsApi = {
  list: () => request('GET', BASE, ReportList),
  create: (body: z.input<typeof ReportCreate>) => request('POST', BASE, Report, body),
  get: (id: string) => request('GET', report(id), Report),
  update: (id: string, body: ReportPatch) => request('PATCH', report(id), Report, body),
  saveNarrative: (id: string, key: string, text: string) => request('PUT', `${report(id)}/narratives/${enc(key)}`, Narrative, { text }),
  /** Freezes a new version in the background: the report's `generation` says how far it is. */
  generate: (id: string) => request('POST', `${report(id)}/versions`, Generation),
  addEvent: (id: string, n: number, body: ReportEventInput) => request('POST', `${version(id, n)}/events`, Report, body),
  comments: (id: string, n: number) => request('GET', `${version(id, n)}/comments`, CommentList),
  addComment: (id: string, n: number, body: CommentInput) => request('POST', `${version(id, n)}/comments`, ReportComment, body),
  document: (id: string, n: number, lang: ReportLanguage) => request('GET', `${version(id, n)}/document?lang=${lang}`, ReportDocument),
  changes: (id: string, n: number) => request('GET', `${version(id, n)}/changes`, VersionChanges),
  /** For a plain download link: the browser saves the file with the session cookie; it never passes through the app. */
  fileUrl: (id: string, n: number, format: 'pdf' | 'docx', lang: ReportLanguage) => `${version(id, n)}/file?${new URLSearchParams({ format, lang }).toString()}`,

  templates: () => request('GET', `${BASE}/templates`, TemplateList),
  templateVersions: (kind: ReportKind) => request('GET', `${BASE}/templates/${kind}/versions`, TemplateList),
  saveTemplate: (kind: ReportKind, body: TemplateInput) => request('PUT', `${BASE}/templates/${kind}`, Template, body),
};

/** Answers name parties and figures in the reader's language: the keys carry it. */
export const reportKeys = {
  all: ['reports'] as const,
  list: () => ['reports', 'list', currentLanguage()] as const,
  one: (id: string) => ['reports', 'one', id, currentLanguage()] as const,
  comments: (id: string, n: number) => ['reports', 'comments', id, n] as const,
  /** The document is in the language chosen for it, not the reader's. */
  document: (id: string, n: number, lang: ReportLanguage) => ['reports', 'document', id, n, lang] as const,
  changes: (id: string, n: number) => ['reports', 'changes', id, n, currentLanguage()] as const,
  templates: () => ['reports', 'templates'] as const,
  templateVersions: (kind: ReportKind) => ['reports', 'templates', kind] as const,
};

/** After a change: every list and report reads again. */
export const refreshReports = (qc: QueryClient) => qc.invalidateQueries({ queryKey: reportKeys.all });

/** How often a report is read again while its new version is being made. */
export const GENERATION_POLL = 700;
export const isGenerating = (r: Pick<Report, 'generation'> | undefined): boolean => r?.generation?.state === 'queued' || r?.generation?.state === 'running';

export const reportKindLabel = (t: TFunction, k: ReportKind): string => t(`reports.kinds.${k}`);
export const reportStatusLabel = (t: TFunction, s: ReportStatus): string => t(`reports.statuses.${s}`);
export const reportActionLabel = (t: TFunction, a: ReportAction): string => t(`reports.actions.${a}`);
export const figureBlockLabel = (t: TFunction, b: FigureBlock): string => t(`reports.blocks.${b}`);
export const languageName = (t: TFunction, l: ReportLanguage): string => t(`reports.languages.${l}`);

const STEPS = ['queued', 'counting', 'protecting', 'assembling', 'rendering', 'done'] as const;
/** A generation's step in words; a step this version of the app does not know is said generally. */
export function stepLabel(t: TFunction, step: string): string {
  const known = STEPS.find((s) => s === step);
  return known ? t(`reports.steps.${known}`) : t('reports.steps.working');
}

/** A period as the reader says it: "Q3 2026" (quarterly) or "2026". */
export function periodLabel(t: TFunction, period: string): string {
  const m = /^(\d{4})-Q([1-4])$/u.exec(period);
  return m ? t('reports.period.quarter', { quarter: Number(m[2]), year: m[1] }) : period;
}

/** A template's words in the reader's language; French and Arabic left empty say the English. */
export function wordingIn(w: Pick<Wording, 'en' | 'fr' | 'ar'>, lang: Language = currentLanguage()): string {
  return w[lang].trim() ? w[lang] : w.en;
}

/** The quarter before the one `today` is in: the last one closed. */
export function lastClosedQuarter(today = new Date()): { year: number; quarter: number } {
  const q = Math.floor(today.getMonth() / 3) + 1;
  return q === 1 ? { year: today.getFullYear() - 1, quarter: 4 } : { year: today.getFullYear(), quarter: q - 1 };
}

/** A SHA-256 as shown: its first twelve characters (the whole on copy and on hover). */
export const shortSha = (sha: string): string => sha.slice(0, 12);
