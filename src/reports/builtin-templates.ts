/**
 * The built-in templates (version 0 of each kind), the starting point of every organisation's own versions.
 * Their structure follows the MARA guidance for the quarterly report to headquarters and the country input to
 * the Secretary-General's annual report on conflict-related sexual violence; the listing evidence pack gathers
 * what a listing discussion looks at. Wording in en/fr/ar; the data, not code, is what a coordinator edits.
 */
import type { ReportKind, TemplateInput, TemplateSection, Wording } from '../shared/reports.ts';

const w = (en: string, fr: string, ar: string): Wording => ({ en, fr, ar });
const none = w('', '', '');
const figures = (key: string, block: TemplateSection['block'], title: Wording, guidance: Wording = none): TemplateSection =>
  ({ key, kind: 'figures', block, title, guidance });
const narrative = (key: string, title: Wording, guidance: Wording): TemplateSection => ({ key, kind: 'narrative', block: null, title, guidance });

const overview = narrative('overview', w('Overview', 'Vue d’ensemble', 'نظرة عامة'),
  w('The main developments of the period in a few paragraphs: trends, new patterns, parties, access.',
    'Les principales évolutions de la période en quelques paragraphes : tendances, nouvelles formes, parties, accès.',
    'أبرز التطورات خلال الفترة في فقرات قليلة: الاتجاهات والأنماط الجديدة والأطراف وإمكانية الوصول.'));

const countrySections: TemplateSection[] = [
  overview,
  figures('key_figures', 'overview', w('Key figures', 'Chiffres clés', 'الأرقام الرئيسية'),
    w('Verified incidents, violations and victims of conflict-related sexual violence in the period.',
      'Incidents, violations et victimes de violences sexuelles liées aux conflits vérifiés au cours de la période.',
      'الحوادث والانتهاكات والضحايا الذين جرى التحقق منهم من العنف الجنسي المرتبط بالنزاعات خلال الفترة.')),
  figures('by_form', 'violations_by_form', w('Verified violations by form', 'Violations vérifiées par forme', 'الانتهاكات التي جرى التحقق منها حسب الشكل')),
  figures('by_victim', 'victims_by_category', w('Victims: women, girls, men and boys', 'Victimes : femmes, filles, hommes et garçons', 'الضحايا: النساء والفتيات والرجال والفتيان')),
  figures('trend', 'trend', w('Trends against earlier periods', 'Tendances par rapport aux périodes précédentes', 'الاتجاهات مقارنة بالفترات السابقة')),
  figures('by_area', 'by_area', w('Where: verified violations by region', 'Où : violations vérifiées par région', 'أين: الانتهاكات التي جرى التحقق منها حسب المنطقة')),
  figures('by_party', 'by_party', w('Parties: verified incidents attributed', 'Parties : incidents vérifiés attribués', 'الأطراف: الحوادث التي جرى التحقق منها والمنسوبة إليها')),
  figures('late', 'late_verifications', w('Late verifications of earlier periods', 'Vérifications tardives de périodes antérieures', 'عمليات التحقق المتأخرة لفترات سابقة')),
  narrative('patterns', w('Patterns', 'Tendances', 'الأنماط'),
    w('Places, settings and context: detention, displacement, abduction, checkpoints; what the figures cannot show.',
      'Lieux, contextes et circonstances : détention, déplacement, enlèvement, points de contrôle ; ce que les chiffres ne montrent pas.',
      'الأماكن والسياقات والظروف: الاحتجاز والنزوح والاختطاف ونقاط التفتيش؛ وما لا تُظهره الأرقام.')),
  figures('commitments', 'commitments', w('Parties’ commitments and their status', 'Engagements des parties et leur état', 'التزامات الأطراف وحالتها')),
  figures('alerts', 'alerts', w('Early-warning alerts', 'Alertes précoces', 'تنبيهات الإنذار المبكر')),
  narrative('alerts_action', w('Action taken on alerts', 'Mesures prises à la suite des alertes', 'الإجراءات المتخذة بشأن التنبيهات'),
    w('What was done about each alert, with whom, and with what result.', 'Ce qui a été fait pour chaque alerte, avec qui et avec quel résultat.', 'ما الذي جرى بشأن كل تنبيه، ومع من، وبأي نتيجة.')),
  narrative('response', w('Response', 'Réponse', 'الاستجابة'),
    w('Referrals made with the survivors’ consent, by service (medical, psychosocial, legal, safety, livelihood), and gaps.',
      'Orientations faites avec le consentement des survivantes et survivants, par service (médical, psychosocial, juridique, sécurité, moyens de subsistance), et lacunes.',
      'الإحالات التي جرت بموافقة الناجين والناجيات، حسب الخدمة (طبية ونفسية اجتماعية وقانونية وأمنية وسبل العيش)، والثغرات.')),
  narrative('challenges', w('Challenges', 'Difficultés', 'التحديات'),
    w('Access, security, under-reporting and what it means for the figures above.', 'Accès, sécurité, sous-signalement et ce que cela signifie pour les chiffres ci-dessus.', 'الوصول والأمن ونقص الإبلاغ وما يعنيه ذلك بالنسبة للأرقام أعلاه.')),
  narrative('recommendations', w('Recommendations', 'Recommandations', 'التوصيات'),
    w('To the mission leadership, headquarters and the parties.', 'À la direction de la mission, au Siège et aux parties.', 'إلى قيادة البعثة والمقر والأطراف.')),
];

