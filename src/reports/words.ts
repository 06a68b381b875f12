/**
 * The fixed words of a report document in en/fr/ar (the template's wording is the template's own). Kept beside
 * the builder rather than in the web app's language files: reports are made on the server, and the web app's
 * reading view shows the document the server built. Placeholders are {name}.
 */
import type { ReportLanguage } from '../shared/report-document.ts';

export interface ReportWords {
  meta: { organisation: string; period: string; party: string; version: string; generated: string; through: string; template: string; builtIn: string; own: string; sha: string; threshold: string };
  running: string;
  notWritten: string;
  quarter: string;
  fromTo: string;
  suppressed: string;
  total: string;
  noData: string;
  notes: { rule: string; threshold: string; consent: string; through: string; completeYears: string; zeroRows: string; ownParties: string; twoParties: string; attribution: string };
  key: { violations: string; victims: string; women: string; girls: string; men: string; boys: string; late: string; change: string; previous: string; previousSuppressed: string };
  captions: { byForm: string; victims: string; trend: string; byArea: string; byParty: string; late: string; partyForms: string; partyAreas: string; persistence: string; annex: string };
  late: string;
  persistence: { counted: string; none: string; note: string };
  commitments: { none: string; title: string; parties: string; signed: string; measures: string; kind: string; description: string; deadline: string; status: string; evidence: string; overdue: string; counts: string };
  alerts: { none: string; area: string; indicators: string; party: string; episode: string; status: string; actions: string; withheld: string; folded: string; ongoing: string };
  listing: { none: string; year: string; status: string; symbol: string; paragraph: string; note: string };
  annex: { none: string };
  /** The protected tables by id (the moved figures name them). */
  tables: Record<string, string>;
}

const EN: ReportWords = {
  meta: { organisation: 'Organisation', period: 'Period', party: 'Party', version: 'Version', generated: 'Generated on', through: 'Figures up to', template: 'Template', builtIn: 'built-in, version {n}', own: 'version {n}', sha: 'Snapshot SHA-256', threshold: 'Disclosure threshold' },
  running: 'Restricted · {title} · version {version} · {sha}',
  notWritten: 'Not written in this version.',
  quarter: 'Q{q} {year}',
  fromTo: '{from} to {to}',
  suppressed: 'suppressed',
  total: 'Total',
  noData: 'No figures were published for this period.',
  notes: {
    rule: 'Counted: {rule}.',
    threshold: 'Counts below {n} are suppressed, with whatever would reveal them (“suppressed”, never zero).',
    consent: 'Only records whose survivors consented to figures leaving the organisation are counted.',
    through: 'Incidents up to {date}; the figures are those of the protected tier, as the dashboard publishes them.',
    zeroRows: 'Rows with no verified case in these periods are left out.',
    completeYears: 'Regions and parties are published by complete year: {year} will be in the first report after it ends.',
    ownParties: 'Parties of the organisation’s own registry are not named beyond it.',
    twoParties: 'An incident attributed to two parties counts under each.',
    attribution: 'Parties: UCDP/PRIO Armed Conflict Dataset and SVAC dataset (attribution in the application).',
  },
  key: { violations: 'Verified violations', victims: 'Victims', women: 'Women', girls: 'Girls', men: 'Men', boys: 'Boys', late: 'Late verifications of earlier periods', change: '{sign}{n} from {period}', previous: '{period}: {n}', previousSuppressed: '{period}: suppressed' },
  captions: {
    byForm: 'Verified violations by form', victims: 'Victims by category', trend: 'Verified violations by form, quarter by quarter',
    byArea: 'Verified violations by region', byParty: 'Verified incidents by party', late: 'Violations verified in the period that occurred in earlier quarters, by form',
    partyForms: 'Verified violations attributed to the party, by form', partyAreas: 'Verified violations attributed to the party, by region',
    persistence: 'Verified violations attributed to the party, year by year', annex: 'Verified incidents attributed to the parties proposed, year by year',
  },
  late: 'These verifications change the figures of the quarters in which the incidents occurred, which earlier reports gave without them.',
  persistence: { counted: 'Published counts in {n} of the {of} years shown ({years}).', none: 'No count of this party is published for the years shown.', note: 'This pack shows evidence; whether a party is listed is decided in the Secretary-General’s report, not here.' },
  commitments: { none: 'No commitment recorded.', title: 'Commitment', parties: 'Parties', signed: 'Signed', measures: 'Measures', kind: 'Measure', description: 'What', deadline: 'Deadline', status: 'Status', evidence: 'Evidence', overdue: 'overdue', counts: '{done} done, {progress} in progress, {notStarted} not started, {notDone} not done; {overdue} overdue' },
  alerts: { none: 'No alert was raised in the period that may be reported beyond the organisation.', area: 'Area', indicators: 'Indicators', party: 'Party', episode: 'Episode', status: 'Status', actions: 'Action taken', withheld: '{n} other alerts are not shown: too few incidents, or in an area without published figures.', folded: '(region not named)', ongoing: 'ongoing' },
  listing: { none: 'No entry recorded in the Secretary-General’s reports.', year: 'Report of', status: 'Listing', symbol: 'Symbol', paragraph: 'Paragraph', note: 'As recorded by the organisation from the reports.' },
  annex: { none: 'No party proposed.' },
  tables: {
    'violations-by-quarter-and-form': 'Verified violations by quarter and form', 'violations-by-area-and-year': 'Verified violations by region and year',
    'victims-by-quarter-and-category': 'Victims by quarter and category', 'victims-by-area-and-category': 'Victims by region and category',
    'incidents-by-party-and-year': 'Verified incidents by party and year', 'late-violations-by-decision-quarter-and-form': 'Late verifications by quarter and form', 'party-violations-by-year-and-form': 'The party’s verified violations by year and form',
    'party-violations-by-area-and-year': 'The party’s verified violations by region and year',
  },
};

