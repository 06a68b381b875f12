/**
 * A refused file (a list of areas, a reference dataset): nothing was loaded. Every problem by row, column,
 * value and rule, for the web app's table (which words the codes itself), and as issues worded in the
 * request's language, naming the column and the row.
 */
import { fieldLabel, isMessageCode, ruleText, translator } from '../../shared/messages.ts';
import type { AreaListProblem, AreaListRejected } from '../../shared/places.ts';
import { requestLanguage } from './language.ts';

export function rejectedFile(code: string, problems: readonly AreaListProblem[], acceptLanguage: string | string[] | undefined, opts: { columnLabels?: boolean } = {}): AreaListRejected {
  const t = translator(requestLanguage(acceptLanguage));
  const where = (p: AreaListProblem) => (p.row > 0 ? `row ${p.row}` : 'the file') + (p.value ? `, value "${p.value}"` : '');
  const first = problems[0]!;
  return {
    error: {
      code,
      message: `nothing was loaded: ${problems.length} problem(s); the first: ${first.column ? `${first.column}: ` : ''}${first.rule} (${where(first)})`,
      issues: problems.map((p) => {
        const issue = { field: p.column, code: isMessageCode(p.code) ? p.code : 'invalid' as const, ...(p.params ? { params: p.params } : {}) };
        const column = opts.columnLabels === false ? p.column : fieldLabel(t, p.column);
        const worded = p.column ? t('messageParts.withField', { field: column, rule: ruleText(t, issue) }) : ruleText(t, issue);
        return { ...issue, message: p.row > 0 ? `${worded} (${t('messageParts.atRow', { row: p.row })})` : worded };
      }),
    },
    problems: [...problems],
  };
}
