/**
 * Classification of every stored incident field (DEVELOPERS.md: classify before storing).
 * - public: may appear in published material as is (nothing at record level yet).
 * - restricted: visible to roles allowed to see the record; stored in clear for filtering; leaves the
 *   restricted tier only as protected aggregates.
 * - identifying: could identify a person; encrypted in the application (envelope encryption), shown only
 *   on the detail view to roles allowed to read the record, and every such read is audited.
 */
export type FieldClass = 'public' | 'restricted' | 'identifying';

export const INCIDENT_FIELD_CLASSES = {
  reference: 'restricted',
  occurredFrom: 'restricted',
  occurredTo: 'restricted',
  dateEstimated: 'restricted',
  'place.country': 'restricted',
  'place.admin1': 'restricted',
  'place.admin2': 'restricted',
  'place.displayLevel': 'restricted',
  'place.locality': 'identifying',
  'place.coordinates': 'identifying',
  victims: 'restricted',
  /** The number of victims is not known (the tally holds those known). */
  victimCountUnknown: 'restricted',
  /** Keyed hash of what an import last gave the record (tells a changed row of a re-import). */
  importDigest: 'restricted',
  violations: 'restricted',
  /** Derived summary of `perpetrators` (the parties, joined). */
  perpetratorParty: 'restricted',
  /** Party, category, number, uniform, rank: about alleged perpetrators, not survivors. */
  perpetrators: 'restricted',
  /** Kind, reliability, connection, date, contributing organisation: never the source's identity. */
  sources: 'restricted',
  /** Service, status, date, provider organisation, consent to the referral. */
  referrals: 'restricted',
  /**
   * Individual victims: survivor code and profile (sex, age, child, disability, displacement, nationality).
   * Together these can single a person out, so the whole list is identifying and sealed with the narrative.
   */
  survivors: 'identifying',
  /** The record's id in the system it was imported from. */
  externalId: 'restricted',
  verification: 'restricted',
  /** The decision's grounds: about sources and process, never a person (the note's hint says: no names). */
  'verification.standard': 'restricted',
  'verification.reliedOnSources': 'restricted',
  'verification.note': 'restricted',
  'verification.selfDecisionJustification': 'restricted',
  /** How four eyes was met (coordinator, partner reviewer, recorder with justification). */
  'verification.route': 'restricted',
  /** The record put to a partner reviewer: who, by whom, when, whether the narrative is shared, a note. */
  review: 'restricted',
  narrative: 'identifying',
  assignedTo: 'restricted',
  deletion: 'restricted',
  consent: 'restricted',
  context: 'restricted',
  erasure: 'restricted',
  /** Versions carry the same classes as the fields they copy (identifying parts sealed, as above). */
  history: 'restricted',
} as const satisfies Record<string, FieldClass>;

export const IDENTIFYING_INCIDENT_FIELDS = Object.entries(INCIDENT_FIELD_CLASSES)
  .filter(([, c]) => c === 'identifying')
  .map(([f]) => f);

/**
 * Classification of the stored account fields administrators manage (users, recovery codes, verification
 * runs). Staff accounts are not survivors' data, but their credentials are secrets: the TOTP secret is sealed
 * (identifying tier: application encryption), passwords and recovery codes are only stored as hashes.
 */
export const ACCOUNT_FIELD_CLASSES = {
  email: 'restricted',
  role: 'restricted',
  disabledAt: 'restricted',
  lockedUntil: 'restricted',
  /** When the password step last succeeded; shown to the organisation's administrators. */
  lastSignInAt: 'restricted',
  /** The password was handed out by an administrator and must be replaced at the next sign-in. */
  mustChangePassword: 'restricted',
  totpEnabled: 'restricted',
  totpSecret: 'identifying',
  /** HMAC of each one-time recovery code (never the code), with when it was used. */
  recoveryCodes: 'restricted',
  /** Outcome of audit chain verifications: states, counts, the first broken entry's id, never contents. */
  auditVerifications: 'restricted',
} as const satisfies Record<string, FieldClass>;

/**
 * Administrative areas are reference data shared by every organisation (no survivor information): every
 * column is public, the search key too (the names folded into words, places/search.ts).
 */
