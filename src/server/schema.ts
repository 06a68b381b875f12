/** Every table, gathered for drizzle-kit (migration generation reads this file; see drizzle.config.ts). */
export * from '../platform/audit/tables.ts';
export * from '../identity/tables.ts';
export * from '../incidents/tables.ts';
export * from '../places/tables.ts';
export * from '../drafts/tables.ts';
export * from '../imports/tables.ts';
export * from '../lookups/tables.ts';
export * from '../organisation/tables.ts';
export * from '../parties/tables.ts';
export * from '../commitments/tables.ts';
export * from '../stats/tables.ts';
export * from '../warnings/tables.ts';
export * from '../reference/tables.ts';
export * from '../reports/tables.ts';
