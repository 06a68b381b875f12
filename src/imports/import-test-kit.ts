/**
 * Files shaped like the real ones monitors import (written here, synthetic: no real event or person), and
 * the calls the import tests share. Not a test file itself: vitest collects only *.test.ts.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { expect } from 'vitest';
import { until } from '../../test/helpers/jobs.ts';
import type { Client } from '../../test/helpers/http.ts';
import type { ImportDetail, ImportMappingInput } from '../shared/import.ts';

export async function upload(c: Client, file: Buffer, name: string, type = 'text/csv') {
  return c.request<ImportDetail>('POST', `/api/imports?name=${encodeURIComponent(name)}`, file, { 'content-type': type });
}

export async function run(c: Client, id: string, mapping: ImportMappingInput, dryRun: boolean, onChanged: 'leave' | 'update' = 'leave') {
  const started = await c.post(`/api/imports/${id}/run`, { mapping, dryRun, onChanged });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return until(async () => (await c.get<ImportDetail>(`/api/imports/${id}`)).body, (d) => ['checked', 'done', 'failed'].includes(d.state));
}

const csvLine = (cells: (string | number)[]) => cells.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',');

/**
 * A weekly conflict-event export: one row per event, `9-May-20` dates beside a `year` column, actor columns,
 * admin 1 and 2 names, coordinates with their precision, free-text notes; most rows are other kinds of events.
 * Returns the file and an independent count of its sexual-violence rows by country and by actor.
 */
export function eventExport() {
  const header = ['event_id_cnty', 'event_date', 'year', 'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'country', 'admin1', 'admin2', 'location', 'latitude', 'longitude', 'geo_precision', 'source', 'notes', 'fatalities'];
  const rows: (string | number)[][] = [];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const places = [
    ['Democratic Republic of Congo', 'Nord-Kivu', 'Rutshuru', 'COD'], ['Democratic Republic of Congo', 'Ituri', 'Djugu', 'COD'],
    ['Central African Republic', 'Ouham', 'Bossangoa', 'CAF'], ['South Sudan', 'Unity', 'Leer', 'SSD'],
  ] as const;
  const actors = ['Military Forces of the Democratic Republic of Congo (2019-)', 'M23: March 23 Movement', 'Unidentified Armed Group (Synthetic)'];
  const expected = { byCountry: {} as Record<string, number>, byActor: {} as Record<string, number> };
  for (let i = 0; i < 240; i++) {
    const [country, admin1, admin2, iso] = places[i % places.length]!;
    const sexual = i % 3 === 0;
    const actor = actors[i % actors.length]!;
    const day = 1 + (i % 28);
    const month = months[i % 12]!;
    rows.push([
      `SYN${1000 + i}`, `${day}-${month}-2${i % 2}`, `202${i % 2}`, 'Political violence', sexual ? 'Violence against civilians' : 'Battles', sexual ? 'Sexual violence' : 'Armed clash',
      actor, i % 5 === 0 ? 'Civilians (Synthetic)' : '', sexual ? 1 : 2, 'Civilians (International)', country, admin1, admin2, `Locality ${i % 7} (synthetic)`,
      -1.2 - (i % 10) / 10, 29.4 + (i % 10) / 10, 1 + (i % 3), 'Radio (synthetic)', `Synthetic note ${i}: ${i % 4 === 0 ? 'a woman and a girl' : 'several women'} (no real event).`, 0,
    ]);
    if (sexual) {
      expected.byCountry[iso] = (expected.byCountry[iso] ?? 0) + 1;
      expected.byActor[actor] = (expected.byActor[actor] ?? 0) + 1;
    }
  }
  return { file: Buffer.from(`${[header, ...rows].map(csvLine).join('\n')}\n`), expected, sexual: rows.filter((r) => r[5] === 'Sexual violence').length, total: rows.length };
}

/** An academic dataset saved from Excel in French: semicolons, Windows-1252, curly quotes, dashes, œ, €. */
export function academicCsv(encoding: 'windows-1252' | 'utf-8') {
  const text = [
    'identifiant;date_des_faits;pays;forme;auteur_presume;femmes;filles;recit',
    'A-1;14/03/2019;CAF;viol;Groupe « Alpha » – synthétique;2;0;Sœur d’une victime : récit synthétique, 5 € payés',
    'A-2;03/04/2019;CAF;viol;Groupe ‘Bêta’ — synthétique;1;1;Cœur du récit… synthétique',
    'A-3;25/12/2019;COD;esclavage sexuel;Milice “Gamma” (synthétique);inconnu;;Œuvre d’un groupe, récit synthétique',
  ].join('\r\n');
  return encoding === 'utf-8' ? Buffer.from(`${text}\r\n`) : iconv.encode(`${text}\r\n`, 'windows-1252');
}

/** A KoboToolbox XLSX export with two repeat groups (victims, perpetrators) on later sheets. */
export async function koboWithRepeats(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const main = wb.addWorksheet('Incident form');
  main.addRow(['start', 'incident/incident_date', 'incident/sv_form', 'place/country', 'victims/women', 'victims/girls', 'incident/abducted', '_uuid', '_index']);
  main.addRow([new Date('2025-06-01T00:00:00Z'), new Date('2025-05-30T00:00:00Z'), 'rape', 'CAF', 2, 1, 'Oui', 'k-1', 1]);
  main.addRow([new Date('2025-06-02T00:00:00Z'), new Date('2025-05-31T00:00:00Z'), 'rape sexual_slavery', 'CAF', 1, 0, 'Non', 'k-2', 2]);
  const victims = wb.addWorksheet('victims');
  victims.addRow(['victims/survivor_code', 'victims/sex', 'victims/age', '_index', '_parent_index']);
  victims.addRow(['S-101', 'female', 24, 1, 1]);
  victims.addRow(['S-102', 'female', 15, 2, 1]);
  victims.addRow(['S-201', 'female', 30, 3, 2]);
  const perps = wb.addWorksheet('perpetrators');
  perps.addRow(['perp/party', 'perp/category', 'perp/uniform', '_index', '_parent_index']);
  perps.addRow(['Armed group A (synthetic)', 'non_state_armed_group', 'no', 1, 1]);
  perps.addRow(['Armed group B (synthetic)', 'non_state_armed_group', 'yes', 2, 1]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
