/** Every table, gathered for Drizzle (queries) and drizzle-kit (migration generation). */
export * from '../../identity/tables.ts';
export * from '../../incidents/tables.ts';
export * from '../audit/tables.ts';
export * from '../../places/tables.ts';
export * from '../../drafts/tables.ts';
export * from '../../imports/tables.ts';
export * from '../../lookups/tables.ts';
export * from '../../organisation/tables.ts';
