/**
 * Reference datasets' contract: public-source codings of sexual violence by armed actors per year (SVAC 3.2,
 * RSVAC), loaded as versioned data - never as incidents, never added to the mission's counts - linked to
 * the registry's parties, and shown beside a party's own figures with the dataset's citation. No Node
 * imports: the web bundle imports this file.
 *
 * Prevalence is the datasets' ordinal scale: 0 none reported, 1 isolated, 2 numerous, 3 massive; null is
 * "no report" (the files' -99, NA or blank), which is never 0.
 */
import { z } from './zod.ts';
import { PartyRef } from './parties.ts';
import { AreaListProblem, AreaListRejected } from './places.ts';
import { countryCode } from './values.ts';

export const REFERENCE_DATASETS = ['svac', 'rsvac'] as const;
export type ReferenceDataset = (typeof REFERENCE_DATASETS)[number];

/** The sources each dataset codes prevalence from: US State Department, Amnesty International, Human Rights Watch. */
export const PREVALENCE_SOURCES = ['state', 'ai', 'hrw'] as const;
export type PrevalenceSource = (typeof PREVALENCE_SOURCES)[number];
export const PREVALENCE_LEVELS = [0, 1, 2, 3] as const;
/** 0 none, 1 isolated, 2 numerous, 3 massive; null: no report. */
export const Prevalence = z.number().int().min(0).max(3).nullable();
export type Prevalence = z.infer<typeof Prevalence>;

/**
 * Forms of sexual violence as the datasets name them: SVAC's `form` codes 1-7 (rape, sexual slavery, forced
 * prostitution, forced pregnancy, forced sterilization/abortion, sexual mutilation, sexual torture), and
 * RSVAC's wider "sexual slavery and forced marriage" and its "sexual abuse". Not the incident taxonomy:
 * the datasets define their forms their own way.
 */
export const REFERENCE_FORMS = [
  'rape', 'sexual_slavery', 'forced_prostitution', 'forced_pregnancy', 'forced_sterilization_abortion', 'sexual_mutilation', 'sexual_torture',
  'sexual_slavery_forced_marriage', 'sexual_abuse',
] as const;
export type ReferenceForm = (typeof REFERENCE_FORMS)[number];

/** The citation shown with each dataset's figures (a version loaded may carry its own). */
export const DATASET_CITATIONS: Readonly<Record<ReferenceDataset, string>> = {
  svac: 'Cohen, Dara Kay and Ragnhild Nordås (2014), "Sexual violence in armed conflict: Introducing the SVAC dataset, 1989-2009", Journal of Peace Research 51(3). Data: sexualviolencedata.org.',
  rsvac: 'Dumaine, Logan, Ragnhild Nordås, Maria Gargiulo and Elisabeth Jean Wood (2022), "Repertoires of conflict-related sexual violence: Introducing the RSVAC data package", Journal of Peace Research, doi:10.1177/00223433211044674.',
};

/**
 * Where a version came from, as a reader's organisation sees it: the server's operator (the CLI, the demo),
 * a coordinator of the reader's organisation, or another organisation (never named; listed only when it is
 * the server's default or the reader's organisation loaded the same file).
 */
export const VERSION_ORIGINS = ['operator', 'own_organisation', 'other_organisation'] as const;
export type VersionOrigin = (typeof VERSION_ORIGINS)[number];

export const DatasetVersion = z.object({
  id: z.uuid(),
  dataset: z.enum(REFERENCE_DATASETS),
  label: z.string(),
  sha256: z.string(),
  rows: z.number().int(),
  actors: z.number().int(),
  firstYear: z.number().int().nullable(),
  lastYear: z.number().int().nullable(),
  citation: z.string(),
  loadedAt: z.string(),
  origin: z.enum(VERSION_ORIGINS),
  /** The email of the coordinator who loaded it, when it is one of the reader's organisation; else null. */
  loadedBy: z.string().nullable(),
  /** The version the reader's organisation reads: its own choice, else the server's default. */
  current: z.boolean(),
  /** The server's default (loaded by the operator): what every organisation that chose nothing reads. */
  serverDefault: z.boolean(),
});
export type DatasetVersion = z.infer<typeof DatasetVersion>;
/** The organisation's own choice of version (null: it reads the server's default). */
export const VersionChoice = z.object({ by: z.string().nullable(), at: z.string() });
export const DatasetList = z.object({
  items: z.array(z.object({
    dataset: z.enum(REFERENCE_DATASETS),
    current: DatasetVersion.nullable(),
    choice: VersionChoice.nullable(),
    /** The versions the organisation may read: the operator's, its own, the server's default; newest first. */
    versions: z.array(DatasetVersion),
  })),
});
export type DatasetList = z.infer<typeof DatasetList>;
/** A coordinator's choice: one of the versions listed, or null for the server's default. */
export const DatasetChoose = z.object({ versionId: z.uuid({ error: 'not_an_id' }).nullable() }).strict();
export type DatasetChoose = z.infer<typeof DatasetChoose>;

/** A version to load: the body is the CSV itself; these say what it is. */
export const DatasetLoadQuery = z.object({
  label: z.string().trim().min(1).max(40),
  citation: z.string().trim().max(600).optional(),
}).strict();
export const DatasetParams = z.object({ dataset: z.enum(REFERENCE_DATASETS) }).strict();

