/**
 * The names of the state armed forces of the mission countries, in English, French and Arabic, as the forces
 * and the United Nations write them. UCDP and SVAC name these parties "Government of X" (the side of a
 * conflict), which a monitor never writes; these names are what they do write. Other states' forces are
 * named "State forces of X" (reference.ts). Libya is left out: which forces are the state's is contested.
 */
export interface StateForcesNames { short: string; en: string; fr: string; ar: string }

export const STATE_FORCES: Readonly<Record<string, StateForcesNames>> = {
  COD: {
    short: 'FARDC',
    en: 'Armed Forces of the Democratic Republic of the Congo',
    fr: 'Forces armées de la République démocratique du Congo',
    ar: 'القوات المسلحة لجمهورية الكونغو الديمقراطية',
  },
  CAF: {
    short: 'FACA',
    en: 'Central African Armed Forces',
    fr: 'Forces armées centrafricaines',
    ar: 'القوات المسلحة لجمهورية أفريقيا الوسطى',
  },
  MLI: { short: 'FAMa', en: 'Malian Armed Forces', fr: 'Forces armées maliennes', ar: 'القوات المسلحة المالية' },
  SDN: { short: 'SAF', en: 'Sudanese Armed Forces', fr: 'Forces armées soudanaises', ar: 'القوات المسلحة السودانية' },
  SSD: {
    short: 'SSPDF',
    en: "South Sudan People's Defence Forces",
    fr: 'Forces de défense du peuple sud-soudanais',
    ar: 'قوات دفاع شعب جنوب السودان',
  },
  SOM: { short: 'SNA', en: 'Somali National Army', fr: 'Armée nationale somalienne', ar: 'الجيش الوطني الصومالي' },
  IRQ: { short: 'ISF', en: 'Iraqi Security Forces', fr: 'Forces de sécurité irakiennes', ar: 'قوات الأمن العراقية' },
};

/** "State forces of X" where a state's forces have no name of their own here, in the three languages. */
export const GENERIC_STATE_FORCES = {
  en: (country: string) => `State forces of ${country}`,
  fr: (country: string) => `Forces de l’État (${country})`,
  ar: (country: string) => `قوات الدولة (${country})`,
} as const;
