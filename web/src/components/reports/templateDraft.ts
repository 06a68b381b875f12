// Why: a template being edited: its sections carry a key of their own for the screen (a section's `key` is
// typed over and may repeat while it is), and the shape sent is the contract's TemplateInput, checked with its
// schema and the problems it can have beyond its shape (templateProblems: a key twice, a block the kind does
// not show), as the server checks it.
import { FIGURE_BLOCKS_BY_KIND, TemplateInput, templateProblems, type ReportKind, type Template, type TemplateSection, type Wording } from '../../../../src/shared/reports.ts';

export type DraftSection = TemplateSection & { uid: number };
export interface TemplateDraft { title: Wording; sections: DraftSection[] }

let next = 0;
const uid = () => ++next;

export const draftOf = (template: Pick<Template, 'title' | 'sections'>): TemplateDraft => ({
  title: { ...template.title },
  sections: template.sections.map((s) => ({ ...s, title: { ...s.title }, guidance: { ...s.guidance }, uid: uid() })),
});

export const inputOf = (draft: TemplateDraft): TemplateInput => ({
  title: draft.title,
  sections: draft.sections.map(({ uid: _uid, ...s }) => s),
});

export const emptySection = (): DraftSection => ({
  key: '', kind: 'narrative', block: null, title: { en: '', fr: '', ar: '' }, guidance: { en: '', fr: '', ar: '' }, uid: uid(),
});

/** A section of another kind: a figures section shows the first block the report's kind allows, a narrative none. */
export const withKind = (s: DraftSection, kind: TemplateSection['kind'], reportKind: ReportKind): DraftSection =>
  ({ ...s, kind, block: kind === 'figures' ? s.block ?? FIGURE_BLOCKS_BY_KIND[reportKind][0] ?? null : null });

/** Section `i` moved by `by` places (-1 up, 1 down), within the list. */
export function moved<T>(list: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** The contract's schema with the template's problems beyond its shape, for the report kind edited. */
export const templateSchema = (kind: ReportKind) => TemplateInput.superRefine((input, ctx) => {
  for (const p of templateProblems(kind, input)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
});
