// Why: a duplicate's evidence in words, in the reader's language, with the labels of the values compared
// ("same form: sexual slavery", "1 day apart", "different districts: Ouham / Ouaka"), never raw codes. The
// server sends what it found as a code with the values (src/shared/duplicates.ts: EVIDENCE_CODES).
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { Evidence as EvidenceSchema } from '../../src/shared/duplicates.ts';
import { SV_FORMS, TIMES_OF_DAY, VICTIM_CATEGORIES, type SvForm, type VictimCategory } from '../../src/shared/taxonomy.ts';
import { countryName, formLabel, inSentence, list, tallyWords, timeOfDayLabel } from './format.ts';
import type { Language } from './i18n/index.ts';
import type { AreaNames } from './places.ts';

type Evidence = z.infer<typeof EvidenceSchema>[number];

/** How to name what the values are: areas by the places lists, settings with the organisation's own values. */
export interface EvidenceNames { areas: AreaNames; setting: (code: string) => string; lang: Language }

const isForm = (s: string): s is SvForm => SV_FORMS.some((f) => f === s);
const isTime = (s: string): s is (typeof TIMES_OF_DAY)[number] => TIMES_OF_DAY.some((x) => x === s);

/** "1/2/0/0/0" (women/girls/men/boys/unknown, as the scorer writes a tally) as a tally. */
function tallyOf(key: string): Record<VictimCategory, number> | null {
  const n = key.split('/').map(Number);
  if (n.length !== VICTIM_CATEGORIES.length || n.some((x) => !Number.isInteger(x) || x < 0)) return null;
  return Object.fromEntries(VICTIM_CATEGORIES.map((c, i) => [c, n[i]!])) as Record<VictimCategory, number>;
}

/** One compared value of a field, in words. */
function valueWords(t: TFunction, field: string, code: string, value: string, names: EvidenceNames): string {
  if (value === '') return t('words.evidence.unknownValue');
  switch (field) {
    case 'forms': return list(value.split('+').map((f) => (isForm(f) ? inSentence(formLabel(t, f), names.lang) : f)), names.lang);
    case 'victims': { const tally = tallyOf(value); return tally ? tallyWords(t, tally, names.lang) : value; }
    case 'place': return code === 'different_countries' ? countryName(t, value) : names.areas(value) ?? value;
    case 'setting': return inSentence(names.setting(value), names.lang);
    case 'timeOfDay': return isTime(value) ? inSentence(timeOfDayLabel(t, value), names.lang) : value;
    default: return value;
  }
}

/** The finding in words; evidence scored before codes existed keeps its English note (null: show it as such). */
export function evidenceWords(t: TFunction, e: Evidence, names: EvidenceNames): string | null {
  if (!e.code) return null;
  const params = e.params ?? {};
  const word = (k: 'a' | 'b') => (params[k] === undefined ? '' : valueWords(t, e.field, e.code!, String(params[k]), names));
  if (e.code === 'days_apart') return t('words.evidence.days_apart', { count: Number(params.count ?? 0) });
  if (e.code.startsWith('coordinates_')) return t(`words.evidence.${e.code}`, { km: Number(params.km ?? 0), to: Number(params.to ?? 0) });
  return t(`words.evidence.${e.code}`, { a: word('a'), b: word('b') });
}
