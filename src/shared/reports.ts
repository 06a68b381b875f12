/**
 * Reports, the contract: the quarterly MARA report, the country input to the Secretary-General's annual
 * report and the listing evidence pack per party; their templates (data, versioned, worded in en/fr/ar);
 * versions frozen as snapshots (figures after disclosure control, narratives, template, SHA-256); the
 * workflow draft -> in review -> approved -> submitted; comments per section; the figures that moved since a
 * version. No Node imports: the web bundle imports this file.
 *
 * Figures in a report are the protected tier's (src/stats/protected.ts): a report leaves the organisation.
 * Narratives and comments are the organisation's restricted data (shared/fields.ts: REPORT_FIELD_CLASSES);
 * viewers read approved and submitted versions only.
 */
import { z } from './zod.ts';
import { freeText } from './values.ts';
import { PartyRef } from './parties.ts';
import { REPORT_LANGUAGES } from './report-document.ts';

export const REPORT_KINDS = ['quarterly', 'annual', 'listing'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** A version's step; a version once approved never changes again (only `submitted` follows). */
export const REPORT_STATUSES = ['draft', 'in_review', 'approved', 'submitted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_ACTIONS = ['send_to_review', 'return_to_draft', 'approve', 'submit'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];
/** The step each action leads to, and the steps it may be taken from. */
export const REPORT_FLOW: Record<ReportAction, { from: readonly ReportStatus[]; to: ReportStatus }> = {
  send_to_review: { from: ['draft'], to: 'in_review' },
  return_to_draft: { from: ['in_review'], to: 'draft' },
  approve: { from: ['in_review'], to: 'approved' },
  submit: { from: ['approved'], to: 'submitted' },
};
/** Steps a viewer (headquarters reader) may read. */
export const PUBLISHED_STATUSES: readonly ReportStatus[] = ['approved', 'submitted'];

/**
 * The blocks of figures and facts a template's section may show, filled from the snapshot. Which kinds may
 * use which block: FIGURE_BLOCKS_BY_KIND.
 */
export const FIGURE_BLOCKS = [
  'overview', 'violations_by_form', 'victims_by_category', 'trend', 'by_area', 'by_party', 'late_verifications',
  'commitments', 'alerts', 'annex_parties', 'party_incidents', 'party_persistence', 'listing_history',
] as const;
export type FigureBlock = (typeof FIGURE_BLOCKS)[number];
const COUNTRY_BLOCKS: readonly FigureBlock[] = ['overview', 'violations_by_form', 'victims_by_category', 'trend', 'by_area', 'by_party', 'late_verifications', 'commitments', 'alerts'];
export const FIGURE_BLOCKS_BY_KIND: Record<ReportKind, readonly FigureBlock[]> = {
  quarterly: COUNTRY_BLOCKS,
  annual: [...COUNTRY_BLOCKS, 'annex_parties'],
  listing: ['party_incidents', 'party_persistence', 'commitments', 'listing_history'],
};

export const SECTION_KINDS = ['narrative', 'figures'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

const wording = (max: number) => freeText(max);
/** A template's wording in the three languages; French and Arabic fall back to English where left empty. */
export const Wording = z.object({ en: wording(2000).pipe(z.string().min(1)), fr: wording(2000), ar: wording(2000) }).strict();
export type Wording = z.infer<typeof Wording>;
const OptionalWording = z.object({ en: wording(2000), fr: wording(2000), ar: wording(2000) }).strict();

export const SECTION_KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const TemplateSection = z.object({
  key: z.string().regex(SECTION_KEY, 'section_key'),
  kind: z.enum(SECTION_KINDS),
  /** For a `figures` section: what it shows (a `narrative` section has none). */
  block: z.enum(FIGURE_BLOCKS).nullable(),
  title: Wording,
  /** Under the title: the template's words (in a figures section, printed; in a narrative, the writer's prompt). */
  guidance: OptionalWording,
}).strict();
export type TemplateSection = z.infer<typeof TemplateSection>;

export const MAX_SECTIONS = 40;
export const TemplateInput = z.object({
  title: Wording,
  sections: z.array(TemplateSection).min(1).max(MAX_SECTIONS),
}).strict();
export type TemplateInput = z.infer<typeof TemplateInput>;

/** Problems a template's sections can have beyond their shape (checked by the server and the editor alike). */
export interface TemplateProblem { path: (string | number)[]; message: 'repeated_choice' | 'block_not_for_kind' }
export function templateProblems(kind: ReportKind, input: TemplateInput): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  const seen = new Set<string>();
  input.sections.forEach((s, i) => {
    if (seen.has(s.key)) out.push({ path: ['sections', i, 'key'], message: 'repeated_choice' });
    seen.add(s.key);
    if (s.kind === 'figures' && (s.block === null || !FIGURE_BLOCKS_BY_KIND[kind].includes(s.block))) out.push({ path: ['sections', i, 'block'], message: 'block_not_for_kind' });
    if (s.kind === 'narrative' && s.block !== null) out.push({ path: ['sections', i, 'block'], message: 'block_not_for_kind' });
  });
  return out;
}

export const Template = z.object({
  id: z.uuid(),
  kind: z.enum(REPORT_KINDS),
  /** 1, 2, ... for each change; the built-in templates are version 0 and belong to no organisation. */
  version: z.number().int(),
  builtIn: z.boolean(),
  title: Wording,
  sections: z.array(TemplateSection),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type Template = z.infer<typeof Template>;
export const TemplateList = z.object({ items: z.array(Template) });
export type TemplateList = z.infer<typeof TemplateList>;
export const TemplateKindParams = z.object({ kind: z.enum(REPORT_KINDS) }).strict();

// ---- Reports ----

/** A quarter (`2026-Q3`) for the quarterly report, a year (`2026`) for the annual input and the listing pack. */
export const QUARTER = /^\d{4}-Q[1-4]$/;
export const YEAR = /^\d{4}$/;

export const ReportCreate = z.object({
  kind: z.enum(REPORT_KINDS),
  period: z.string().regex(/^\d{4}(-Q[1-4])?$/, 'report_period'),
  title: freeText(300).optional(),
  /** The listing pack's party. */
  partyId: z.uuid({ error: 'not_an_id' }).optional(),
  /** The annual input's parties proposed for the annex (their evidence is assembled; the app never decides). */
  annexParties: z.array(z.uuid({ error: 'not_an_id' })).max(30).optional(),
}).strict().superRefine((r, c) => {
  if (r.kind === 'quarterly' && !QUARTER.test(r.period)) c.addIssue({ code: 'custom', path: ['period'], message: 'report_period' });
  if (r.kind !== 'quarterly' && !YEAR.test(r.period)) c.addIssue({ code: 'custom', path: ['period'], message: 'report_period' });
  if (r.kind === 'listing' && !r.partyId) c.addIssue({ code: 'custom', path: ['partyId'], message: 'required' });
  if (r.kind !== 'listing' && r.partyId) c.addIssue({ code: 'custom', path: ['partyId'], message: 'not_for_kind' });
  if (r.kind !== 'annual' && r.annexParties?.length) c.addIssue({ code: 'custom', path: ['annexParties'], message: 'not_for_kind' });
});
export type ReportCreate = z.infer<typeof ReportCreate>;

export const ReportPatch = z.object({
  title: freeText(300).pipe(z.string().min(1)).optional(),
  annexParties: z.array(z.uuid({ error: 'not_an_id' })).max(30).optional(),
}).strict();
export type ReportPatch = z.infer<typeof ReportPatch>;

export const MAX_NARRATIVE = 20_000;
export const NarrativeInput = z.object({ text: freeText(MAX_NARRATIVE) }).strict();
export type NarrativeInput = z.infer<typeof NarrativeInput>;

export const Narrative = z.object({ key: z.string(), text: z.string(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable() });
export type Narrative = z.infer<typeof Narrative>;

export const ReportEvent = z.object({
  action: z.enum([...REPORT_ACTIONS, 'generate']),
  status: z.enum(REPORT_STATUSES),
  by: z.string(),
  byName: z.string(),
  at: z.string(),
  note: z.string().nullable(),
});
export type ReportEvent = z.infer<typeof ReportEvent>;

export const ReportVersion = z.object({
  number: z.number().int(),
  status: z.enum(REPORT_STATUSES),
  /** SHA-256 of the snapshot's canonical JSON: what was frozen (parameters, figures, narratives, template). */
  sha256: z.string(),
  templateVersion: z.number().int(),
  /** The protected figures' last day counted, and the threshold under which a count is suppressed. */
  through: z.string(),
  threshold: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  createdByName: z.string(),
  events: z.array(ReportEvent),
});
export type ReportVersion = z.infer<typeof ReportVersion>;

export const GENERATION_STATES = ['queued', 'running', 'done', 'failed'] as const;
/**
 * Why a generation failed, as a code the app words in the reader's language: lost (its job never ran: a new
 * one was asked), interrupted (a stop of the server), not_allowed (the asker is no longer an active
 * coordinator of the organisation), conflict (another version was made meanwhile), failed (anything else: the
 * server's log has it).
 */
export const GENERATION_ERRORS = ['lost', 'interrupted', 'not_allowed', 'conflict', 'failed'] as const;
export type GenerationError = (typeof GENERATION_ERRORS)[number];
export const Generation = z.object({
  id: z.uuid(),
  state: z.enum(GENERATION_STATES),
  /** 0 to 100. */
  progress: z.number().int(),
  /** What the job is doing now, as a code (counting, protecting, assembling, rendering, done). */
  step: z.string(),
  /** The version made, once done. */
  version: z.number().int().nullable(),
  error: z.enum(GENERATION_ERRORS).nullable(),
  createdAt: z.string(),
});
export type Generation = z.infer<typeof Generation>;

export const ReportSummary = z.object({
  id: z.uuid(),
  kind: z.enum(REPORT_KINDS),
  title: z.string(),
  period: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  party: PartyRef.nullable(),
  /** The latest version's step (for a viewer: the latest approved or submitted version's), none before a first version. */
  status: z.enum(REPORT_STATUSES).nullable(),
  latestVersion: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;
export const ReportList = z.object({ items: z.array(ReportSummary) });
export type ReportList = z.infer<typeof ReportList>;

export const Report = ReportSummary.extend({
  annexParties: z.array(PartyRef),
  /** The template new versions use (the organisation's latest for the kind). */
  template: z.object({ id: z.uuid(), version: z.number().int(), sections: z.array(TemplateSection) }),
  /** The narratives being written (coordinators only; empty for a viewer, who reads versions). */
  narratives: z.array(Narrative),
  versions: z.array(ReportVersion),
  /** The generation running or last run (coordinators). */
  generation: Generation.nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Report = z.infer<typeof Report>;

export const ReportParams = z.object({ id: z.uuid({ error: 'not_an_id' }) }).strict();
export const VersionParams = z.object({ id: z.uuid({ error: 'not_an_id' }), version: z.coerce.number().int().min(1).max(100_000) }).strict();
export const NarrativeParams = z.object({ id: z.uuid({ error: 'not_an_id' }), key: z.string().regex(SECTION_KEY, 'section_key') }).strict();

export const ReportEventInput = z.object({ action: z.enum(REPORT_ACTIONS), note: freeText(2000).optional() }).strict();
export type ReportEventInput = z.infer<typeof ReportEventInput>;

export const CommentInput = z.object({
  /** The section commented on; none for the report as a whole. */
  section: z.string().regex(SECTION_KEY, 'section_key').nullable(),
  text: freeText(5000).pipe(z.string().min(1)),
}).strict();
export type CommentInput = z.infer<typeof CommentInput>;
export const ReportComment = z.object({
  id: z.uuid(), section: z.string().nullable(), text: z.string(), by: z.string(), byName: z.string(), at: z.string(),
});
export type ReportComment = z.infer<typeof ReportComment>;
export const CommentList = z.object({ items: z.array(ReportComment) });
export type CommentList = z.infer<typeof CommentList>;

export const REPORT_FORMATS = ['pdf', 'docx'] as const;
export const DocumentQuery = z.object({ lang: z.enum(REPORT_LANGUAGES).default('en') }).strict();
export const FileQuery = z.object({ lang: z.enum(REPORT_LANGUAGES).default('en'), format: z.enum(REPORT_FORMATS) }).strict();

/** One figure that differs between a version's snapshot and the same figures counted now. */
export const MovedFigure = z.object({
  /** The table (its caption in the reader's language), the row and the column, in words. */
  table: z.string(),
  row: z.string(),
  column: z.string(),
  /** As printed: a number or "suppressed"; "-" where the cell did not exist. */
  before: z.string(),
  after: z.string(),
});
export type MovedFigure = z.infer<typeof MovedFigure>;
export const VersionChanges = z.object({
  /** False when counted again today the figures are those frozen in the version. */
  changed: z.boolean(),
  /** The threshold or the consent rules changed too (the whole protection may differ). */
  thresholdChanged: z.boolean(),
  moved: z.array(MovedFigure),
  /** More moved than listed. */
  truncated: z.boolean(),
  checkedAt: z.string(),
});
export type VersionChanges = z.infer<typeof VersionChanges>;
export const MAX_MOVED = 200;
