/**
 * pino logger options shared by the HTTP server and the CLI. Redaction is the last line of defence: the
 * code never logs bodies, but if a sensitive field slips into a log object its value is replaced.
 */
import pino, { type LoggerOptions } from 'pino';

export const REDACT_PATHS = [
  'password', '*.password', 'newPassword', '*.newPassword', 'passphrase', '*.passphrase',
  'narrative', '*.narrative', '*.*.narrative',
  'locality', '*.locality', '*.*.locality', 'coordinates', '*.coordinates', '*.*.coordinates',
  'code', '*.code', 'secret', '*.secret', 'totpSecret', '*.totpSecret',
  'token', '*.token', 'csrfToken', '*.csrfToken', 'masterKey', '*.masterKey',
  'req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]', 'body', '*.body',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // Method, path and id only: the query string can carry search text a user typed (a name, a village).
      req: (req: { method?: string; url?: string; id?: string }) => ({ method: req.method, url: req.url?.split('?')[0], id: req.id }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

export const createLogger = (level = 'info') => pino(loggerOptions(level));
export type Logger = pino.Logger;
