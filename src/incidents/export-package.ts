/**
 * An export sealed in a ZIP with AES-256 (WinZip AE-2, opened by 7-Zip and most archive tools) under the
 * exporter's passphrase, with a README saying what it holds and how to handle it. The same options as a
 * plain export (labels, language, rows per violation). The passphrase is used here and nowhere else: never
 * stored, logged or audited.
 */
import { PassThrough, Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { configure, TextReader, ZipWriter } from '@zip.js/zip.js';
import type { AppContext } from '../platform/context.ts';
import type { Actor } from '../policy/policy.ts';
import type { IncidentExportQuery } from '../shared/export.ts';
import { exportIncidents, VIOLATION_ROWS_NOTE, type ExportResult } from './export.ts';

const LANGUAGE_NAMES = { en: 'English', fr: 'French', ar: 'Arabic' } as const;

/** What the README says about the file: its content, how it reads, and how to handle it. */
export function packageReadme(q: IncidentExportQuery, inner: Pick<ExportResult, 'fileName' | 'records' | 'rows'>, now = new Date()): string {
  const rows = q.rows === 'violation' ? `${inner.rows} rows, one per violation, of ${inner.records} incidents` : `${inner.records} incidents`;
  const labels = q.labels === 'codes' ? 'codes'
    : q.labels === 'labels' ? `labels in ${LANGUAGE_NAMES[q.lang]} (columns ending in _label)`
      : `codes, each followed by its label in ${LANGUAGE_NAMES[q.lang]} (the column ending in _label)`;
  return [
    'Salama export package',
    `Created: ${now.toISOString()}`,
    `File: ${inner.fileName} (${rows}, ${q.format.toUpperCase()}${q.hxl ? ', with HXL hashtags' : ''})`,
    `Purpose: ${q.purpose === 'mara_working_group' ? 'sharing with the MARA working group: only records whose survivors consented to it' : "the organisation's own copy"}`,
    `Coded columns: ${labels}.`,
    ...(q.rows === 'violation' ? ['', VIOLATION_ROWS_NOTE] : []),
    '',
    'Linked duplicates: a row with counted = false is the same incident as the one named in linked_to, which is',
    'counted instead; leave such rows out of totals.',
    '',
    'This file holds restricted information about conflict-related sexual violence. Identifying fields',
    '(narratives, localities, coordinates, individual victims) are never exported. Keep it encrypted, share the',
    'passphrase by another channel than the file, delete copies you no longer need, and use it only for the',
    'purpose above.',
    '',
    'To open: 7-Zip (Windows, Linux), Keka or The Unarchiver (macOS); the archive uses AES-256 encryption,',
    'which the archive tool built into Windows cannot open.',
  ].join('\r\n');
}

export async function exportPackage(ctx: AppContext, actor: Actor, q: IncidentExportQuery, passphrase: string, ip: string | null): Promise<ExportResult> {
  const inner = await exportIncidents(ctx, actor, q, ip, { packaged: true });
  configure({ useWebWorkers: false });
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const zip = new ZipWriter(writable, { password: passphrase, encryptionStrength: 3, zipCrypto: false });
  void (async () => {
    // Through a byte stream: the CSV and JSON generators yield strings, which zip.js must receive as bytes.
    await zip.add(inner.fileName, Readable.toWeb(inner.stream.pipe(new PassThrough())) as ReadableStream<Uint8Array>);
    await zip.add('README.txt', new TextReader(packageReadme(q, inner)));
    await zip.close();
  })().catch(async (e: unknown) => { await writable.abort(e).catch(() => undefined); });
  return { stream: Readable.fromWeb(readable as NodeReadableStream<Uint8Array>), records: inner.records, rows: inner.rows, fileName: inner.fileName.replace(/\.\w+$/, '.zip'), contentType: 'application/zip' };
}
