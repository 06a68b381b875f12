// Why: the reports' words, added to the translations when a report screen's chunk loads, so the first download
// of the app does not carry them (as the dashboard's words: ./dashboard.ts). Imported (for its effect) by
// web/src/reports.ts, which every report screen imports.
import i18n from './index.ts';
import en from './reports/en.json' with { type: 'json' };
import fr from './reports/fr.json' with { type: 'json' };
import ar from './reports/ar.json' with { type: 'json' };

// Typed by assignment: a key missing from the French or Arabic file fails the type check.
const WORDS: Record<'en' | 'fr' | 'ar', typeof en> = { en, fr, ar };
for (const [lng, words] of Object.entries(WORDS)) i18n.addResourceBundle(lng, 'translation', words, true, false);