const annual: TemplateSection[] = [
  ...countrySections.slice(0, -1),
  figures('annex', 'annex_parties', w('Parties proposed for the annex: evidence', 'Parties proposées pour l’annexe : éléments de preuve', 'الأطراف المقترحة للمرفق: الأدلة'),
    w('Evidence assembled for the parties the country team proposes; the decision on listing is the Secretary-General’s.',
      'Éléments rassemblés pour les parties que l’équipe de pays propose ; la décision d’inscription appartient au Secrétaire général.',
      'الأدلة المجمعة بشأن الأطراف التي يقترحها الفريق القطري؛ وقرار الإدراج يعود إلى الأمين العام.')),
  narrative('annex_proposal', w('Why these parties', 'Pourquoi ces parties', 'لماذا هذه الأطراف'),
    w('The pattern of violations for each party proposed, in the language of the listing criteria.',
      'La tendance des violations de chaque partie proposée, dans les termes des critères d’inscription.',
      'نمط الانتهاكات لكل طرف مقترح، بلغة معايير الإدراج.')),
  countrySections.at(-1)!,
];

const listing: TemplateSection[] = [
  narrative('summary', w('Summary', 'Résumé', 'الملخص'),
    w('What this pack shows about the party, in a few lines. The pack presents evidence; it does not decide a listing.',
      'Ce que ce dossier montre de la partie, en quelques lignes. Le dossier présente des éléments ; il ne décide pas d’une inscription.',
      'ما يُظهره هذا الملف عن الطرف، في أسطر قليلة. يعرض الملف الأدلة؛ ولا يقرر الإدراج.')),
  figures('incidents', 'party_incidents', w('Verified violations by form and region', 'Violations vérifiées par forme et région', 'الانتهاكات التي جرى التحقق منها حسب الشكل والمنطقة')),
  figures('persistence', 'party_persistence', w('Does the pattern persist?', 'La tendance persiste-t-elle ?', 'هل يستمر النمط؟')),
  figures('commitments', 'commitments', w('Commitments and measures', 'Engagements et mesures', 'الالتزامات والتدابير')),
  figures('listing_history', 'listing_history', w('Listing history', 'Historique des inscriptions', 'سجل الإدراج')),
  narrative('assessment', w('Assessment', 'Évaluation', 'التقييم'),
    w('The country team’s reading of the evidence, its gaps and its sources.', 'La lecture des éléments par l’équipe de pays, leurs lacunes et leurs sources.', 'قراءة الفريق القطري للأدلة وثغراتها ومصادرها.')),
];

export const BUILT_IN_TEMPLATES: Record<ReportKind, TemplateInput> = {
  quarterly: { title: w('Quarterly MARA report', 'Rapport trimestriel MARA', 'التقرير الفصلي لترتيبات الرصد والتحليل والإبلاغ'), sections: countrySections },
  annual: {
    title: w('Country input to the Secretary-General’s annual report on conflict-related sexual violence', 'Contribution du pays au rapport annuel du Secrétaire général sur les violences sexuelles liées aux conflits', 'مساهمة البلد في التقرير السنوي للأمين العام عن العنف الجنسي المرتبط بالنزاعات'),
    sections: annual,
  },
  listing: { title: w('Listing evidence pack', 'Dossier d’éléments pour l’inscription', 'ملف أدلة الإدراج'), sections: listing },
};