export const ADMIN_AREA_FIELD_CLASSES = {
  code: 'public', country: 'public', level: 'public', name: 'public', nameFr: 'public', nameAr: 'public', parentCode: 'public',
  searchKey: 'public', source: 'public', updatedAt: 'public',
} as const satisfies Record<string, FieldClass>;

/**
 * An organisation's settings (organisation_settings, organisations.require_totp): process rules, no survivor
 * data. Reviewers are named by account; their emails are shown to the organisation's coordinators and
 * recorders who put records to them.
 */
export const ORGANISATION_SETTINGS_FIELD_CLASSES = {
  fourEyesMode: 'restricted',
  reviewerIds: 'restricted',
  completeness: 'restricted',
  narrativeMaxLength: 'restricted',
  requireTotp: 'restricted',
} as const satisfies Record<string, FieldClass>;

/**
 * The parties registry (src/parties): parties to conflict, their names, ids, relations and merges. Nothing
 * about survivors. The shared reference layer (rows without an organisation: seeded from UCDP/PRIO and SVAC)
 * is public; an organisation's own rows (its parties, its aliases, ids and relations, its merges) are
 * restricted organisation data, seen only by its members.
 */
export const PARTY_FIELD_CLASSES = {
  reference: 'public',
  name: 'restricted', shortName: 'restricted', category: 'restricted', countries: 'restricted', parentId: 'restricted',
  activeFrom: 'restricted', activeTo: 'restricted', status: 'restricted', mergedInto: 'restricted', source: 'restricted', note: 'restricted',
  names: 'restricted', externalIds: 'restricted', relations: 'restricted', merges: 'restricted',
  /** Folded names (search-key.ts): derived from the names, classed as they are. */
  searchKey: 'restricted', exactKey: 'restricted',
} as const satisfies Record<string, FieldClass>;

/**
 * Commitments and compliance (src/commitments), by table and column: about parties and their commitments,
 * never about survivors, and restricted organisation data throughout. Signatories (names of office holders)
 * and evidence texts are restricted free text; uploaded files and their names are sealed like identifying
 * fields (envelope encryption), since a file can hold more than its uploader meant. Ids, owners and times are
 * the rows' bookkeeping, restricted with them.
 */
const r = 'restricted' as const;
const sealed = 'identifying' as const;
export const COMMITMENT_FIELD_CLASSES = {
  commitment_files: { id: r, organisationId: r, nameSealed: sealed, contentSealed: sealed, contentType: r, size: r, uploadedBy: r, uploadedAt: r },
  commitments: {
    id: r, organisationId: r, kind: r, title: r, signedOn: r, signatories: r, referenceUrl: r, fileId: r, createdBy: r, createdAt: r, updatedBy: r, updatedAt: r,
    deletedAt: r, deletedBy: r, deletionReason: r,
  },
  commitment_parties: { id: r, organisationId: r, commitmentId: r, partyId: r },
  commitment_measures: {
    id: r, organisationId: r, commitmentId: r, position: r, kind: r, description: r, deadline: r, responsibleBody: r, progress: r,
    createdBy: r, createdAt: r, updatedBy: r, updatedAt: r,
  },
  measure_evidence: {
    id: r, organisationId: r, measureId: r, date: r, text: r, fileId: r, progress: r, recordedBy: r, recordedAt: r, withdrawnAt: r, withdrawnBy: r, withdrawalReason: r,
  },
  party_listings: { id: r, organisationId: r, partyId: r, reportYear: r, listing: r, reportSymbol: r, paragraph: r, note: r, recordedBy: r, createdAt: r, updatedAt: r },
  party_assessments: { id: r, organisationId: r, partyId: r, text: r, writtenBy: r, writtenAt: r },
} as const satisfies Record<string, Record<string, FieldClass>>;

/**
 * Early warning (src/warnings): the shared indicator registry is public (our words about kinds of signals,
 * no one's data); an organisation's own indicators, and everything else, are its restricted data. Observation
 * notes and alert notes are short restricted texts about events and actions (the forms ask for no names), as
 * verification notes are. Alerts hold exact counts over all the organisation's records: coordinators only.
 */
