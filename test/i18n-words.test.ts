/**
 * The web app's words: French and Arabic have every key English has (Arabic adds plural forms). The app loads
 * only the reader's language before its first screen (web/src/i18n/index.ts) and English, the fallback,
 * after it: a missing key would show as a key until then, so none may be missing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Tree = { [k: string]: string | Tree };
const keys = (t: Tree, prefix = ''): string[] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
const words = (file: string) => JSON.parse(readFileSync(new URL(`../web/src/i18n/${file}`, import.meta.url), 'utf8')) as Tree;
// A plural key stands for its base: English's "_one"/"_other" are Arabic's "_zero" to "_other".
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');

describe.each(['fr', 'ar'])('the %s words', (lng) => {
  it.each(['', 'dashboard/', 'reports/'])('have every key of English (%s)', (dir) => {
    const english = keys(words(`${dir}en.json`));
    const other = new Set(keys(words(`${dir}${lng}.json`)));
    const otherBases = new Set([...other].map(base));
    const missing = english.filter((k) => !other.has(k) && !(k !== base(k) && otherBases.has(base(k))));
    expect(missing).toEqual([]);
    expect(english.length).toBeGreaterThan(dir ? 20 : 1000);
  });
});
