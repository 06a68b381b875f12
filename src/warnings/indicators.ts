/**
 * The shared registry of early-warning indicators, seeded from the UN Action matrix of early-warning
 * indicators of conflict-related sexual violence (2011) and the signals listed in the domain notes, in our
 * own words. Computed indicators are counted from incidents by the analysis engine (occurred date, CRSV track,
 * reported records unless said otherwise); observed ones are recorded by monitors. Written at start, keyed on
 * `code` (a second start changes nothing; a changed wording here is written over the stored one).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import type { IndicatorCategory, IndicatorCount, IndicatorKind, Words } from '../shared/warnings.ts';
import { warningIndicators } from './tables.ts';

export interface SeedIndicator { code: string; category: IndicatorCategory; kind: IndicatorKind; names: Required<Words>; descriptions: Required<Words>; count?: Partial<IndicatorCount> }

const count = (c: Partial<IndicatorCount>): IndicatorCount => ({
  unit: 'incidents', records: 'reported', form: [], setting: [], victimCategory: [], partyCategory: [], party: [], ...c,
});

export const SEED_INDICATORS: readonly SeedIndicator[] = [
  // Computed from incidents.
  {
    code: 'crsv_incidents', category: 'armed_groups', kind: 'computed', count: {},
    names: { en: 'Incidents of conflict-related sexual violence', fr: 'Incidents de violences sexuelles liées aux conflits', ar: 'حوادث العنف الجنسي المرتبط بالنزاعات' },
    descriptions: {
      en: 'Every reported incident of any form, by the date it occurred.',
      fr: 'Tout incident signalé, quelle qu’en soit la forme, à la date des faits.',
      ar: 'كل حادثة مُبلَّغ عنها أياً كان شكلها، بحسب تاريخ وقوعها.',
    },
  },
  {
    code: 'abductions_women_girls', category: 'armed_groups', kind: 'computed', count: { setting: ['abduction'], victimCategory: ['women', 'girls'] },
    names: { en: 'Abductions of women and girls', fr: 'Enlèvements de femmes et de filles', ar: 'اختطاف النساء والفتيات' },
    descriptions: {
      en: 'Incidents in the context of an abduction with at least one woman or girl among the victims.',
      fr: 'Incidents commis lors d’un enlèvement, avec au moins une femme ou une fille parmi les victimes.',
      ar: 'حوادث وقعت في سياق اختطاف وبين ضحاياها امرأة أو فتاة واحدة على الأقل.',
    },
  },
  {
    code: 'rapes_at_checkpoints', category: 'armed_groups', kind: 'computed', count: { form: ['rape'], setting: ['checkpoint'] },
    names: { en: 'Rapes at checkpoints and roadblocks', fr: 'Viols aux postes de contrôle et barrages', ar: 'الاغتصاب عند نقاط التفتيش والحواجز' },
    descriptions: {
      en: 'Incidents of rape recorded as taking place at a checkpoint or roadblock.',
      fr: 'Incidents de viol enregistrés à un poste de contrôle ou à un barrage routier.',
      ar: 'حوادث اغتصاب سُجّل وقوعها عند نقطة تفتيش أو حاجز طريق.',
    },
  },
  {
    code: 'attacks_on_villages', category: 'armed_groups', kind: 'computed', count: { setting: ['attack_on_village'] },
    names: { en: 'Sexual violence during attacks on villages', fr: 'Violences sexuelles lors d’attaques de villages', ar: 'العنف الجنسي أثناء الهجمات على القرى' },
    descriptions: {
      en: 'Incidents committed during an attack on a village or settlement: the pattern that preceded mass rapes.',
      fr: 'Incidents commis lors de l’attaque d’un village ou d’une localité : le schéma qui a précédé des viols de masse.',
      ar: 'حوادث ارتُكبت أثناء هجوم على قرية أو تجمع سكني، وهو النمط الذي سبق حالات الاغتصاب الجماعي.',
    },
  },
  {
    code: 'sexual_violence_in_detention', category: 'rule_of_law', kind: 'computed', count: { setting: ['detention'] },
    names: { en: 'Sexual violence in detention', fr: 'Violences sexuelles en détention', ar: 'العنف الجنسي في أماكن الاحتجاز' },
    descriptions: {
      en: 'Incidents in places of detention, official or not.',
      fr: 'Incidents dans des lieux de détention, officiels ou non.',
      ar: 'حوادث في أماكن الاحتجاز، الرسمية وغير الرسمية.',
    },
  },
  {
    code: 'sexual_violence_in_camps', category: 'displacement', kind: 'computed', count: { setting: ['camp'] },
    names: { en: 'Sexual violence in and around displacement sites', fr: 'Violences sexuelles dans et autour des sites de déplacés', ar: 'العنف الجنسي في مواقع النزوح ومحيطها' },
    descriptions: {
      en: 'Incidents in camps and displacement sites, or on the way to water, firewood and markets from them.',
      fr: 'Incidents dans les camps et sites de déplacés, ou sur le chemin de l’eau, du bois et des marchés.',
      ar: 'حوادث في المخيمات ومواقع النزوح أو في الطريق منها إلى الماء والحطب والأسواق.',
    },
  },
  {
    code: 'sexual_violence_against_children', category: 'armed_groups', kind: 'computed', count: { victimCategory: ['girls', 'boys'] },
    names: { en: 'Sexual violence against children', fr: 'Violences sexuelles contre des enfants', ar: 'العنف الجنسي ضد الأطفال' },
    descriptions: {
      en: 'Incidents with at least one girl or boy among the victims.',
      fr: 'Incidents avec au moins une fille ou un garçon parmi les victimes.',
      ar: 'حوادث بين ضحاياها فتاة أو صبي واحد على الأقل.',
    },
  },
  {
    code: 'sexual_slavery_forced_marriage', category: 'armed_groups', kind: 'computed', count: { form: ['sexual_slavery', 'forced_marriage'] },
    names: { en: 'Sexual slavery and forced marriage', fr: 'Esclavage sexuel et mariage forcé', ar: 'الاستعباد الجنسي والزواج القسري' },
    descriptions: {
      en: 'Incidents of sexual slavery or forced marriage, often tied to abductions by armed groups.',
      fr: 'Incidents d’esclavage sexuel ou de mariage forcé, souvent liés à des enlèvements par des groupes armés.',
      ar: 'حوادث استعباد جنسي أو زواج قسري، كثيراً ما ترتبط بعمليات اختطاف تنفذها جماعات مسلحة.',
    },
  },
  // Observed by monitors.
  {
    code: 'political_unrest', category: 'political', kind: 'observed',
    names: { en: 'Elections, coup or political unrest', fr: 'Élections, coup d’État ou troubles politiques', ar: 'انتخابات أو انقلاب أو اضطرابات سياسية' },
    descriptions: {
      en: 'A contested election, a coup, a breakdown of a ceasefire or talks, or protests met with force.',
      fr: 'Élection contestée, coup d’État, rupture d’un cessez-le-feu ou de pourparlers, manifestations réprimées.',
      ar: 'انتخابات متنازع عليها، أو انقلاب، أو انهيار وقف إطلاق النار أو المحادثات، أو احتجاجات تُقمع بالقوة.',
    },
  },
  {
    code: 'mass_arrests', category: 'political', kind: 'observed',
    names: { en: 'Mass arrests or detention', fr: 'Arrestations ou détentions massives', ar: 'اعتقالات أو احتجازات جماعية' },
    descriptions: {
      en: 'Arrests or round-ups of women, men or boys, screening operations, detention without access.',
      fr: 'Arrestations ou rafles de femmes, d’hommes ou de garçons, opérations de filtrage, détention sans accès.',
      ar: 'اعتقال النساء أو الرجال أو الفتيان أو جمعهم، وعمليات الفرز، والاحتجاز دون إمكانية الوصول.',
    },
  },
  {
    code: 'targeting_of_groups', category: 'political', kind: 'observed',
    names: { en: 'Targeting of an ethnic or religious group', fr: 'Ciblage d’un groupe ethnique ou religieux', ar: 'استهداف جماعة إثنية أو دينية' },
    descriptions: {
      en: 'Attacks, threats or measures aimed at a community for who they are.',
      fr: 'Attaques, menaces ou mesures visant une communauté pour ce qu’elle est.',
      ar: 'هجمات أو تهديدات أو تدابير تستهدف جماعة بسبب هويتها.',
    },
  },
  {
    code: 'deployment_near_civilians', category: 'armed_groups', kind: 'observed',
    names: { en: 'Armed group deployed near civilians', fr: 'Groupe armé déployé près de civils', ar: 'انتشار جماعة مسلحة قرب المدنيين' },
    descriptions: {
      en: 'Armed men deployed or moving close to villages, camps, markets, water points or firewood routes.',
      fr: 'Hommes armés déployés ou en mouvement près de villages, camps, marchés, points d’eau ou chemins de bois.',
      ar: 'مسلحون ينتشرون أو يتحركون قرب القرى أو المخيمات أو الأسواق أو نقاط المياه أو طرق جمع الحطب.',
    },
  },
  {
    code: 'new_checkpoints', category: 'armed_groups', kind: 'observed',
    names: { en: 'New checkpoints or roadblocks', fr: 'Nouveaux postes de contrôle ou barrages', ar: 'نقاط تفتيش أو حواجز جديدة' },
    descriptions: {
      en: 'Checkpoints or roadblocks set up where women and girls pass.',
      fr: 'Postes de contrôle ou barrages installés là où passent les femmes et les filles.',
      ar: 'نقاط تفتيش أو حواجز أقيمت حيث تمر النساء والفتيات.',
    },
  },
  {
    code: 'escalation_near_civilians', category: 'armed_groups', kind: 'observed',
    names: { en: 'Hostilities escalating near civilians', fr: 'Escalade des hostilités près des civils', ar: 'تصاعد الأعمال العدائية قرب المدنيين' },
    descriptions: {
      en: 'Military operations, clashes or reprisals in or near populated areas.',
      fr: 'Opérations militaires, affrontements ou représailles dans ou près de zones habitées.',
      ar: 'عمليات عسكرية أو اشتباكات أو أعمال انتقامية في المناطق المأهولة أو قربها.',
    },
  },
  {
    code: 'forced_displacement', category: 'displacement', kind: 'observed',
    names: { en: 'Forced displacement or a new influx', fr: 'Déplacement forcé ou nouvel afflux', ar: 'تهجير قسري أو تدفق جديد للنازحين' },
    descriptions: {
      en: 'People forced from their homes, or a new arrival of displaced people at a site.',
      fr: 'Personnes chassées de chez elles, ou nouvelle arrivée de déplacés sur un site.',
      ar: 'أشخاص أُجبروا على مغادرة منازلهم، أو وصول نازحين جدد إلى موقع.',
    },
  },
  {
    code: 'cantonment_near_community', category: 'displacement', kind: 'observed',
    names: { en: 'Cantonment or demobilisation site near a community', fr: 'Site de cantonnement ou de démobilisation près d’une communauté', ar: 'موقع تجميع أو تسريح قرب تجمع سكاني' },
    descriptions: {
      en: 'Combatants gathered near a community without protection arrangements for women and girls.',
      fr: 'Combattants regroupés près d’une communauté sans dispositif de protection des femmes et des filles.',
      ar: 'مقاتلون مجمَّعون قرب تجمع سكاني دون ترتيبات لحماية النساء والفتيات.',
    },
  },
  {
    code: 'impunity', category: 'rule_of_law', kind: 'observed',
    names: { en: 'Impunity for earlier sexual violence', fr: 'Impunité pour des violences sexuelles antérieures', ar: 'الإفلات من العقاب على عنف جنسي سابق' },
    descriptions: {
      en: 'Suspects released, cases dropped, or commanders promoted despite allegations.',
      fr: 'Suspects relâchés, affaires classées, ou commandants promus malgré des allégations.',
      ar: 'إطلاق سراح مشتبه بهم، أو حفظ قضايا، أو ترقية قادة رغم وجود ادعاءات.',
    },
  },
  {
    code: 'threats_to_defenders', category: 'rule_of_law', kind: 'observed',
    names: { en: 'Threats against women human rights defenders', fr: 'Menaces contre des défenseures des droits humains', ar: 'تهديدات ضد المدافعات عن حقوق الإنسان' },
    descriptions: {
      en: 'Threats, attacks or reprisals against women defenders, service providers or monitors.',
      fr: 'Menaces, attaques ou représailles contre des défenseures, des prestataires de services ou des observatrices.',
      ar: 'تهديدات أو هجمات أو أعمال انتقامية ضد المدافعات أو مقدمي الخدمات أو الراصدات.',
    },
  },
  {
    code: 'post_rape_care_demand', category: 'health_services', kind: 'observed',
    names: { en: 'More requests for post-rape care', fr: 'Hausse des demandes de soins post-viol', ar: 'ازدياد طلبات الرعاية بعد الاغتصاب' },
    descriptions: {
      en: 'A clinic or service provider reports more survivors seeking care, or more post-exposure prophylaxis kits used.',
      fr: 'Une clinique ou un prestataire signale davantage de survivantes en quête de soins, ou plus de kits PEP utilisés.',
      ar: 'عيادة أو مقدم خدمة يبلغ عن ازدياد الناجيات اللواتي يطلبن الرعاية أو عن استخدام مزيد من مجموعات الوقاية بعد التعرض.',
    },
  },
  {
    code: 'pregnancies_infections', category: 'health_services', kind: 'observed',
    names: { en: 'More unwanted pregnancies or infections reported', fr: 'Davantage de grossesses non désirées ou d’infections signalées', ar: 'ازدياد حالات الحمل غير المرغوب فيه أو العدوى المبلَّغ عنها' },
    descriptions: {
      en: 'Health services see more unwanted pregnancies or sexually transmitted infections.',
      fr: 'Les services de santé constatent plus de grossesses non désirées ou d’infections sexuellement transmissibles.',
      ar: 'تلاحظ الخدمات الصحية ازدياداً في حالات الحمل غير المرغوب فيه أو الأمراض المنقولة جنسياً.',
    },
  },
  {
    code: 'forced_child_marriage', category: 'health_services', kind: 'observed',
    names: { en: 'Rise in forced or child marriage', fr: 'Hausse des mariages forcés ou d’enfants', ar: 'ازدياد الزواج القسري أو زواج الأطفال' },
    descriptions: {
      en: 'Families or armed men forcing marriages, including of girls; trafficking reports.',
      fr: 'Familles ou hommes armés imposant des mariages, y compris de filles ; signalements de traite.',
      ar: 'أسر أو مسلحون يفرضون الزواج، بما في ذلك زواج الفتيات؛ وبلاغات عن الاتجار بالبشر.',
    },
  },
  {
    code: 'incitement', category: 'hate_speech', kind: 'observed',
    names: { en: 'Speech inciting sexual violence', fr: 'Discours incitant aux violences sexuelles', ar: 'خطاب يحرض على العنف الجنسي' },
    descriptions: {
      en: 'Gendered hate speech, propaganda or calls to rape aimed at a group, on the radio, online or at rallies.',
      fr: 'Discours de haine genrés, propagande ou appels au viol visant un groupe, à la radio, en ligne ou en meeting.',
      ar: 'خطاب كراهية قائم على النوع الاجتماعي أو دعاية أو دعوات إلى الاغتصاب تستهدف جماعة، عبر الإذاعة أو الإنترنت أو في التجمعات.',
    },
  },
  {
    code: 'movement_change', category: 'mobility', kind: 'observed',
    names: { en: 'Women and girls changing their movements', fr: 'Femmes et filles modifiant leurs déplacements', ar: 'تغيّر تنقلات النساء والفتيات' },
    descriptions: {
      en: 'Women and girls no longer going to the market, fields, water points or school, or going only in groups.',
      fr: 'Les femmes et les filles ne vont plus au marché, aux champs, aux points d’eau ou à l’école, ou seulement en groupe.',
      ar: 'لم تعد النساء والفتيات يذهبن إلى السوق أو الحقول أو نقاط المياه أو المدرسة، أو يذهبن في مجموعات فقط.',
    },
  },
];

/** The registry written at start: added when missing, words and counts brought in line; never removed. Returns rows changed. */
export async function seedIndicators(db: Db): Promise<number> {
  const rows = SEED_INDICATORS.map((s) => ({
    code: s.code, category: s.category, kind: s.kind, names: s.names, descriptions: s.descriptions,
    count: s.kind === 'computed' ? count(s.count ?? {}) : null,
  }));
  const written = await db.insert(warningIndicators).values(rows).onConflictDoUpdate({
    target: warningIndicators.code,
    set: { category: sql`excluded.category`, kind: sql`excluded.kind`, names: sql`excluded.names`, descriptions: sql`excluded.descriptions`, count: sql`excluded.count`, updatedAt: sql`now()` },
    setWhere: sql`(${warningIndicators.category}, ${warningIndicators.kind}, ${warningIndicators.names}, ${warningIndicators.descriptions}, ${warningIndicators.count})
      IS DISTINCT FROM (excluded.category, excluded.kind, excluded.names, excluded.descriptions, excluded.count)`,
  }).returning({ id: warningIndicators.id });
  return written.length;
}
