// Why: sets up i18next with the three bundled languages, keeps <html lang/dir> in step with the chosen
// language and remembers only that choice in localStorage. Each language's words are a chunk of the app's own
// build (never fetched from elsewhere): the reader's language before the app first renders, English (the
// fallback) after it, so a French reader's first download carries neither the Arabic nor the English words. The taxonomy's labels and the
// mission countries' names are not in these files: they live once in src/shared/labels (the server's readable
// exports use them too) and are merged in here, so screens still say t('taxonomy.forms.rape'). So are the
// validation messages and field labels (src/shared/messages): the server words its answers from the same files.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CODE_LABELS } from '../../../src/shared/labels.ts';
import { MESSAGE_CATALOGUES } from '../../../src/shared/messages.ts';
import type enApp from './en.json';
// The dashboard's words load with the dashboard (./dashboard.ts), outside the first download; typed here.
import type DashboardWordsFile from './dashboard/en.json';
type DashboardWords = typeof DashboardWordsFile;
// So do the reports' words (./reports.ts).
import type ReportWordsFile from './reports/en.json';
type ReportWords = typeof ReportWordsFile;

type Words = typeof enApp & (typeof CODE_LABELS)['en'] & (typeof MESSAGE_CATALOGUES)['en'];

export const LANGUAGES = [
  { code: 'en', label: 'English', dir: 'ltr' },
  { code: 'fr', label: 'Français', dir: 'ltr' },
  { code: 'ar', label: 'العربية', dir: 'rtl' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Words & DashboardWords & ReportWords };
  }
}

const STORAGE_KEY = 'salama.language';

const isLanguage = (v: string | null | undefined): v is Language => LANGUAGES.some((l) => l.code === v);

function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be disabled; fall back to the browser language.
  }
  const browser = navigator.language.slice(0, 2);
  return isLanguage(browser) ? browser : 'en';
}

/** The language in use, narrowed to the ones we ship. */
export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

function applyToDocument(lng: string): void {
  const lang = LANGUAGES.find((l) => l.code === lng) ?? LANGUAGES[0];
  document.documentElement.lang = lang.code;
  document.documentElement.dir = lang.dir;
}

const APP_WORDS: Record<Language, () => Promise<{ default: object }>> = {
  en: () => import('./en.json'),
  fr: () => import('./fr.json'),
  ar: () => import('./ar.json'),
};

/** Adds a language's words (the app's, the taxonomy's labels and the messages) unless they are there. */
export async function loadLanguage(lng: Language): Promise<void> {
  if (i18n.hasResourceBundle(lng, 'translation') && i18n.exists('app.loading', { lng, fallbackLng: false })) return;
  const app = (await APP_WORDS[lng]()).default;
  i18n.addResourceBundle(lng, 'translation', { ...app, ...CODE_LABELS[lng], ...MESSAGE_CATALOGUES[lng] }, true, false);
}

export function changeLanguage(lng: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembered; the choice still applies to this page.
  }
  void loadLanguage(lng).then(() => i18n.changeLanguage(lng));
}

i18n.on('languageChanged', applyToDocument);

const first = initialLanguage();
void i18n.use(initReactI18next).init({
  resources: {},
  partialBundledLanguages: true,
  lng: first,
  fallbackLng: 'en',
  supportedLngs: LANGUAGES.map((l) => l.code),
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  // Keep the console silent: nothing of ours (or a library's advertising) is written there.
  showSupportNotice: false,
});
applyToDocument(i18n.language);

/**
 * Resolves when the reader's words are there. Every language has every key (test/i18n-words.test.ts), so
 * English, the fallback, follows after the first screen instead of before it.
 */
export const languagesReady: Promise<void> = loadLanguage(first).then(async () => {
  // i18next settled on the fallback while the reader's words were missing: settle again now they are here.
  await i18n.changeLanguage(first);
});
void languagesReady.then(() => loadLanguage('en'));

export default i18n;
