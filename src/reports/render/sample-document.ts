/**
 * A realistic report document for the renderers' tests (PDF here, DOCX beside it): an excerpt of a quarterly
 * report on conflict-related sexual violence in the Central African Republic, in English, French or Arabic, with
 * a cover, headings, key figures, a table by prefecture (suppressed cells and a total row), a chart rendered by
 * the dashboard's own ECharts options, a list, and a narrative that tries every way of injecting markup.
 * Pure: the same language gives the same document.
 */
import { fromAnswer } from '../../shared/charts/figure.ts';
import { barsHeight, barsOption } from '../../shared/charts/options.ts';
import { ruleWords } from '../../shared/charts/words.ts';
import type { DocBlock, DocTableCell, ReportDocument, ReportLanguage } from '../../shared/report-document.ts';
import type { StatsAnswer } from '../../shared/stats.ts';
import { chartSvg, serverWords } from '../../stats/chart-svg.ts';

/** What the narrative must print exactly as written, in every format (each on a line of its own). */
export const INJECTION_LINES = [
  '#read("/etc/passwd")',
  '#import "/etc/passwd": *',
  '= Not a heading',
  '*not bold* _not italic_ $x^2$ @ref <label> `raw`',
  '// not a comment ] [ } { \\ backslash',
  '<script>alert(1)</script> &amp; ${1+1}',
] as const;

