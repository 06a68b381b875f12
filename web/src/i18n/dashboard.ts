// Why: the dashboard's and the map's words, added to the translations when the dashboard's chunk loads, so the
// first download of the app does not carry them. Imported (for its effect) by the dashboard's modules.
import i18n from './index.ts';
import en from './dashboard/en.json' with { type: 'json' };
import fr from './dashboard/fr.json' with { type: 'json' };
import ar from './dashboard/ar.json' with { type: 'json' };

// Typed by assignment: a key missing from the French or Arabic file fails the type check.
const WORDS: Record<'en' | 'fr' | 'ar', typeof en> = { en, fr, ar };
for (const [lng, words] of Object.entries(WORDS)) i18n.addResourceBundle(lng, 'translation', words, true, false);
