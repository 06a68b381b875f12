/**
 * The language a request is answered in: the web app sends the user's chosen language as Accept-Language;
 * other clients get their first supported preference (by quality), else English.
 */
import { LABEL_LANGUAGES, type LabelLanguage } from '../../shared/labels.ts';

const isLanguage = (s: string): s is LabelLanguage => (LABEL_LANGUAGES as readonly string[]).includes(s);

export function requestLanguage(header: string | string[] | undefined): LabelLanguage {
  const value = Array.isArray(header) ? header.join(',') : header ?? '';
  const ranked = value.split(',').map((part, order) => {
    const [tag = '', ...rest] = part.trim().split(';');
    const q = rest.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
    return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), order };
  }).filter((x) => x.q > 0 && isLanguage(x.lang)).sort((a, b) => b.q - a.q || a.order - b.order);
  const first = ranked[0]?.lang;
  return first !== undefined && isLanguage(first) ? first : 'en';
}
