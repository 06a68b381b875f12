/**
 * How a rejected row's problems are worded: by the field's label as the wizard shows it ("Date (to)"), never
 * an internal path (`violations.0.victims`, `occurredFrom`), with a code and parameters so the web app can
 * word it again in the reader's language. The English sentence goes into the rejected-rows file.
 */
import type { z } from 'zod';
import type { ImportField, ProblemCode, RowProblem } from '../shared/import.ts';
import { issuesOfZodIssue, MESSAGE_CATALOGUES, ruleText as messageRule, translator } from '../shared/messages.ts';

/** The wizard's English labels (the shared catalogue's importFields): the rejected-rows file is read beside it. */
export const FIELD_LABELS: Record<ImportField, string> = MESSAGE_CATALOGUES.en.importFields;

type Params = Record<string, string | number>;

/** The English rule for a code (the web app has the same sentences in three languages under import.rules). */
export function ruleText(field: ImportField | null, code: ProblemCode, params: Params = {}): string {
  const label = field ? FIELD_LABELS[field] : String(params.label ?? 'Row');
  const p = (k: string) => String(params[k] ?? '');
  const rule: Record<ProblemCode, string> = {
    required: `is required${params.hint ? `: ${p('hint')}` : ''}`,
    not_a_date: `must be a date (such as 2020-05-09, 09/05/2020 read ${params.order === 'mdy' ? 'month first' : 'day first'}, 9-May-20, 9 mai 2020, May 2020 or 2020)`,
    unknown_value: `"${p('value')}" is not a known value: map it to a code in the values step${params.codes ? ` (one of ${p('codes')})` : ''}`,
    not_a_country: 'is not a country: use an ISO 3166 code (CAF, CF or 140), an English or French name, or map it in the values step',
    whole_number: 'must be a whole number, 0 or more (or "unknown")',
    not_a_number: 'must be a number',
    yes_no: 'must be yes or no: map the file\'s values in the values step',
    duplicate_id: `appears twice in the file (first at row ${p('first')})`,
    too_long: `must be at most ${p('max')} characters`,
    before_from: `must not be before ${FIELD_LABELS.occurredFrom}`,
    in_future: 'must not be in the future',
    no_victims: 'must count at least one victim, or the number must be marked as not known',
    unknown_column: `is mapped to the column "${p('column')}", which the file does not have`,
    cell_count: `has ${p('cells')} cells where the header has ${p('columns')}: a quote or a separator inside a cell split it; correct the row (put the cell in double quotes, doubling the quotes inside)`,
    not_an_area: `"${p('value')}" is not an area Salama knows, and does not look like the name of one (kept names are short place names): map it in the values step`,
    invalid: p('message'),
  };
  return `${label}: ${rule[code]}`;
}

export function problem(row: number, column: string, value: string, field: ImportField | null, code: ProblemCode, params: Params = {}): RowProblem {
  return { row, column, value, field, code, ...(Object.keys(params).length ? { params } : {}), rule: ruleText(field, code, params) };
}

/** A rule of the incident schema (zod) reached through a field the row filled: its code when we word it ourselves. */
export function schemaCode(issue: z.core.$ZodIssue): { code: ProblemCode; params?: Params } {
  const [first] = issuesOfZodIssue(issue);
  if (!first) return { code: 'invalid', params: { message: 'is not valid' } };
  if (first.code === 'before_start') return { code: 'before_from' };
  if (first.code === 'in_future') return { code: 'in_future' };
  if (first.code === 'no_victims') return { code: 'no_victims' };
  if (first.code === 'too_long' && first.params?.max !== undefined) return { code: 'too_long', params: { max: first.params.max } };
  // Any other rule in English words after the field's import label (the rejected-rows file is read beside the English wizard).
  return { code: 'invalid', params: { message: messageRule(translator('en'), first) } };
}
