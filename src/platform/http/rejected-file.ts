/**
 * A refused file (a list of areas, a reference dataset): nothing was loaded. Its first problems (the
 * checker keeps MAX_LISTED_PROBLEMS at most) by row, column, value and rule, for the web app's table (which
 * words the codes itself), and as issues worded in the request's language, naming the column and the row;
 * `problemCount` and the message say how many were found (at least that many when the check stopped early).
 */
import { fieldLabel, isMessageCode, ruleText, translator } from '../../shared/messages.ts';
import type { AreaListRejected, FileProblems } from '../../shared/places.ts';
import { requestLanguage } from './language.ts';

export function rejectedFile(code: string, found: FileProblems, acceptLanguage: string | string[] | undefined, opts: { columnLabels?: boolean } = {}): AreaListRejected {
  const t = translator(requestLanguage(acceptLanguage));
  const { problems } = found;
  const count = Math.max(found.problemCount, problems.length);
  const complete = found.complete;
  const issues = problems.map((p) => {
    const issue = { field: p.column, code: isMessageCode(p.code) ? p.code : 'invalid' as const, ...(p.params ? { params: p.params } : {}) };
    const column = opts.columnLabels === false ? p.column : fieldLabel(t, p.column);
    const worded = p.column ? t('messageParts.withField', { field: column, rule: ruleText(t, issue) }) : ruleText(t, issue);
    return { ...issue, message: p.row > 0 ? `${worded} (${t('messageParts.atRow', { row: p.row })})` : worded };
  });
  const summary = complete ? 'messageParts.fileRefused' : 'messageParts.fileRefusedAtLeast';
  return {
    error: { code, message: t(summary, { count, listed: problems.length, first: issues[0]?.message ?? '' }), issues },
    problems: [...problems],
    problemCount: count,
    complete,
  };
}
