/**
 * The web app's first download (part of `npm run bench`; alone: `npx tsx bench/web.ts`): builds the app into a
 * temporary folder with Vite's manifest, then adds up, gzipped (level 9) and with brotli as the server sends it:
 * - the initial JavaScript: the entry chunk and every chunk it imports statically, and the reader's language
 *   (loaded before the first screen), for English, French and Arabic readers, against the limit of 250 KB
 *   gzipped (issue 11);
 * - the landing dashboard on top of it (its page, ECharts and the dashboard's words), for reference.
 * Method and results: docs/PERFORMANCE.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

interface Chunk { file: string; imports?: string[]; isEntry?: boolean; src?: string }

const out = mkdtempSync(join(tmpdir(), 'salama-web-'));
try {
  execFileSync('npx', ['vite', 'build', '--manifest', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], { stdio: 'inherit' });
  const manifest = JSON.parse(readFileSync(join(out, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const k of manifest[key]?.imports ?? []) closure(k, seen);
    return seen;
  };
  const size = (keys: Iterable<string>) => {
    let gz = 0;
    let br = 0;
    for (const k of keys) {
      const bytes = readFileSync(join(out, manifest[k]!.file));
      gz += gzipSync(bytes, { level: 9 }).length;
      br += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    }
    return { gz: gz / 1024, br: br / 1024 };
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const initial = closure(entry);
  let failed = 0;
  console.log(`\nSalama web app, first download (node ${process.version})`);
  for (const lng of ['en', 'fr', 'ar']) {
    const s = size([...initial, `src/i18n/${lng}.json`]);
    const ok = s.gz <= 250;
    if (!ok) failed++;
    console.log(`${ok ? 'PASS' : 'FAIL'}  initial JavaScript, ${lng} reader`.padEnd(50), `${s.gz.toFixed(1).padStart(7)} KB gzip (${s.br.toFixed(1)} KB brotli)  limit <= 250 KB gzip`);
  }
  const dashboard = closure('src/pages/DashboardPage.tsx', new Set(initial));
  const s = size([...dashboard, 'src/i18n/en.json', ...Object.keys(manifest).filter((k) => k.startsWith('src/i18n/dashboard/en'))]);
  console.log('      the dashboard opened first, en reader'.padEnd(50), `${s.gz.toFixed(1).padStart(7)} KB gzip (${s.br.toFixed(1)} KB brotli)  (reference)`);
  process.exitCode = failed ? 1 : 0;
} finally {
  rmSync(out, { recursive: true, force: true });
}
