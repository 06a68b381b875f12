/**
 * Reading the datasets strictly: the codebook's values only, "no report" never 0, and every problem by row and
 * column; and every column of the capability's tables classified. Pure.
 */
import { readFileSync } from 'node:fs';
import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MAX_CSV_RECORD_CHARS } from '../platform/checked-csv.ts';
import { REFERENCE_FIELD_CLASSES } from '../shared/fields.ts';
import { MAX_LISTED_PROBLEMS } from '../shared/places.ts';
import { DATASET_COLUMNS, readDataset } from './codebook.ts';
import { svacYears } from './figures.ts';
import * as tables from './tables.ts';

const SVAC_HEADER = 'year,conflictid,actor,actorid,actor_type,type,incomp,region,location,gwnoloc,gwnoloc2,conflictyear,interm,postc,state_prev,ai_prev,hrw_prev,child_prev,form';
const svac = (...rows: string[]) => [SVAC_HEADER, ...rows].join('\n');
const RSVAC = readFileSync(new URL('./data/rsvac.csv', import.meta.url), 'utf8');

describe('reference datasets: the columns', () => {
  it('classifies every column of every table of the capability', () => {
    const byTable = {
      reference_dataset_versions: tables.referenceDatasetVersions, reference_rows: tables.referenceRows,
      reference_actor_decisions: tables.referenceActorDecisions, reference_current_versions: tables.referenceCurrentVersions,
    };
    expect(Object.keys(byTable).sort()).toEqual(Object.keys(REFERENCE_FIELD_CLASSES).sort());
    for (const [name, table] of Object.entries(byTable)) {
      expect(Object.keys(getTableColumns(table)).sort(), name).toEqual(Object.keys(REFERENCE_FIELD_CLASSES[name as keyof typeof REFERENCE_FIELD_CLASSES]).sort());
    }
  });
});

