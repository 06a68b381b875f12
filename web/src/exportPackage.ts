// Why: the encrypted export package, outside the panel that asks for it. The passphrase goes into a POST body
// and nowhere else (no URL, no storage, no log); the answer is an AES-256 ZIP, saved through a short-lived
// object URL so the browser's own download handling takes over.
import type { z } from 'zod';
import { PASSPHRASE_MIN_LENGTH, type IncidentExportPackage } from '../../src/shared/export.ts';
import { exportQuery, type ExportOptions, type ListFilters } from './listQuery.ts';

/** The server's rule (src/shared/export.ts); checked here as the user types, so the form can say so at once. */
export const PASSPHRASE_MIN = PASSPHRASE_MIN_LENGTH;
const GENERATED_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * A passphrase that cannot be guessed: six groups of five letters and digits from 32 (no look-alikes), 150 bits,
 * from the browser's cryptographic random source (rejection sampling keeps every character equally likely).
 */
export function generatePassphrase(): string {
  const out: string[] = [];
  while (out.length < 30) {
    for (const b of crypto.getRandomValues(new Uint8Array(32))) {
      if (b < 256 - (256 % GENERATED_ALPHABET.length) && out.length < 30) out.push(GENERATED_ALPHABET[b % GENERATED_ALPHABET.length]!);
    }
  }
  return Array.from({ length: 6 }, (_, i) => out.slice(i * 5, i * 5 + 5).join('')).join('-');
}
export const PASSPHRASE_MAX = 200;

export type PassphraseProblem = 'missing' | 'tooShort' | 'tooLong';
export type ConfirmProblem = 'missing' | 'mismatch';

export function passphraseProblem(passphrase: string): PassphraseProblem | null {
  if (passphrase.length === 0) return 'missing';
  if (passphrase.length < PASSPHRASE_MIN) return 'tooShort';
  return passphrase.length > PASSPHRASE_MAX ? 'tooLong' : null;
}

export function confirmProblem(passphrase: string, confirm: string): ConfirmProblem | null {
  if (confirm.length === 0) return 'missing';
  return confirm === passphrase ? null : 'mismatch';
}

/** The package request: the same filters and options as the plain download (filters as the query spells them). */
export function packageBody(filters: ListFilters, options: ExportOptions, passphrase: string): z.input<typeof IncidentExportPackage> {
  const query = Object.fromEntries(exportQuery(filters, options));
  return { ...query, format: options.format, purpose: options.purpose, hxl: options.hxl, labels: options.labels, lang: options.lang, rows: options.rows, passphrase };
}

/** Hands a received file to the browser's download handling, then lets the object URL go. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on a later task: revoking at once can cancel the download before the browser has read the Blob.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
