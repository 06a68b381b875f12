/** Reading the dates real files carry: formats, precision, the order of day and month, what a column shows. */
import { describe, expect, it } from 'vitest';
import { orderOf, profileDates, readDate } from './dates.ts';

const today = new Date('2026-12-06T00:00:00Z');
const read = (v: string, order: 'dmy' | 'mdy' = 'dmy') => readDate(v, order, today);

describe('reading a date', () => {
  it('reads the ways conflict-event exports, Excel and French files write a day', () => {
    for (const v of ['9-May-20', '09-May-2020', '9 May 2020', '09 Mai 2020', '9 mai 2020', '1er mai 2020'.replace('1er', '9'), 'May 9, 2020', '9 May, 2020', '2020-05-09',
      '2020-05-09T14:30:00Z', '2020-05-09 14:30', '2020/05/09', '43960', '43960.625', '09/05/2020', '9.5.2020', '09-05-20']) {
      expect(read(v), v).toEqual({ from: '2020-05-09', to: null, precision: 'day' });
    }
    expect(read('1er mai 2020')).toEqual({ from: '2020-05-01', to: null, precision: 'day' });
    expect(read('15 févr. 2021')).toEqual({ from: '2021-02-15', to: null, precision: 'day' });
    expect(read('3 août 2019')?.from).toBe('2019-08-03');
    expect(read('22 décembre 1998')?.from).toBe('1998-12-22');
  });

  it('reads a month or a year as a range, never a made-up day', () => {
    expect(read('May 2020')).toEqual({ from: '2020-05-01', to: '2020-05-31', precision: 'month' });
    expect(read('février 2024')).toEqual({ from: '2024-02-01', to: '2024-02-29', precision: 'month' });
    expect(read('2020-02')).toEqual({ from: '2020-02-01', to: '2020-02-29', precision: 'month' });
    expect(read('1989')).toEqual({ from: '1989-01-01', to: '1989-12-31', precision: 'year' });
  });

  it('lets the file decide the order of day and month only when both readings are possible', () => {
    expect(read('03/04/2020', 'dmy')?.from).toBe('2020-04-03');
    expect(read('03/04/2020', 'mdy')?.from).toBe('2020-03-04');
    // Unambiguous in one order, impossible in the other: the chosen order must fit.
    expect(read('25/12/2020', 'dmy')?.from).toBe('2020-12-25');
    expect(read('25/12/2020', 'mdy')).toBeNull();
    expect(read('12/25/2020', 'mdy')?.from).toBe('2020-12-25');
  });

  it('refuses what is not a day: impossible dates, words, numbers that are not Excel days', () => {
    for (const v of ['31/02/2020', '2020-13-01', 'last week', 'sometime in May', '12', '123456', '0000-00-00', 'Smarch 5, 2020', '1850']) expect(read(v), v).toBeNull();
    // Two-digit years are the most recent such year that is not in the future.
    expect(read('9-May-26')?.from).toBe('2026-05-09');
    expect(read('9-May-27')?.from).toBe('1927-05-09');
  });
});

describe('what a column of dates shows', () => {
  it('counts dates, their precision, and the order the unambiguous ones need', () => {
    const dmy = profileDates(['14/03/2025', '03/04/2025', '', '30/06/2025', 'unknown'], today);
    expect(dmy).toMatchObject({ values: 4, dates: 3, precision: 'day', dayFirst: 2, monthFirst: 0, ambiguous: 1 });
    expect(orderOf(dmy)).toBe('dmy');
    expect(orderOf(profileDates(['03/14/2025', '04/03/2025'], today))).toBe('mdy');
    expect(orderOf(profileDates(['03/04/2025', '05/06/2025'], today))).toBeNull();
    expect(profileDates(['1989', '1990', '1991'], today).precision).toBe('year');
  });
});
