/**
 * How a re-import recognises a row. With an id column, the id. Without one, a keyed fingerprint of the
 * event's own values the mapping reads (by field, normalised: case, accents, spacing), so dropping or adding
 * a column the mapping does not use, or mapping a narrative or a context later, changes nothing; identical
 * rows are told apart by their order among themselves.
 * Rows imported before this scheme were fingerprinted over every cell with the headers: that fingerprint is
 * computed too, so an unchanged file imported then is still recognised. A keyed digest of the converted
 * record tells an unchanged row from a changed one. Keys: the stored ids cannot confirm a guess at a row.
 */
import { createHmac } from 'node:crypto';
import { IDENTIFYING_IMPORT_FIELDS, IMPORT_FIELDS, REJECTED_MARKER_COLUMNS, type ImportField, type ImportMapping, type RowProblem } from '../shared/import.ts';
import type { IncidentCreate } from '../shared/incident.ts';
import { problem } from './problems.ts';

/**
 * What identifies an event in a file without ids: when, where (the areas), who (counts, parties) and the
 * form. Not the identifying fields (a keyed hash of a narrative or a locality would outlive its erasure),
 * nor context, consent or status, so mapping one of those later does not make every row new.
 */
const FINGERPRINTED: readonly ImportField[] = IMPORT_FIELDS.filter((f) => !IDENTIFYING_IMPORT_FIELDS.includes(f) && ![
  'externalId', 'dateEstimated', 'coordinatePrecision', 'setting', 'timeOfDay', 'displacementStage', 'abduction', 'detention', 'consent', 'verificationStatus', 'sourceReliability',
].includes(f));

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('hex').slice(0, 32);
const normalised = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** The digest of what an import gives a record: equal digests, nothing to update. */
export const contentDigest = (key: Buffer, input: IncidentCreate) => hmac(key, `digest:${JSON.stringify(input)}`);

export class RowIdentity {
  private readonly seenIds = new Map<string, number>();
  private readonly seenContent = new Map<string, number>();
  private readonly read: [string, number][];
  private readonly idColumn: number;
  private readonly legacy: boolean;

  constructor(private readonly headers: readonly string[], private readonly mapping: ImportMapping, private readonly key: Buffer) {
    const at = (c: string | undefined) => (c === undefined ? -1 : headers.indexOf(c));
    this.idColumn = at(mapping.columns.externalId);
    // Every column the mapping reads, named by what it fills (a renamed column is the same value).
    this.read = [
      ...FINGERPRINTED.map((f) => [f, at(mapping.columns[f])] as [string, number]),
      ...mapping.more.perpetrators.flatMap((g, k) => Object.entries(g).map(([p, c]) => [`perpetrator${k + 2}.${p}`, at(c)] as [string, number])),
      ...mapping.more.sources.flatMap((g, k) => Object.entries(g).filter(([p]) => p !== 'reliability').map(([p, c]) => [`source${k + 2}.${p}`, at(c)] as [string, number])),
    ].filter(([, i]) => i >= 0);
    // A corrected file of rejected rows carries Salama's own columns: the old scheme never saw them.
    this.legacy = !REJECTED_MARKER_COLUMNS.some((c) => headers.includes(c));
  }

  of(cells: readonly string[], row: number): { externalId: string; legacyId: string | null; repeated: boolean; problem?: RowProblem } {
    if (this.idColumn >= 0) {
      const id = (cells[this.idColumn] ?? '').trim();
      const column = this.mapping.columns.externalId!;
      if (!id) return { externalId: '', legacyId: null, repeated: false, problem: problem(row, column, '', 'externalId', 'required', { hint: 'the external id is how a re-import recognises this row' }) };
      if (id.length > 200) return { externalId: id, legacyId: null, repeated: false, problem: problem(row, column, id, 'externalId', 'too_long', { max: 200 }) };
      const first = this.seenIds.get(id);
      if (first !== undefined) return { externalId: id, legacyId: null, repeated: false, problem: problem(row, column, id, 'externalId', 'duplicate_id', { first }) };
      this.seenIds.set(id, row);
      return { externalId: id, legacyId: null, repeated: false };
    }
    const content = JSON.stringify(this.read.map(([name, i]) => [name, normalised(cells[i] ?? '')]));
    const base = hmac(this.key, content);
    const n = (this.seenContent.get(base) ?? 0) + 1;
    this.seenContent.set(base, n);
    return {
      externalId: n === 1 ? `row:${base}` : `row:${base}:${n}`,
      legacyId: this.legacy ? `row:${hmac(this.key, JSON.stringify([this.headers, cells]))}` : null,
      repeated: n > 1,
    };
  }
}
