/**
 * KoboToolbox repeat groups: an XLSX export puts each repeat group on a later sheet, one row per repetition,
 * joined to the main sheet by `_parent_index` (the main row's `_index`). The mapping says which sheet fills
 * which fields (victims or perpetrators of the row); each repetition becomes one entry of the record.
 */
import { AppError } from '../platform/http/errors.ts';
import type { Table } from './parse.ts';

export interface RepeatRows { sheet: string; headers: string[]; byParent: Map<string, { row: number; cells: string[] }[]> }

export function repeatRows(table: Table): RepeatRows {
  const parent = table.headers.indexOf('_parent_index');
  if (parent < 0) {
    throw new AppError(400, 'validation_failed', `repeats: the sheet "${table.sheet}" has no _parent_index column, so its rows cannot be joined to the main sheet`,
      [{ field: 'repeats', code: 'no_parent_index', params: { sheet: table.sheet ?? '' } }]);
  }
  const byParent = new Map<string, { row: number; cells: string[] }[]>();
  table.rows.forEach((cells, i) => {
    const key = (cells[parent] ?? '').trim();
    if (!key) return;
    const list = byParent.get(key) ?? [];
    list.push({ row: table.rowNumbers[i]!, cells });
    byParent.set(key, list);
  });
  return { sheet: table.sheet ?? '', headers: table.headers, byParent };
}
