/** Errors a service may raise on purpose; the HTTP error handler turns them into clear JSON answers. */
import type { Issue, IssueParams, MessageCode } from '../../shared/messages.ts';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Problems by field and code; the handler words them in the request's language. */
    readonly issues?: Issue[],
  ) {
    super(message);
  }
}

export const notFound = (what = 'record') => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
/** Issues with their English (for logs and the CLI): the answer carries the codes, worded in the reader's language. */
export interface DescribedIssue extends Issue { message?: string }
export const validationFailed = (issues: readonly DescribedIssue[], status = 400, code = 'validation_failed') =>
  new AppError(status, code, issues.map((i) => `${i.field}: ${i.message ?? i.code}`).join('; '),
    issues.map(({ field, code: c, params }) => ({ field, code: c, ...(params ? { params } : {}) })));
/** One field's problem (the English `message` is for logs and the CLI; answers word the code). */
export const badRequest = (field: string, code: MessageCode, message: string, params?: IssueParams) =>
  new AppError(400, 'validation_failed', `${field}: ${message}`, [{ field, code, ...(params ? { params } : {}) }]);
