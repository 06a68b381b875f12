/**
 * A value as canonical JSON: object keys sorted (PostgreSQL's jsonb does not keep their order), and absent,
 * null and empty lists all "nothing", so two spellings of the same value compare equal. No Node imports.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v === null || (Array.isArray(v) && v.length === 0)) return undefined;
    if (typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  }) ?? 'null';
}
