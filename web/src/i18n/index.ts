// Why: sets up i18next with the three bundled languages (no network loading), keeps <html lang/dir> in step
// with the chosen language and remembers only that choice in localStorage. The taxonomy's labels and the
// mission countries' names are not in these files: they live once in src/shared/labels (the server's readable
// exports use them too) and are merged in here, so screens still say t('taxonomy.forms.rape'). So are the
// validation messages and field labels (src/shared/messages): the server words its answers from the same files.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CODE_LABELS } from '../../../src/shared/labels.ts';
import { MESSAGE_CATALOGUES } from '../../../src/shared/messages.ts';
import enApp from './en.json' with { type: 'json' };
import frApp from './fr.json' with { type: 'json' };
import arApp from './ar.json' with { type: 'json' };
// The dashboard's words load with the dashboard (./dashboard.ts), outside the first download; typed here.
import type DashboardWordsFile from './dashboard/en.json';
type DashboardWords = typeof DashboardWordsFile;

const en = { ...enApp, ...CODE_LABELS.en, ...MESSAGE_CATALOGUES.en };
const fr = { ...frApp, ...CODE_LABELS.fr, ...MESSAGE_CATALOGUES.fr };
const ar = { ...arApp, ...CODE_LABELS.ar, ...MESSAGE_CATALOGUES.ar };

export const LANGUAGES = [
  { code: 'en', label: 'English', dir: 'ltr' },
  { code: 'fr', label: 'Français', dir: 'ltr' },
  { code: 'ar', label: 'العربية', dir: 'rtl' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en & DashboardWords };
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

export function changeLanguage(lng: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembered; the choice still applies to this page.
  }
  void i18n.changeLanguage(lng);
}

i18n.on('languageChanged', applyToDocument);

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: LANGUAGES.map((l) => l.code),
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  // Keep the console silent: nothing of ours (or a library's advertising) is written there.
  showSupportNotice: false,
});
applyToDocument(i18n.language);

export default i18n;
