/** The dry run's warnings: each kind of note, by column, with how many rows and the first few row numbers. */
import type { ImportWarning } from '../shared/import.ts';
import type { RowNote } from './convert.ts';

const EXAMPLES = 5;

export class WarningTally {
  private readonly byKey = new Map<string, ImportWarning>();

  add(row: number, notes: readonly RowNote[]): void {
    const seen = new Set<string>();
    for (const n of notes) {
      const key = `${n.code}\u0000${n.column ?? ''}`;
      if (seen.has(key)) continue; // a row counts once per kind of note
      seen.add(key);
      const w = this.byKey.get(key) ?? { code: n.code, column: n.column, rows: 0, examples: [] };
      w.rows += 1;
      if (w.examples.length < EXAMPLES) w.examples.push(row);
      this.byKey.set(key, w);
    }
  }

  list(): ImportWarning[] {
    return [...this.byKey.values()].sort((a, b) => b.rows - a.rows);
  }
}
