// Why: shared display helpers (dates, countries, places, taxonomy labels) so every screen words things alike.
import type { TFunction } from 'i18next';
import type {
  ConsentScope, DISPLACEMENT_STAGES, LOCATION_PRECISIONS, NotVerifiedReason, Role, SvForm, TIMES_OF_DAY, VerificationStatus, VictimCategory,
} from '../../src/shared/taxonomy.ts';
import type {
  AgeGroup, DisplacementStatus, PerpetratorCategory, ReferralStatus, Sex, SourceConnection, SourceReliability,
} from './formRows.ts';
import { currentLanguage, type Language } from './i18n/index.ts';
import { countryName as sharedCountryName } from '../../src/shared/labels.ts';
import { SERVICES, SETTINGS, SOURCE_TYPES, VICTIM_CATEGORIES } from '../../src/shared/taxonomy.ts';
import type { AreaNames } from './places.ts';

type Precision = (typeof LOCATION_PRECISIONS)[number];

export const formLabel = (t: TFunction, f: SvForm): string => t(`taxonomy.forms.${f}`);
export const statusLabel = (t: TFunction, s: VerificationStatus): string => t(`taxonomy.statuses.${s}`);
export const reasonLabel = (t: TFunction, r: NotVerifiedReason): string => t(`taxonomy.reasons.${r}`);
export const precisionLabel = (t: TFunction, p: Precision): string => t(`taxonomy.precisions.${p}`);
export const victimLabel = (t: TFunction, c: VictimCategory): string => t(`taxonomy.victims.${c}`);
export const roleLabel = (t: TFunction, r: Role): string => t(`roles.${r}`);
export const consentLabel = (t: TFunction, c: ConsentScope): string => t(`taxonomy.consentScopes.${c}`);
/**
 * The label of an organisation's own value (x_...) in the reader's language, or undefined while the values
 * load or for a code the organisation does not have (see lookups.ts: useListLabels).
 */
export type OwnLabel = (code: string) => string | undefined;
/** Extensible lists: a core code by its translation; an organisation's own code (x_...) by its label, or as it is until its labels load. */
export const settingLabel = (t: TFunction, s: string, own?: OwnLabel): string => ((SETTINGS as readonly string[]).includes(s) ? t(`taxonomy.settings.${s as (typeof SETTINGS)[number]}`) : own?.(s) ?? s);
export const timeOfDayLabel = (t: TFunction, s: (typeof TIMES_OF_DAY)[number]): string => t(`taxonomy.timesOfDay.${s}`);
export const displacementLabel = (t: TFunction, s: (typeof DISPLACEMENT_STAGES)[number]): string => t(`taxonomy.displacementStages.${s}`);
export const sexLabel = (t: TFunction, s: Sex): string => t(`taxonomy.sexes.${s}`);
export const ageGroupLabel = (t: TFunction, a: AgeGroup): string => t(`taxonomy.ageGroups.${a}`);
export const displacementStatusLabel = (t: TFunction, s: DisplacementStatus): string => t(`taxonomy.displacementStatuses.${s}`);
export const perpetratorCategoryLabel = (t: TFunction, c: PerpetratorCategory): string => t(`taxonomy.perpetratorCategories.${c}`);
export const sourceTypeLabel = (t: TFunction, s: string, own?: OwnLabel): string => ((SOURCE_TYPES as readonly string[]).includes(s) ? t(`taxonomy.sourceTypes.${s as (typeof SOURCE_TYPES)[number]}`) : own?.(s) ?? s);
export const reliabilityLabel = (t: TFunction, r: SourceReliability): string => t(`taxonomy.sourceReliability.${r}`);
export const connectionLabel = (t: TFunction, c: SourceConnection): string => t(`taxonomy.sourceConnections.${c}`);
export const serviceLabel = (t: TFunction, s: string, own?: OwnLabel): string => ((SERVICES as readonly string[]).includes(s) ? t(`taxonomy.services.${s as (typeof SERVICES)[number]}`) : own?.(s) ?? s);
export const referralStatusLabel = (t: TFunction, s: ReferralStatus): string => t(`taxonomy.referralStatuses.${s}`);