const FR: ReportWords = {
  meta: { organisation: 'Organisation', period: 'Période', party: 'Partie', version: 'Version', generated: 'Généré le', through: 'Chiffres jusqu’au', template: 'Modèle', builtIn: 'intégré, version {n}', own: 'version {n}', sha: 'SHA-256 de l’instantané', threshold: 'Seuil de confidentialité' },
  running: 'Restreint · {title} · version {version} · {sha}',
  notWritten: 'Non rédigé dans cette version.',
  quarter: 'T{q} {year}',
  fromTo: 'du {from} au {to}',
  suppressed: 'masqué',
  total: 'Total',
  noData: 'Aucun chiffre n’a été publié pour cette période.',
  notes: {
    rule: 'Compté : {rule}.',
    threshold: 'Les effectifs inférieurs à {n} sont masqués, avec tout ce qui permettrait de les retrouver (« masqué », jamais zéro).',
    consent: 'Seuls les dossiers dont les survivantes et survivants ont consenti à des chiffres hors de l’organisation sont comptés.',
    through: 'Incidents jusqu’au {date} ; chiffres du niveau protégé, tels que le tableau de bord les publie.',
    zeroRows: 'Les lignes sans aucun cas vérifié au cours de ces périodes sont omises.',
    completeYears: 'Les régions et les parties sont publiées par année complète : {year} figurera dans le premier rapport après sa fin.',
    ownParties: 'Les parties du registre propre de l’organisation ne sont pas nommées hors de celle-ci.',
    twoParties: 'Un incident attribué à deux parties compte pour chacune.',
    attribution: 'Parties : UCDP/PRIO Armed Conflict Dataset et SVAC (attribution dans l’application).',
  },
  key: { violations: 'Violations vérifiées', victims: 'Victimes', women: 'Femmes', girls: 'Filles', men: 'Hommes', boys: 'Garçons', late: 'Vérifications tardives de périodes antérieures', change: '{sign}{n} par rapport au {period}', previous: '{period} : {n}', previousSuppressed: '{period} : masqué' },
  captions: {
    byForm: 'Violations vérifiées par forme', victims: 'Victimes par catégorie', trend: 'Violations vérifiées par forme, trimestre par trimestre',
    byArea: 'Violations vérifiées par région', byParty: 'Incidents vérifiés par partie', late: 'Violations vérifiées au cours de la période survenues lors de trimestres antérieurs, par forme',
    partyForms: 'Violations vérifiées attribuées à la partie, par forme', partyAreas: 'Violations vérifiées attribuées à la partie, par région',
    persistence: 'Violations vérifiées attribuées à la partie, année par année', annex: 'Incidents vérifiés attribués aux parties proposées, année par année',
  },
  late: 'Ces vérifications modifient les chiffres des trimestres où les incidents ont eu lieu, que les rapports antérieurs donnaient sans elles.',
  persistence: { counted: 'Effectifs publiés pour {n} des {of} années présentées ({years}).', none: 'Aucun effectif de cette partie n’est publié pour les années présentées.', note: 'Ce dossier présente des éléments ; l’inscription d’une partie est décidée dans le rapport du Secrétaire général, pas ici.' },
  commitments: { none: 'Aucun engagement enregistré.', title: 'Engagement', parties: 'Parties', signed: 'Signé', measures: 'Mesures', kind: 'Mesure', description: 'Quoi', deadline: 'Échéance', status: 'État', evidence: 'Éléments', overdue: 'en retard', counts: '{done} réalisées, {progress} en cours, {notStarted} non commencées, {notDone} non réalisées ; {overdue} en retard' },
  alerts: { none: 'Aucune alerte pouvant être signalée hors de l’organisation n’a été émise au cours de la période.', area: 'Zone', indicators: 'Indicateurs', party: 'Partie', episode: 'Épisode', status: 'État', actions: 'Mesures prises', withheld: '{n} autres alertes ne sont pas montrées : trop peu d’incidents, ou dans une zone sans chiffres publiés.', folded: '(région non nommée)', ongoing: 'en cours' },
  listing: { none: 'Aucune mention enregistrée dans les rapports du Secrétaire général.', year: 'Rapport de', status: 'Inscription', symbol: 'Cote', paragraph: 'Paragraphe', note: 'Tel qu’enregistré par l’organisation à partir des rapports.' },
  annex: { none: 'Aucune partie proposée.' },
  tables: {
    'violations-by-quarter-and-form': 'Violations vérifiées par trimestre et forme', 'violations-by-area-and-year': 'Violations vérifiées par région et année',
    'victims-by-quarter-and-category': 'Victimes par trimestre et catégorie', 'victims-by-area-and-category': 'Victimes par région et catégorie',
    'incidents-by-party-and-year': 'Incidents vérifiés par partie et année', 'late-violations-by-decision-quarter-and-form': 'Vérifications tardives par trimestre et forme', 'party-violations-by-year-and-form': 'Violations vérifiées de la partie par année et forme',
    'party-violations-by-area-and-year': 'Violations vérifiées de la partie par région et année',
  },
};

