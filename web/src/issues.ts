// Why: the one way the web app words a problem - the browser's own checks (the shared zod schemas) and the
// server's answers alike: by code and parameters through the shared catalogue (src/shared/messages), in the
// reader's language, never the English of the API's `message`.
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { isMessageCode, issuesFromZod, oneIssuePerField, ruleText, type Issue, type Translate } from '../../src/shared/messages.ts';
import type { FieldIssue } from './api.ts';

/** i18next's `t` as the shared helpers call it (keys made from codes and paths, checked by the catalogue test). */
export const translate = (t: TFunction): Translate => t as unknown as Translate;

/** A problem's rule in the reader's language ("enter a full date: day, month and year"). */
export function issueRule(t: TFunction, issue: FieldIssue): string {
  if (isMessageCode(issue.code)) return ruleText(translate(t), { code: issue.code, ...(issue.params ? { params: issue.params } : {}) });
  return t('messages.invalid');
}

/** The same rule beginning with a capital, for a message that stands under its field. */
export function issueSentence(t: TFunction, issue: FieldIssue): string {
  const rule = issueRule(t, issue);
  return rule.charAt(0).toLocaleUpperCase() + rule.slice(1);
}

/** "Label: rule" with the language's punctuation (French puts a space before the colon). */
export const withField = (t: TFunction, label: string, rule: string): string => t('messageParts.withField', { field: label, rule });

/** zod's issues as the app's, one per field (a local check), with `prefix` for forms nested in a bigger body. */
export function localIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly string[] = []): FieldIssue[] {
  return issuesFromZod(issues).map((i) => ({ ...i, field: [...prefix, ...(i.field ? [i.field] : [])].join('.') }));
}

/** Issues of the server and of the browser together, one per field (the first said about it). */
export const onePerField = (issues: readonly FieldIssue[]): FieldIssue[] =>
  oneIssuePerField(issues.map((i): Issue & FieldIssue => ({ ...i, code: isMessageCode(i.code) ? i.code : 'invalid' })));