/**
 * A country's name in the reader's language: the same rule as the server's exports (src/shared/labels.ts).
 * `t` stays in the signature like every label here: callers hold it from useTranslation, which re-renders
 * them when the language changes.
 */
export const countryName = (_t: TFunction, iso3: string): string => sharedCountryName(currentLanguage(), iso3);

/** "Country – Region", with the region in the reader's language (names from places.ts: useAreaNames). */
export function placeLabel(t: TFunction, names: AreaNames, place: { country: string; admin1: string | null }): string {
  const admin1 = names(place.admin1);
  return admin1 ? `${countryName(t, place.country)} – ${admin1}` : countryName(t, place.country);
}

/** "Rape, Sexual torture" with the separator of the reader's language (Arabic uses "،"). */
export function list(items: string[], lang: Language): string {
  return items.join(lang === 'ar' ? '، ' : ', ');
}

/**
 * The one form of a date on every screen: day, month in words, year ("9 May 2020", "9 mai 2020", "9 مايو 2020"),
 * in the reader's language with Latin digits; English day first (UN style), never the month-first US order.
 */
const dateLocale = (lang: Language) => (lang === 'ar' ? 'ar-u-nu-latn' : lang === 'en' ? 'en-GB' : lang);
const DAY_FORMAT: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

/** A calendar date as stored (YYYY-MM-DD) in the one form; anything else is shown as it is. */
export function formatDate(iso: string, lang: Language = currentLanguage()): string {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(iso)) return iso;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(dateLocale(lang), { ...DAY_FORMAT, timeZone: 'UTC' }).format(d);
}

/** A month as the server sends it (YYYY-MM) in the reader's language ("May 2020", "mai 2020", "مايو 2020"). */
export function formatMonth(ym: string, lang: Language = currentLanguage()): string {
  if (!/^\d{4}-\d{2}$/u.test(ym)) return ym;
  const d = new Date(`${ym}-01T00:00:00Z`);
  return new Intl.DateTimeFormat(dateLocale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** An incident's dates: one day, or a range with "–" ("9 – 12 May 2020" stays two full dates for clarity). */
export function dateRange(from: string, to: string | null, lang: Language = currentLanguage()): string {
  return to && to !== from ? `${formatDate(from, lang)} – ${formatDate(to, lang)}` : formatDate(from, lang);
}

/** Server timestamps: the same date form, then the time of day ("9 May 2020, 10:42"). */
export function timestamp(iso: string | null, lang: Language): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(dateLocale(lang), { ...DAY_FORMAT, hour: 'numeric', minute: '2-digit' }).format(d);
}

/** A server timestamp as a day only ("12 June 2025"), for notices where the time of day does not matter. */
export function day(iso: string, lang: Language): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(dateLocale(lang), DAY_FORMAT).format(d);
}

/**
 * A tally in words with each language's plural forms ("1 woman, 2 girls"; Arabic has six forms), counting only
 * the categories with someone in them; "no victims counted" when empty.
 */
export function tallyWords(t: TFunction, tally: Record<VictimCategory, number>, lang: Language = currentLanguage()): string {
  const parts = VICTIM_CATEGORIES.filter((c) => tally[c] > 0).map((c) => t(`words.tally.${c}`, { count: tally[c] }));
  return parts.length ? list(parts, lang) : t('words.tally.none');
}

/** A label inside a sentence: lower case first in English and French ("same form: sexual slavery"), unless it is an acronym. */
export function inSentence(label: string, lang: Language = currentLanguage()): string {
  if (lang === 'ar' || label.length < 2 || label.charAt(1) !== label.charAt(1).toLowerCase()) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** A time of day ("10:42") in the reader's language, with Latin digits. */
export function clock(d: Date, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-u-nu-latn' : lang, { hour: 'numeric', minute: '2-digit' }).format(d);
}
