/**
 * The counting rule of a figure in plain words, in English, French and Arabic ("violations, verified only,
 * by date of occurrence"): shown beside every figure in the app and written into every export and report.
 * No Node imports: the web bundle imports this file.
 */
import type { LabelLanguage } from './labels.ts';
import type { CountingChoice } from './stats.ts';

type Words = {
  unit: Record<CountingChoice['unit'], string>;
  records: Record<CountingChoice['records'], string>;
  date: Record<CountingChoice['date'], string>;
  sea: string;
  rollup: string;
};

const WORDS: Record<LabelLanguage, Words> = {
  en: {
    unit: { incidents: 'incidents', violations: 'violations', victims: 'victims' },
    records: { reported: 'all reported', verified: 'verified only' },
    date: { occurred: 'by date of occurrence', recorded: 'by date recorded', decided: 'by date of decision' },
    sea: 'sexual exploitation and abuse by UN or humanitarian personnel (separate track)',
    rollup: 'units counted under their party',
  },
  fr: {
    unit: { incidents: 'incidents', violations: 'violations', victims: 'victimes' },
    records: { reported: 'tous les cas signalés', verified: 'vérifiés seulement' },
    date: { occurred: 'par date des faits', recorded: 'par date d’enregistrement', decided: 'par date de décision' },
    sea: 'exploitation et atteintes sexuelles par du personnel de l’ONU ou humanitaire (volet distinct)',
    rollup: 'unités comptées avec leur partie',
  },
  ar: {
    unit: { incidents: 'الحوادث', violations: 'الانتهاكات', victims: 'الضحايا' },
    records: { reported: 'كل ما أُبلغ عنه', verified: 'المتحقق منها فقط' },
    date: { occurred: 'حسب تاريخ الوقوع', recorded: 'حسب تاريخ التسجيل', decided: 'حسب تاريخ القرار' },
    sea: 'الاستغلال والانتهاك الجنسيان من قبل موظفي الأمم المتحدة أو العاملين في المجال الإنساني (مسار منفصل)',
    rollup: 'الوحدات محسوبة ضمن أطرافها',
  },
};

export function describeRule(c: CountingChoice, lang: LabelLanguage): string {
  const w = WORDS[lang];
  const sep = lang === 'ar' ? '، ' : ', ';
  return [w.unit[c.unit], w.records[c.records], w.date[c.date], ...(c.track === 'sea' ? [w.sea] : []), ...(c.rollup ? [w.rollup] : [])].join(sep);
}