const WORDS = {
  en: {
    title: 'Quarterly report on conflict-related sexual violence',
    subtitle: 'Central African Republic, 1 January to 31 March 2025',
    meta: [['Organisation', 'Human Rights Division, MINUSCA'], ['Period', 'Q1 2025'], ['Version', '3'], ['Status', 'Draft'], ['Generated on', '9 April 2025, 14:02 UTC']],
    running: 'Restricted - version 3 - draft',
    summary: 'Summary',
    intro: 'This report covers the incidents of conflict-related sexual violence that the mission recorded during the quarter. Figures count violations by date of occurrence.',
    figures: [['Verified incidents', '47', '+12 on the previous quarter'], ['Victims', '47', 'of whom 15 children'], ['Parties named', '9', null], ['Prefectures', '12', null]],
    byArea: 'Incidents by prefecture',
    caption: 'Table 1. Violations by prefecture and victim group, Q1 2025',
    columns: ['Prefecture', 'Reported', 'Verified'],
    notes: ['"suppressed": a figure below 3, or one that would reveal it, is not published.', 'Source: Salama, snapshot of 9 April 2025.'],
    byForm: 'Violations by form',
    chartTitle: 'Verified violations by form, Q1 2025',
    narrativeTitle: 'Coordinator\'s assessment',
    narrative: 'Interviews in Bambari confirmed three incidents near the market.\nTwo survivors were referred to medical care.',
    second: 'Access to the north-east remained limited.',
    followUp: 'Follow-up',
    list: ['Share the verified incidents with the protection cluster.', 'Raise the listed parties\' commitments at the next dialogue.', 'Review the pending allegations from Haute-Kotto.'],
    note: 'Figures are provisional until the quarter is closed.',
    emptyTitle: 'Recommendations',
    empty: 'Nothing was written for this section.',
  },
  fr: {
    title: 'Rapport trimestriel sur les violences sexuelles liées aux conflits',
    subtitle: 'République centrafricaine, du 1er janvier au 31 mars 2025',
    meta: [['Organisation', 'Division des droits de l\'homme, MINUSCA'], ['Période', 'T1 2025'], ['Version', '3'], ['Statut', 'Projet'], ['Généré le', '9 avril 2025, 14 h 02 UTC']],
    running: 'Diffusion restreinte - version 3 - projet',
    summary: 'Résumé',
    intro: 'Ce rapport couvre les incidents de violences sexuelles liées aux conflits enregistrés par la mission pendant le trimestre. Les chiffres comptent les violations par date des faits.',
    figures: [['Incidents vérifiés', '47', '+12 par rapport au trimestre précédent'], ['Victimes', '47', 'dont 15 enfants'], ['Parties citées', '9', null], ['Préfectures', '12', null]],
    byArea: 'Incidents par préfecture',
    caption: 'Tableau 1. Violations par préfecture et groupe de victimes, T1 2025',
    columns: ['Préfecture', 'Signalées', 'Vérifiées'],
    notes: ['« masqué » : un chiffre inférieur à 3, ou qui permettrait de le retrouver, n\'est pas publié.', 'Source : Salama, instantané du 9 avril 2025.'],
    byForm: 'Violations par forme',
    chartTitle: 'Violations vérifiées par forme, T1 2025',
    narrativeTitle: 'Appréciation du coordonnateur',
    narrative: 'Des entretiens à Bambari ont confirmé trois incidents près du marché.\nDeux survivantes ont été orientées vers des soins médicaux.',
    second: 'L\'accès au nord-est est resté limité.',
    followUp: 'Suivi',
    list: ['Communiquer les incidents vérifiés au cluster protection.', 'Évoquer les engagements des parties listées au prochain dialogue.', 'Examiner les allégations en attente en Haute-Kotto.'],
    note: 'Les chiffres restent provisoires jusqu\'à la clôture du trimestre.',
    emptyTitle: 'Recommandations',
    empty: 'Rien n\'a été rédigé pour cette section.',
  },
  ar: {
    title: 'التقرير الفصلي عن العنف الجنسي المرتبط بالنزاعات',
    subtitle: 'جمهورية أفريقيا الوسطى، من 1 يناير إلى 31 مارس 2025',
    meta: [['المنظمة', 'شعبة حقوق الإنسان، مينوسكا'], ['الفترة', 'الربع الأول 2025'], ['الإصدار', '3'], ['الحالة', 'مسودة'], ['تاريخ الإنشاء', '9 أبريل 2025، 14:02 بالتوقيت العالمي']],
    running: 'مقيد - الإصدار 3 - مسودة',
    summary: 'ملخص',
    intro: 'يغطي هذا التقرير حوادث العنف الجنسي المرتبط بالنزاعات التي سجلتها البعثة خلال الربع. وتحصي الأرقام الانتهاكات حسب تاريخ وقوعها.',
    figures: [['الحوادث المتحقق منها', '47', '+12 مقارنة بالربع السابق'], ['الضحايا', '47', 'منهم 15 طفلا'], ['الأطراف المذكورة', '9', null], ['المحافظات', '12', null]],
    byArea: 'الحوادث حسب المحافظة',
    caption: 'الجدول 1. الانتهاكات حسب المحافظة وفئة الضحايا، الربع الأول 2025',
    columns: ['المحافظة', 'المبلغ عنها', 'المتحقق منها'],
    notes: ['«محجوب»: لا يُنشر رقم أقل من 3 ولا رقم يكشف عنه.', 'المصدر: سلامة، لقطة 9 أبريل 2025.'],
    byForm: 'الانتهاكات حسب الشكل',
    chartTitle: 'الانتهاكات المتحقق منها حسب الشكل، الربع الأول 2025',
    narrativeTitle: 'تقييم المنسق',
    narrative: 'أكدت المقابلات في بامباري ثلاث حوادث قرب السوق.\nوأُحيلت ناجيتان إلى الرعاية الطبية.',
    second: 'ظل الوصول إلى الشمال الشرقي محدودا.',
    followUp: 'المتابعة',
    list: ['مشاركة الحوادث المتحقق منها مع مجموعة الحماية.', 'إثارة التزامات الأطراف المدرجة في الحوار القادم.', 'مراجعة الادعاءات المعلقة في هوت-كوتو.'],
    note: 'تبقى الأرقام مؤقتة حتى إغلاق الربع.',
    emptyTitle: 'التوصيات',
    empty: 'لم يُكتب شيء لهذا القسم.',
  },
} as const;

