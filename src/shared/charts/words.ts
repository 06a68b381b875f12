/**
 * The words of figures in English, French or Arabic, from the shared label files (labels/figures-*.json, and the
 * taxonomy's labels/*.json): names of codes and dimensions, the counting rule in words, a few fixed words. The web app and the
 * server build the same ChartWords here; each hands in what only it knows (area names as loaded, the parties'
 * names of the answer, an organisation's own list values). No Node imports.
 */
import { codeLabel, countryName, type LabelLanguage, type TaxonomyList } from '../labels.ts';
import en from '../labels/figures-en.json' with { type: 'json' };
import fr from '../labels/figures-fr.json' with { type: 'json' };
import ar from '../labels/figures-ar.json' with { type: 'json' };
import { NOT_KNOWN, PARTY_PSEUDO_CODES, TOTAL_CODE, type CountingChoice } from '../stats.ts';
import type { ChartText, ChartWords, FigureDimension } from './figure.ts';

export interface WordSources {
  /** An area code's name (admin 1 or 2), or null when not known. */
  area?: (code: string) => string | null;
  /** A party's name by id (the answer's `parties`). */
  party?: (id: string) => string | undefined;
  /** An organisation's own list value (an `x_` setting), when the core list has no label. */
  own?: (dimension: FigureDimension, code: string) => string | undefined;
}

/** Typed by assignment: a word missing from the French or Arabic file fails the type check. */
const FIGURE_WORDS: Record<LabelLanguage, typeof en> = { en, fr, ar };

const LISTS: Partial<Record<FigureDimension, TaxonomyList>> = {
  form: 'forms', victimCategory: 'victims', status: 'statuses', setting: 'settings', partyCategory: 'perpetratorCategories',
};

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));

/** A period code in words: `2024`, `2024-Q1` (the language's quarter form), `2024-03` (month and year, Latin digits). */
export function periodLabel(lang: LabelLanguage, code: string): string {
  const figures = FIGURE_WORDS[lang];
  const quarter = /^(\d{4})-Q([1-4])$/.exec(code);
  if (quarter) return fill(figures.period.quarter, { year: quarter[1]!, quarter: quarter[2]! });
  const month = /^(\d{4})-(\d{2})$/.exec(code);
  if (month) {
    return new Intl.DateTimeFormat(lang, { month: 'short', year: 'numeric', numberingSystem: 'latn', timeZone: 'UTC' })
      .format(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
  }
  return code;
}

export function chartWords(lang: LabelLanguage, sources: WordSources = {}): ChartWords {
  const figures = FIGURE_WORDS[lang];
  const pseudo: Readonly<Record<string, string>> = figures.parties;
  const label = (dimension: FigureDimension, code: string): string => {
    if (code === TOTAL_CODE) return figures.words.total;
    if (code === NOT_KNOWN) return figures.notKnown;
    const list = LISTS[dimension];
    if (list) return codeLabel(lang, list, code) ?? sources.own?.(dimension, code) ?? code;
    switch (dimension) {
      case 'period': return periodLabel(lang, code);
      case 'country': return countryName(lang, code);
      case 'admin1': case 'admin2': return sources.area?.(code) ?? code;
      case 'area': {
        const [country, area] = code.split('/');
        return area ? sources.area?.(area) ?? area : countryName(lang, country!);
      }
      case 'party': return (PARTY_PSEUDO_CODES as readonly string[]).includes(code) ? pseudo[code]! : sources.party?.(code) ?? code;
      case 'form': case 'victimCategory': case 'status': case 'setting': case 'partyCategory': case 'sourceOrg': return code;
    }
  };
  return {
    label,
    dimension: (d) => figures.dimensions[d],
    text: (key: ChartText) => figures.words[key],
    rtl: lang === 'ar',
  };
}

/** The counting rule in words: "violations, verified only, by date of occurrence". */
export function ruleWords(lang: LabelLanguage, rule: CountingChoice): string {
  const r = FIGURE_WORDS[lang].rule;
  return [r.unit[rule.unit], r.records[rule.records], r.date[rule.date], ...(rule.track === 'sea' ? [r.track.sea] : []), ...(rule.rollup ? [r.rollup] : [])]
    .join(r.separator);
}