const AR: ReportWords = {
  meta: { organisation: 'المنظمة', period: 'الفترة', party: 'الطرف', version: 'النسخة', generated: 'أُنشئت في', through: 'الأرقام حتى', template: 'القالب', builtIn: 'مدمج، النسخة {n}', own: 'النسخة {n}', sha: 'بصمة SHA-256 للقطة', threshold: 'عتبة الحجب' },
  running: 'مقيد · {title} · النسخة {version} · {sha}',
  notWritten: 'لم يُكتب في هذه النسخة.',
  quarter: 'الربع {q} من {year}',
  fromTo: 'من {from} إلى {to}',
  suppressed: 'محجوب',
  total: 'المجموع',
  noData: 'لم تُنشر أي أرقام لهذه الفترة.',
  notes: {
    rule: 'المعدود: {rule}.',
    threshold: 'تُحجب الأعداد الأقل من {n} وكل ما قد يكشفها («محجوب»، وليس صفرًا أبدًا).',
    consent: 'لا تُحسب إلا السجلات التي وافق أصحابها على استخدام الأرقام خارج المنظمة.',
    through: 'الحوادث حتى {date}؛ الأرقام هي أرقام المستوى المحمي كما تنشرها لوحة المعلومات.',
    zeroRows: 'حُذفت الصفوف التي لا تتضمن أي حالة جرى التحقق منها في هذه الفترات.',
    completeYears: 'تُنشر المناطق والأطراف حسب السنة الكاملة: ستظهر سنة {year} في أول تقرير بعد انتهائها.',
    ownParties: 'لا تُسمّى أطراف السجل الخاص بالمنظمة خارجها.',
    twoParties: 'الحادثة المنسوبة إلى طرفين تُحسب لكل منهما.',
    attribution: 'الأطراف: مجموعة بيانات UCDP/PRIO للنزاعات المسلحة ومجموعة SVAC (الإسناد في التطبيق).',
  },
  key: { violations: 'الانتهاكات التي جرى التحقق منها', victims: 'الضحايا', women: 'النساء', girls: 'الفتيات', men: 'الرجال', boys: 'الفتيان', late: 'عمليات التحقق المتأخرة لفترات سابقة', change: '{sign}{n} مقارنة بـ{period}', previous: '{period}: {n}', previousSuppressed: '{period}: محجوب' },
  captions: {
    byForm: 'الانتهاكات التي جرى التحقق منها حسب الشكل', victims: 'الضحايا حسب الفئة', trend: 'الانتهاكات التي جرى التحقق منها حسب الشكل، ربعًا بربع',
    byArea: 'الانتهاكات التي جرى التحقق منها حسب المنطقة', byParty: 'الحوادث التي جرى التحقق منها حسب الطرف', late: 'الانتهاكات التي جرى التحقق منها خلال الفترة ووقعت في أرباع سابقة، حسب الشكل',
    partyForms: 'الانتهاكات المنسوبة إلى الطرف التي جرى التحقق منها، حسب الشكل', partyAreas: 'الانتهاكات المنسوبة إلى الطرف التي جرى التحقق منها، حسب المنطقة',
    persistence: 'الانتهاكات المنسوبة إلى الطرف التي جرى التحقق منها، سنة بسنة', annex: 'الحوادث المنسوبة إلى الأطراف المقترحة التي جرى التحقق منها، سنة بسنة',
  },
  late: 'تغيّر عمليات التحقق هذه أرقام الأرباع التي وقعت فيها الحوادث، والتي قدمتها التقارير السابقة من دونها.',
  persistence: { counted: 'أعداد منشورة في {n} من السنوات الـ{of} المعروضة ({years}).', none: 'لم يُنشر أي عدد لهذا الطرف في السنوات المعروضة.', note: 'يعرض هذا الملف الأدلة؛ أما إدراج الطرف فيُقرَّر في تقرير الأمين العام، لا هنا.' },
  commitments: { none: 'لم يُسجل أي التزام.', title: 'الالتزام', parties: 'الأطراف', signed: 'تاريخ التوقيع', measures: 'التدابير', kind: 'التدبير', description: 'المضمون', deadline: 'الموعد النهائي', status: 'الحالة', evidence: 'الأدلة', overdue: 'متأخر', counts: '{done} منجزة، {progress} قيد التنفيذ، {notStarted} لم تبدأ، {notDone} لم تُنجز؛ {overdue} متأخرة' },
  alerts: { none: 'لم يصدر خلال الفترة أي تنبيه يمكن الإبلاغ عنه خارج المنظمة.', area: 'المنطقة', indicators: 'المؤشرات', party: 'الطرف', episode: 'الفترة', status: 'الحالة', actions: 'الإجراءات المتخذة', withheld: 'لا تُعرض {n} تنبيهات أخرى: حوادث قليلة جدًا، أو في منطقة بلا أرقام منشورة.', folded: '(المنطقة غير مسماة)', ongoing: 'مستمر' },
  listing: { none: 'لا يوجد أي قيد مسجل في تقارير الأمين العام.', year: 'تقرير عام', status: 'الإدراج', symbol: 'الرمز', paragraph: 'الفقرة', note: 'كما سجلته المنظمة من التقارير.' },
  annex: { none: 'لم يُقترح أي طرف.' },
  tables: {
    'violations-by-quarter-and-form': 'الانتهاكات التي جرى التحقق منها حسب الربع والشكل', 'violations-by-area-and-year': 'الانتهاكات التي جرى التحقق منها حسب المنطقة والسنة',
    'victims-by-quarter-and-category': 'الضحايا حسب الربع والفئة', 'victims-by-area-and-category': 'الضحايا حسب المنطقة والفئة',
    'incidents-by-party-and-year': 'الحوادث التي جرى التحقق منها حسب الطرف والسنة', 'late-violations-by-decision-quarter-and-form': 'عمليات التحقق المتأخرة حسب الربع والشكل', 'party-violations-by-year-and-form': 'انتهاكات الطرف التي جرى التحقق منها حسب السنة والشكل',
    'party-violations-by-area-and-year': 'انتهاكات الطرف التي جرى التحقق منها حسب المنطقة والسنة',
  },
};