const p = 'public' as const;
export const WARNING_FIELD_CLASSES = {
  warning_indicators: {
    id: p, organisationId: r, code: p, category: p, kind: p, names: p, descriptions: p, count: p, retiredAt: p, createdBy: r, createdAt: p, updatedAt: p,
  },
  warning_observations: {
    id: r, organisationId: r, indicatorId: r, observedOn: r, country: r, admin1: r, admin2: r, partyId: r, severity: r, note: r,
    recordedBy: r, recordedAt: r, deletedAt: r, deletedBy: r, deletionReason: r,
  },
  warning_rules: {
    id: r, organisationId: r, name: r, kind: r, country: r, admin1: r, admin2: r, per: r, params: r, active: r, version: r, lastEvaluatedOn: r,
    createdBy: r, createdAt: r, updatedBy: r, updatedAt: r,
  },
  warning_alerts: {
    id: r, organisationId: r, ruleId: r, ruleVersion: r, key: r, country: r, admin1: r, admin2: r, partyId: r, status: r, episodeStart: r, episodeEnd: r,
    explanation: r, latest: r, incidentIds: r, incidentTotal: r, observationIds: r, raisedAt: r, updatedAt: r,
  },
  warning_alert_events: { id: r, organisationId: r, alertId: r, kind: r, action: r, note: r, byUser: r, at: r },
} as const satisfies Record<string, Record<string, FieldClass>>;

/**
 * Reference datasets (src/reference), by table and column. Versions and their rows are public: published
 * codings of public reports (SVAC, RSVAC), the same for every organisation, without RSVAC's narrative notes;
 * who loaded a version is bookkeeping kept with it. Which version an organisation reads, and how it links an
 * actor to a party, are its own decisions: restricted organisation data.
 */
export const REFERENCE_FIELD_CLASSES = {
  reference_dataset_versions: {
    id: p, dataset: p, label: p, sha256: p, rowCount: p, actorCount: p, firstYear: p, lastYear: p, citation: p, loadedAt: p,
    loadedBy: r, loadedByOrganisation: r, current: p,
  },
  reference_rows: {
    versionId: p, rowNumber: p, year: p, conflictId: p, actor: p, ucdpActorId: p, actorKey: p, actorType: p, location: p, gwno: p,
    conflictYear: p, interim: p, postConflict: p, statePrev: p, aiPrev: p, hrwPrev: p, childPrev: p, forms: p, multiplePerpetrators: p,
  },
  reference_actor_decisions: { organisationId: r, actorKey: r, actor: r, partyId: r, choice: r, decidedBy: r, decidedAt: r },
  reference_current_versions: { organisationId: r, dataset: r, versionId: r, chosenBy: r, chosenAt: r },
} as const satisfies Record<string, Record<string, FieldClass>>;

/**
 * Reports (src/reports), by table and column. The built-in templates are public wording; an organisation's own
 * templates, its reports, narratives, versions (their snapshots hold protected figures, narratives and the
 * names of parties) and comments are its restricted data: a version leaves the organisation only as the
 * documents of an approved version, read by viewers. Narratives are written for headquarters: the forms ask
 * for no names of survivors or witnesses, as verification notes do.
 */
export const REPORT_FIELD_CLASSES = {
  report_templates: { id: p, organisationId: r, kind: p, version: p, title: p, sections: p, createdBy: r, createdAt: p },
  reports: { id: r, organisationId: r, kind: r, title: r, period: r, periodFrom: r, periodTo: r, partyId: r, annexParties: r, createdBy: r, createdAt: r, updatedAt: r },
  report_narratives: { reportId: r, key: r, text: r, updatedBy: r, updatedAt: r },
  report_versions: { id: r, organisationId: r, reportId: r, number: r, templateId: r, snapshot: r, sha256: r, status: r, createdBy: r, createdAt: r },
  report_events: { id: r, versionId: r, action: r, status: r, note: r, byUser: r, at: r },
  report_comments: { id: r, versionId: r, section: r, text: r, byUser: r, at: r },
  report_generations: {
    id: r, organisationId: r, reportId: r, state: r, progress: r, step: r, versionNumber: r, error: r, requestedBy: r, createdAt: r, updatedAt: r,
  },
} as const satisfies Record<string, Record<string, FieldClass>>;