describe('reading SVAC', () => {
  it('reads -99, NA and blanks as no report (null), and 0 as none reported', () => {
    const { rows, problems } = readDataset('svac', svac(
      '2001,205,KDPI,164,3,3,1,2,Iran,630,0,1,0,0,-99,0,NA,,"1, 7"',
      '2002,205,KDPI,164,,3,1,2,Iran,"630, 666",0,1,0,0,2,-99,,0,-99',
    ));
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.statePrev, r.aiPrev, r.hrwPrev, r.childPrev, r.forms, r.actorType, r.gwno])).toEqual([
      [null, 0, null, null, ['rape', 'sexual_torture'], 3, ['630']],
      [2, null, null, 0, null, null, ['630', '666']],
    ]);
    const [first, second] = svacYears(rows);
    expect(first).toMatchObject({ max: 0, state: null, ai: 0, hrw: null, child: null });
    expect(second).toMatchObject({ max: 2, child: 0, forms: null });
  });

  it('refuses the whole file when a value is outside the codebook, naming each row and column', () => {
    const { rows, problems } = readDataset('svac', svac(
      '2001,205,KDPI,164,3,3,1,2,Iran,630,0,1,0,0,0,0,0,0,-99',
      '2002,205,KDPI,164,7,3,1,2,Iran,630,0,1,0,0,4,0,0,0,"1, 8"',
      'MMII,205,,x1,3,3,1,2,Iran,630,0,1,0,0,0,0,0,0,-99',
    ));
    expect(rows).toEqual([]);
    expect(problems.map((p) => [p.row, p.column, p.value, p.code])).toEqual([
      [3, 'actor_type', '7', 'codebook_value'], [3, 'state_prev', '4', 'codebook_value'], [3, 'form', '1, 8', 'codebook_value'],
      [4, 'year', 'MMII', 'year_value'], [4, 'actor', '', 'required'], [4, 'actorid', 'x1', 'codebook_value'],
    ]);
  });

  it('refuses a file whose header lacks a required column, naming it', () => {
    const { rows, problems } = readDataset('svac', 'year,conflictid,actor,actorid\n2001,205,KDPI,164');
    expect(rows).toEqual([]);
    expect(problems.map((p) => p.column)).toEqual(DATASET_COLUMNS.svac.filter((c) => !['year', 'conflictid', 'actor', 'actorid'].includes(c)));
    expect(problems.every((p) => p.row === 1 && p.code === 'missing_column')).toBe(true);
  });

  it('refuses what is not a CSV, and a header without rows', () => {
    expect(readDataset('svac', `${SVAC_HEADER}\n"unclosed`).problems[0]).toMatchObject({ row: 2, code: 'csv_unreadable' });
    expect(readDataset('svac', SVAC_HEADER).problems[0]).toMatchObject({ row: 1, code: 'file_no_rows' });
  });

  it('lists the first problems of a file of bad rows and stops reading there, saying how many it found at least', () => {
    const bad = '1900,x,,y,9,3,1,2,Iran,z,0,7,7,7,7,7,7,7,9';
    const started = performance.now();
    const outcome = readDataset('svac', svac(...Array.from({ length: 50_000 }, () => bad)));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(outcome.rows).toEqual([]);
    expect(outcome.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(outcome.problemCount).toBeGreaterThan(MAX_LISTED_PROBLEMS);
    expect(outcome.problemCount).toBeLessThan(MAX_LISTED_PROBLEMS + 20);
    expect(outcome.complete).toBe(false);
    expect(outcome.problems[0]).toMatchObject({ row: 2, column: 'year' });
    // Fewer problems than that: every one listed, the count exact, the file read to its end.
    const few = readDataset('svac', svac(...Array.from({ length: 5_000 }, (_, i) => (i % 1000 === 999 ? bad.replace('1900', '2001') : '2001,205,KDPI,164,3,3,1,2,Iran,630,0,1,0,0,0,0,0,0,-99'))));
    expect([few.problems.length, few.problemCount, few.complete]).toEqual([few.problemCount, few.problemCount, true]);
    expect(new Set(few.problems.map((p) => p.row))).toEqual(new Set([1001, 2001, 3001, 4001, 5001]));
  });

  it('refuses a line longer than the parser keeps, naming its row: an enormous cell, or a quotation mark never closed', () => {
    const good = '2001,205,KDPI,164,3,3,1,2,Iran,630,0,1,0,0,0,0,0,0,-99';
    const huge = readDataset('svac', svac(good, `2002,205,${'K'.repeat(5_000_000)},164,3,3,1,2,Iran,630,0,1,0,0,0,0,0,0,-99`, good));
    expect(huge).toMatchObject({ rows: [], problemCount: 1, problems: [{ row: 3, column: '', code: 'record_too_long', params: { max: MAX_CSV_RECORD_CHARS } }] });
    const open = readDataset('svac', svac(good, good, '2002,205,"KDPI,164,3,3,1,2,Iran,630,0,1,0,0,0,0,0,0,-99', ...Array.from({ length: 5_000 }, () => good)));
    expect(open.problems).toEqual([expect.objectContaining({ row: 4, code: 'record_too_long' })]);
  });
});

describe('reading RSVAC', () => {
  it('reads the bundled file: one form per row, codes and prevalence only (the notes are never read)', () => {
    const { rows, problems } = readDataset('rsvac', RSVAC);
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(1411);
    const notes = ['mp_notes', 'victim_notes', 'selection_notes', 'timing_notes', 'location_notes', 'witness_notes'];
    expect(rows.every((r) => r.forms?.length === 1 && notes.every((n) => !(n in r)))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('Emily');
    // RSVAC's NA is "no report and no data": null, like SVAC's -99.
    expect(rows.filter((r) => r.hrwPrev === null)).toHaveLength(114);
  });

  it('refuses a form RSVAC does not define, naming the row', () => {
    const [header, first] = RSVAC.split('\n');
    const bad = first!.replace(',rape,rape,rape,', ',rape,rape,groping,');
    const { problems } = readDataset('rsvac', `${header}\n${first}\n${bad}\n`);
    expect(problems.map((p) => [p.row, p.column, p.value])).toEqual([[3, 'form', 'groping']]);
  });
});