export const REPORT_WORDS: Record<ReportLanguage, ReportWords> = { en: EN, fr: FR, ar: AR };

export const fill = (s: string, values: Record<string, string | number>): string => s.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

// The words of codes the web app already names (commitments, listing, alerts): the one copy, read here.
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import fr from '../../web/src/i18n/fr.json' with { type: 'json' };
import ar from '../../web/src/i18n/ar.json' with { type: 'json' };

type AppWords = typeof en;
const APP: Record<ReportLanguage, AppWords> = { en, fr, ar };
const lookup = (table: Record<string, unknown>, code: string): string => (Object.hasOwn(table, code) && typeof table[code] === 'string' ? table[code] : code);

/** A code's name in the language: commitment kinds, measure kinds and progress, listing statuses, alert statuses and actions. */
export function codeWord(lang: ReportLanguage, list: 'commitmentKind' | 'measureKind' | 'progress' | 'listing' | 'alertStatus' | 'alertAction' | 'ruleKind', code: string): string {
  const a = APP[lang];
  switch (list) {
    case 'commitmentKind': return lookup(a.commitments.kinds, code);
    case 'measureKind': return lookup(a.commitments.measureKinds, code);
    case 'progress': return lookup(a.commitments.progress, code);
    case 'listing': return lookup(a.commitments.listing.statuses, code);
    case 'alertStatus': return lookup(a.warnings.statuses, code);
    case 'alertAction': return lookup(a.warnings.actions, code);
    case 'ruleKind': return lookup(a.warnings.ruleKinds, code);
  }
}
