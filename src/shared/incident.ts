/**
 * The incident contract: one zod schema per shape, used by the API (validation, OpenAPI, types) and by the
 * web app (form validation), in three parts: the record (incident-record.ts), what reading returns
 * (incident-read.ts) and the actions on a record (incident-actions.ts). Import from here.
 */
export * from './incident-record.ts';
export * from './incident-read.ts';
export * from './incident-actions.ts';
