/** Shapes what leaves the API. Summaries never carry identifying fields; details carry them decrypted. */
import type { IncidentDetail, IncidentSummary, Perpetrator, Referral, Source, Survivor, VictimTally } from '../shared/incident.ts';
import type { IncidentRow, ViolationRow } from './store.ts';
import { isLateVerification } from './verification.ts';

/** Every key present, unknown as null: the stored and presented shape of the record's lists. */
export const fullSurvivor = (s: Survivor): Required<Survivor> => ({
  code: s.code, sex: s.sex, age: s.age ?? null, ageGroup: s.ageGroup ?? null, child: s.child ?? null,
  disability: s.disability ?? null, displacement: s.displacement ?? null, nationality: s.nationality ?? null,
});
export const fullPerpetrator = (p: Perpetrator): Required<Perpetrator> => ({
  party: p.party || null, partyId: p.partyId ?? null, partyChoice: p.partyChoice ?? null,
  category: p.category, number: p.number ?? null, inUniform: p.inUniform ?? null, rank: p.rank || null,
});
export const fullSource = (s: Source): Required<Source> => ({
  type: s.type, reliability: s.reliability, connection: s.connection, date: s.date ?? null, organisation: s.organisation || null,
});
export const fullReferral = (r: Referral): Required<Referral> => ({
  service: r.service, status: r.status, date: r.date ?? null, provider: r.provider || null, consented: r.consented,
});

export interface SensitiveFields {
  narrative: string;
  locality: string | null;
  coordinates: IncidentDetail['place']['coordinates'];
  /** Individual victims (pseudonymous entries): identifying as a whole. */
  survivors: IncidentDetail['survivors'];
}

export const tally = (r: VictimTally): VictimTally => ({ women: r.women, girls: r.girls, men: r.men, boys: r.boys, unknown: r.unknown });

export function presentSummary(row: IncidentRow, forms: string[]): IncidentSummary {
  return {
    id: row.id,
    reference: row.reference,
    occurredFrom: row.occurredFrom,
    occurredTo: row.occurredTo,
    dateEstimated: row.dateEstimated,
    place: { country: row.country, admin1: row.admin1, admin2: row.admin2, displayLevel: row.displayLevel as IncidentSummary['place']['displayLevel'] },
    victims: tally(row),
    victimCountUnknown: row.victimCountUnknown,
    forms: forms as IncidentSummary['forms'],
    perpetratorParty: row.perpetratorParty,
    verification: {
      status: row.verificationStatus as IncidentSummary['verification']['status'],
      notVerifiedReason: row.notVerifiedReason as IncidentSummary['verification']['notVerifiedReason'],
      late: isLateVerification({ status: row.verificationStatus as IncidentSummary['verification']['status'], occurredFrom: row.occurredFrom, occurredTo: row.occurredTo, decidedAt: row.decidedAt }),
      selfDecided: row.decisionRoute === 'recorder_justified',
    },
    linkedTo: row.canonicalId,
    externalId: row.externalId,
    consent: row.consent as IncidentSummary['consent'],
    context: {
      setting: row.setting,
      timeOfDay: row.timeOfDay as IncidentSummary['context']['timeOfDay'],
      displacementStage: row.displacementStage as IncidentSummary['context']['displacementStage'],
      abduction: row.abduction,
      detention: row.detention,
    },
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export type OpenReview = IncidentDetail['verification']['review'];
type Verification = IncidentDetail['verification'];

export function presentDetail(row: IncidentRow, violations: ViolationRow[], sensitive: SensitiveFields, review: OpenReview = null): IncidentDetail {
  const { place, forms: _forms, verification, ...summary } = presentSummary(row, []);
  return {
    ...summary,
    organisationId: row.organisationId,
    place: { ...place, locality: sensitive.locality, coordinates: sensitive.coordinates },
    violations: violations.map((v) => ({ id: v.id, form: v.form as IncidentDetail['violations'][number]['form'], victims: tally(v) })),
    verification: {
      ...verification, decidedAt: row.decidedAt?.toISOString() ?? null, decidedBy: row.decidedBy,
      standard: row.verificationStandard as Verification['standard'],
      reliedOnSources: row.reliedOnSources,
      note: row.decisionNote,
      selfDecisionJustification: row.selfDecisionJustification,
      route: row.decisionRoute as Verification['route'],
      review,
    },
    narrative: sensitive.narrative,
    survivors: sensitive.survivors,
    // Stored before the registry, an entry may lack the link's keys: every key present, unknown as null.
    perpetrators: (row.perpetrators).map(fullPerpetrator),
    sources: row.sources as IncidentDetail['sources'],
    referrals: row.referrals as IncidentDetail['referrals'],
    assignedTo: row.assignedTo,
    erasedAt: row.erasedAt?.toISOString() ?? null,
    identifyingWithheld: false,
  };
}

/** The detail as a reader who may not see identifying fields gets it: those fields empty, and said so. */
export function withholdIdentifying(d: IncidentDetail): IncidentDetail {
  return { ...d, narrative: '', survivors: [], place: { ...d.place, locality: null, coordinates: null }, identifyingWithheld: true };
}