/** Prefectures (area codes) with reported, verified, women, girls, men and boys; null = suppressed. */
const PREFECTURES: [string, ...(number | null)[]][] = [
  ['CF-UK', 18, 12, 7, 4, null, null],
  ['CF-HK', 15, 9, 5, 3, null, null],
  ['CF-BGF', 11, 6, 4, null, null, 0],
  ['CF-AC', 9, 5, 3, null, 0, null],
  ['CF-OP', 8, 4, 3, null, 0, 0],
  ['CF-NM', 7, 3, null, null, 0, 0],
  ['CF-MB', 6, 3, null, null, 0, 0],
  ['CF-BK', 5, null, null, 0, 0, 0],
  ['CF-HM', 4, null, 0, null, 0, 0],
  ['CF-KG', 3, null, null, 0, 0, 0],
  ['CF-LB', 3, 0, 0, 0, 0, 0],
  ['CF-VK', 2, null, null, 0, 0, 0],
];
const TOTALS = [91, 47, 29, 14, 3, 1];

const SHA = '3f5c1e0a9b7d24c68e1f0a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7';

const FORM_COUNTS = [['rape', 29], ['sexual_slavery', 7], ['attempted_rape', 5], ['forced_marriage', 4], ['sexual_torture', 2]] as const;

export function sampleDocument(lang: ReportLanguage): ReportDocument {
  const w = WORDS[lang];
  const words = serverWords(lang);
  const number = new Intl.NumberFormat(lang, { numberingSystem: 'latn' });
  const suppressed = words.text('suppressed');
  const figure = (n: number | null): DocTableCell => (n === null ? { text: suppressed, numeric: false, suppressed: true } : { text: number.format(n), numeric: true });
  const groups = (['women', 'girls', 'men', 'boys'] as const).map((c) => words.label('victimCategory', c));

  const answer: StatsAnswer = {
    tier: 'restricted', rule: { unit: 'violations', records: 'verified', date: 'occurred', track: 'crsv', rollup: false }, by: ['form'],
    grain: 'quarter', total: 47, parties: {}, coverage: 'organisation', selfDecided: 0, asOf: '2025-04-09T14:02:00Z',
    rows: FORM_COUNTS.map(([form, value]) => ({ key: [form], value })),
  };
  const caption = { title: w.chartTitle, subtitle: ruleWords(lang, answer.rule) };
  const size = { width: 760, height: barsHeight(FORM_COUNTS.length, { caption }) };
  const svg = chartSvg(barsOption(fromAnswer(answer), words, { bars: 'form', caption }), size);

  const blocks: DocBlock[] = [
    { type: 'heading', level: 1, text: w.summary },
    { type: 'paragraph', text: w.intro, tone: 'normal' },
    { type: 'keyFigures', items: w.figures.map(([label, value, note]) => (note === null ? { label, value } : { label, value, note })) },
    { type: 'heading', level: 2, text: w.byArea },
    {
      type: 'table', caption: w.caption,
      columns: [{ text: w.columns[0], numeric: false }, ...[...w.columns.slice(1), ...groups].map((text) => ({ text, numeric: true }))],
      rows: [
        ...PREFECTURES.map(([code, ...values]) => ({ cells: [{ text: words.label('area', `CAF/${code}`), numeric: false }, ...values.map(figure)] })),
        { cells: [{ text: words.text('total'), numeric: false }, ...TOTALS.map(figure)], total: true },
      ],
      notes: [...w.notes],
    },
    { type: 'heading', level: 2, text: w.byForm },
    { type: 'chart', caption: `${w.chartTitle} (${ruleWords(lang, answer.rule)})`, svg, ...size },
    { type: 'heading', level: 2, text: w.narrativeTitle },
    { type: 'narrative', text: `${w.narrative}\n${INJECTION_LINES.join('\n')}\n\n${w.second}`, empty: false },
    { type: 'heading', level: 3, text: w.followUp },
    { type: 'list', items: [...w.list] },
    { type: 'paragraph', text: w.note, tone: 'note' },
    { type: 'heading', level: 3, text: w.emptyTitle },
    { type: 'narrative', text: w.empty, empty: true },
  ];
  return {
    lang, rtl: lang === 'ar', title: w.title, subtitle: w.subtitle,
    meta: [...w.meta.map(([label, value]) => ({ label, value })), { label: 'SHA-256', value: SHA }],
    running: w.running, blocks,
  };
}
