/**
 * Early-warning rules and alerts in plain words, in English, French and Arabic: the rule list, the alert's
 * explanation and (later) reports say the same sentence. No Node imports: the web bundle imports this file.
 */
import type { LabelLanguage } from './labels.ts';
import type { Explanation, RuleParams, RulePer, Severity } from './warnings.ts';

interface RuleContext { params: RuleParams; per: RulePer; area: string; indicator: (id: string) => string }

type Phrases = {
  per: Record<RulePer, (area: string) => string>;
  surge: (p: { ind: string; recent: number; baseline: number; factor: number; min: number; minBaseline: number }) => string;
  recordHigh: (p: { ind: string; window: number; years: number; min: number }) => string;
  combination: (p: { inds: string; within: number; severity: string }) => string;
  partyActive: (p: { parties: string; ind: string | null; recent: number; quiet: number; min: number }) => string;
  severity: Record<Severity, string>;
  listedOrCommitted: string;
  anyOf: (xs: string[]) => string;
  explained: (e: { value: number; from: string; to: string; threshold: number; baseline: string | null; pastFrom: string | null; pastTo: string | null }) => string;
};

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

const PHRASES: Record<LabelLanguage, Phrases> = {
  en: {
    per: { whole: (a) => `in ${a}`, admin1: (a) => `in each region of ${a}`, admin2: (a) => `in each district of ${a}` },
    surge: (p) => `${p.ind}: the last ${p.recent} days reach ${fmt(p.factor)} times the average of the ${p.baseline} days before (at least ${p.min}; a baseline of at least ${fmt(p.minBaseline)} assumed)`,
    recordHigh: (p) => `${p.ind}: ${p.window} days higher than any ${p.window} days in the ${p.years} years before (at least ${p.min})`,
    combination: (p) => `All of: ${p.inds}, observed within ${p.within} days (severity ${p.severity} or more)`,
    partyActive: (p) => `${p.parties}: at least ${p.min} ${p.ind ? `of “${p.ind}” ` : p.min === 1 ? 'incident ' : 'incidents '}in the last ${p.recent} days after none in the ${p.quiet} days before`,
    severity: { low: 'low', medium: 'medium', high: 'high' },
    listedOrCommitted: 'Any party listed or bound by a commitment',
    anyOf: (xs) => xs.join(', '),
    explained: (e) => `${fmt(e.value)} from ${e.from} to ${e.to}, threshold ${fmt(e.threshold)}${e.baseline === null ? '' : `; compared with ${e.baseline} from ${e.pastFrom} to ${e.pastTo}`}`,
  },
  fr: {
    per: { whole: (a) => `dans ${a}`, admin1: (a) => `dans chaque région de ${a}`, admin2: (a) => `dans chaque district de ${a}` },
    surge: (p) => `${p.ind} : les ${p.recent} derniers jours atteignent ${fmt(p.factor)} fois la moyenne des ${p.baseline} jours précédents (au moins ${p.min} ; référence d’au moins ${fmt(p.minBaseline)})`,
    recordHigh: (p) => `${p.ind} : ${p.window} jours plus élevés que toute période de ${p.window} jours des ${p.years} années précédentes (au moins ${p.min})`,
    combination: (p) => `Tous ces signaux : ${p.inds}, observés en ${p.within} jours (gravité ${p.severity} ou plus)`,
    partyActive: (p) => `${p.parties} : au moins ${p.min} ${p.ind ? `« ${p.ind} » ` : 'incident(s) '}dans les ${p.recent} derniers jours après aucun dans les ${p.quiet} jours précédents`,
    severity: { low: 'faible', medium: 'moyenne', high: 'élevée' },
    listedOrCommitted: 'Toute partie inscrite sur la liste ou liée par un engagement',
    anyOf: (xs) => xs.join(', '),
    explained: (e) => `${fmt(e.value)} du ${e.from} au ${e.to}, seuil ${fmt(e.threshold)}${e.baseline === null ? '' : ` ; comparé à ${e.baseline} du ${e.pastFrom} au ${e.pastTo}`}`,
  },
  ar: {
    per: { whole: (a) => `في ${a}`, admin1: (a) => `في كل منطقة من ${a}`, admin2: (a) => `في كل مقاطعة من ${a}` },
    surge: (p) => `${p.ind}: آخر ${p.recent} يوماً تبلغ ${fmt(p.factor)} أضعاف متوسط الـ${p.baseline} يوماً السابقة (${p.min} على الأقل؛ مع خط أساس لا يقل عن ${fmt(p.minBaseline)})`,
    recordHigh: (p) => `${p.ind}: ${p.window} يوماً أعلى من أي ${p.window} يوماً في السنوات الـ${p.years} السابقة (${p.min} على الأقل)`,
    combination: (p) => `كل ما يلي: ${p.inds}، خلال ${p.within} يوماً (بدرجة خطورة ${p.severity} أو أكثر)`,
    partyActive: (p) => `${p.parties}: ${p.min} على الأقل ${p.ind ? `من «${p.ind}» ` : 'من الحوادث '}في آخر ${p.recent} يوماً بعد انعدامها في الـ${p.quiet} يوماً السابقة`,
    severity: { low: 'منخفضة', medium: 'متوسطة', high: 'عالية' },
    listedOrCommitted: 'أي طرف مدرج في القائمة أو ملتزم بتعهد',
    anyOf: (xs) => xs.join('، '),
    explained: (e) => `${fmt(e.value)} من ${e.from} إلى ${e.to}، والعتبة ${fmt(e.threshold)}${e.baseline === null ? '' : `؛ مقارنةً بـ${e.baseline} من ${e.pastFrom} إلى ${e.pastTo}`}`,
  },
};

/** The rule in a sentence: what it counts, against what, where. Parties are named by the caller when chosen. */
export function describeRule(lang: LabelLanguage, r: RuleContext, partyNames: readonly string[] = []): string {
  const w = PHRASES[lang];
  const p = r.params;
  let what: string;
  switch (p.kind) {
    case 'surge': what = w.surge({ ind: r.indicator(p.indicatorId), recent: p.recentDays, baseline: p.baselineDays, factor: p.factor, min: p.minCount, minBaseline: p.minBaseline }); break;
    case 'record_high': what = w.recordHigh({ ind: r.indicator(p.indicatorId), window: p.windowDays, years: p.years, min: p.minCount }); break;
    case 'combination': what = w.combination({ inds: w.anyOf(p.indicatorIds.map(r.indicator)), within: p.withinDays, severity: w.severity[p.minSeverity] }); break;
    case 'party_active': what = w.partyActive({
      parties: p.partyIds.length ? w.anyOf(partyNames.length ? [...partyNames] : p.partyIds) : w.listedOrCommitted,
      ind: p.indicatorId ? r.indicator(p.indicatorId) : null, recent: p.recentDays, quiet: p.quietDays, min: p.minCount,
    }); break;
  }
  return `${what}, ${w.per[r.per](r.area)}.`;
}

/** The figure behind an alert in a sentence (dates as ISO days, numbers as counted). */
export function explainFigure(lang: LabelLanguage, e: Explanation): string {
  return PHRASES[lang].explained({
    value: e.value, from: e.window.from, to: e.window.to, threshold: e.threshold,
    baseline: e.baseline === null ? null : fmt(e.baseline), pastFrom: e.pastWindow?.from ?? null, pastTo: e.pastWindow?.to ?? null,
  });
}