/**
 * What a load did: a new version, or the same file as a version already stored; either way it is now the
 * version the loader's organisation reads (the operator's load: the server's default). How its actors link
 * for the loader's organisation.
 */
export const DatasetLoaded = z.object({
  version: DatasetVersion,
  created: z.boolean(),
  rowsRead: z.number().int(),
  actors: z.number().int(),
  actorsLinked: z.number().int(),
  actorsUnmatched: z.number().int(),
});
export type DatasetLoaded = z.infer<typeof DatasetLoaded>;

/** One problem of a refused file: its row (the header is row 1; 0 for the file), column, value, the rule's code and the rule in English. */
export const DatasetProblem = AreaListProblem;
export type DatasetProblem = AreaListProblem;
/** A refused file: as a refused list of areas (its first problems listed, `problemCount` in all). */
export const DatasetRejected = AreaListRejected;
export type DatasetRejected = AreaListRejected;

/** How an actor of the datasets links to the registry: by UCDP actor id, by a name or alias, by the organisation's decision. */
export const ACTOR_LINK_VIAS = ['ucdp_id', 'name', 'decided'] as const;
export type ActorLinkVia = (typeof ACTOR_LINK_VIAS)[number];

/** An actor of the current versions as the matching screen lists it. */
export const ReferenceActor = z.object({
  key: z.string(),
  name: z.string(),
  ucdpActorId: z.string().nullable(),
  datasets: z.array(z.enum(REFERENCE_DATASETS)),
  firstYear: z.number().int(),
  lastYear: z.number().int(),
  locations: z.array(z.string()),
  rows: z.number().int(),
});
export type ReferenceActor = z.infer<typeof ReferenceActor>;
export const ActorCandidate = z.object({ party: PartyRef, name: z.string(), score: z.number() });
export const ActorDecision = ReferenceActor.extend({
  party: PartyRef.nullable(),
  /** not_in_registry: the organisation says the registry has no such party. */
  choice: z.enum(['not_in_registry']).nullable(),
  decidedAt: z.string(),
});
export type ActorDecision = z.infer<typeof ActorDecision>;
export const ActorMatching = z.object({
  actors: z.number().int(),
  linked: z.number().int(),
  unmatched: z.array(ReferenceActor.extend({ candidates: z.array(ActorCandidate) })),
  decided: z.array(ActorDecision),
});
export type ActorMatching = z.infer<typeof ActorMatching>;
export type UnmatchedActor = ActorMatching['unmatched'][number];

export const ActorDecide = z.object({
  key: z.string().min(1).max(400),
  partyId: z.uuid({ error: 'not_an_id' }).optional(),
  choice: z.enum(['not_in_registry']).optional(),
}).strict().refine((b) => (b.partyId === undefined) !== (b.choice === undefined), { path: ['partyId'], message: 'party_or_not_in_registry' });
export type ActorDecide = z.infer<typeof ActorDecide>;
export const ActorUndo = z.object({ key: z.string().min(1).max(400) }).strict();

const SourceFigures = { max: Prevalence, state: Prevalence, ai: Prevalence, hrw: Prevalence };
/** One year of SVAC for a party: each source, the maximum over them, against children, the forms reported (null: no report). */
export const SvacYear = z.object({ year: z.number().int(), ...SourceFigures, child: Prevalence, forms: z.array(z.enum(REFERENCE_FORMS)).nullable(), rows: z.number().int() });
export type SvacYear = z.infer<typeof SvacYear>;
/** One year of RSVAC for a party: per form, each source and the maximum over them. */
export const RsvacYear = z.object({ year: z.number().int(), forms: z.array(z.object({ form: z.enum(REFERENCE_FORMS), ...SourceFigures })) });
export type RsvacYear = z.infer<typeof RsvacYear>;
export const VersionRef = z.object({ id: z.uuid(), label: z.string(), citation: z.string() });
export const LinkedActor = z.object({ key: z.string(), name: z.string(), ucdpActorId: z.string().nullable(), via: z.enum(ACTOR_LINK_VIAS) });
export const PartyPrevalence = z.object({
  partyId: z.uuid(),
  svac: z.object({ version: VersionRef, actors: z.array(LinkedActor), years: z.array(SvacYear) }).nullable(),
  rsvac: z.object({ version: VersionRef, actors: z.array(LinkedActor), years: z.array(RsvacYear) }).nullable(),
});
export type PartyPrevalence = z.infer<typeof PartyPrevalence>;

/** The dashboard's panel: parties with their latest and highest SVAC prevalence (max over the sources). */
export const ReferenceOverviewQuery = z.object({
  country: countryCode.optional(),
  party: z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.uuid({ error: 'not_an_id' })).max(200)).optional(),
}).strict();
export const ReferenceOverview = z.object({
  version: VersionRef.nullable(),
  countries: z.array(z.string()),
  items: z.array(z.object({
    party: PartyRef,
    latest: z.object({ year: z.number().int(), max: Prevalence }),
    highest: z.object({ year: z.number().int(), max: Prevalence }).nullable(),
  })),
});
export type ReferenceOverview = z.infer<typeof ReferenceOverview>;
