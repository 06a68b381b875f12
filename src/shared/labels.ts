/**
 * Labels of the core taxonomy's codes and names of the mission countries, in English, French and Arabic
 * (./labels/{en,fr,ar}.json). The one copy: the web app merges these files into its translations (so screens
 * call t('taxonomy.forms.rape')), and the server reads them for exports people can read. No Node imports: the
 * web bundle imports this file.
 */
import en from './labels/en.json' with { type: 'json' };
import fr from './labels/fr.json' with { type: 'json' };
import ar from './labels/ar.json' with { type: 'json' };
import isoCodes from 'i18n-iso-countries/codes.json' with { type: 'json' };

export const LABEL_LANGUAGES = ['en', 'fr', 'ar'] as const;
export type LabelLanguage = (typeof LABEL_LANGUAGES)[number];

export type CodeLabels = typeof en;
/** Typed by assignment (not a cast): a code missing from the French or Arabic file fails the type check. */
export const CODE_LABELS: { readonly [L in LabelLanguage]: CodeLabels } = { en, fr, ar };

/** The lists with labels: `taxonomy.<list>.<code>` in the files. */
export type TaxonomyList = keyof CodeLabels['taxonomy'];

/** The label of a core code in the language, or null when the code is not one of the list's (an `x_` code). */
export function codeLabel(lang: LabelLanguage, list: TaxonomyList, code: string): string | null {
  const labels: Readonly<Record<string, string>> = CODE_LABELS[lang].taxonomy[list];
  // Own properties only: a code such as "constructor" must not find Object's.
  return Object.hasOwn(labels, code) ? labels[code]! : null;
}

/** ISO 3166 alpha-3 -> alpha-2 (the code list only), for the platform's own country names. */
const ALPHA2 = new Map((isoCodes as [string, string, string, string][]).map(([a2, a3]) => [a3, a2]));

/**
 * A country's name: ours for the mission countries (reviewed wording), else the platform's (any ISO country,
 * from the browser or Node's ICU data), else the code as stored.
 */
export function countryName(lang: LabelLanguage, iso3: string): string {
  const named: Readonly<Record<string, string>> = CODE_LABELS[lang].countries;
  if (Object.hasOwn(named, iso3)) return named[iso3]!;
  const alpha2 = ALPHA2.get(iso3);
  try {
    return (alpha2 && new Intl.DisplayNames([lang], { type: 'region' }).of(alpha2)) || iso3;
  } catch {
    return iso3;
  }
}
