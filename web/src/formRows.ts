// Why: the repeatable parts of the incident form (individual victims, perpetrators, sources, referrals) as the
// inputs hold them (strings, so a field can be empty while typing), and their translation to and from the
// shared contract. The schema decides validity; these functions only reshape.
import type { Perpetrator, Referral, Source, Survivor } from '../../src/shared/incident.ts';
import type { PartySpecialChoice } from '../../src/shared/parties.ts';
import type {
  AGE_GROUPS, DISPLACEMENT_STATUSES, PERPETRATOR_CATEGORIES, REFERRAL_STATUSES, SERVICES, SEXES, SOURCE_CONNECTIONS, SOURCE_RELIABILITY, SOURCE_TYPES,
} from '../../src/shared/taxonomy.ts';

export type Sex = (typeof SEXES)[number];
export type AgeGroup = (typeof AGE_GROUPS)[number];
export type DisplacementStatus = (typeof DISPLACEMENT_STATUSES)[number];
export type PerpetratorCategory = (typeof PERPETRATOR_CATEGORIES)[number];
export type SourceType = (typeof SOURCE_TYPES)[number] | (string & {});
export type SourceReliability = (typeof SOURCE_RELIABILITY)[number];
export type SourceConnection = (typeof SOURCE_CONNECTIONS)[number];
export type Service = (typeof SERVICES)[number] | (string & {});
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Yes / no / not known (empty: sent as null, never guessed). */
export type TriState = '' | 'yes' | 'no';
export const triFrom = (b: boolean | null | undefined): TriState => (b === null || b === undefined ? '' : b ? 'yes' : 'no');
export const triTo = (v: TriState): boolean | null => (v === '' ? null : v === 'yes');

let nextKey = 1;
/** React keys for repeated entries (never sent, never saved as meaning anything). */
export const newKey = (): number => nextKey++;

export interface SurvivorState {
  key: number; code: string; sex: Sex | ''; age: string; ageGroup: AgeGroup | ''; child: TriState; disability: TriState;
  displacement: DisplacementStatus | ''; nationality: string;
}
/** `party` is the name as written; `partyId` the registry party it names, or `partyChoice` an explicit "not known". */
export interface PerpetratorState { key: number; party: string; partyId: string | null; partyChoice: PartySpecialChoice | null; category: PerpetratorCategory; number: string; inUniform: TriState; rank: string }
export interface SourceState { key: number; type: SourceType | ''; reliability: SourceReliability; connection: SourceConnection; date: string; organisation: string }
export interface ReferralState { key: number; service: Service | ''; status: ReferralStatus; date: string; provider: string; consented: boolean }

export const emptySurvivor = (): SurvivorState => ({
  key: newKey(), code: '', sex: '', age: '', ageGroup: '', child: '', disability: '', displacement: '', nationality: '',
});
export const emptyPerpetrator = (): PerpetratorState => ({ key: newKey(), party: '', partyId: null, partyChoice: null, category: 'unknown', number: '', inUniform: '', rank: '' });
export const emptySource = (): SourceState => ({ key: newKey(), type: '', reliability: 'unknown', connection: 'unknown', date: '', organisation: '' });
export const emptyReferral = (): ReferralState => ({ key: newKey(), service: '', status: 'referred', date: '', provider: '', consented: false });

const text = (v: string | null | undefined): string => v ?? '';
const num = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

export const survivorFrom = (s: Survivor): SurvivorState => ({
  key: newKey(), code: s.code, sex: s.sex, age: num(s.age), ageGroup: s.ageGroup ?? '', child: triFrom(s.child),
  disability: triFrom(s.disability), displacement: s.displacement ?? '', nationality: text(s.nationality),
});
export const perpetratorFrom = (p: Perpetrator): PerpetratorState => ({
  key: newKey(), party: text(p.party), partyId: p.partyId ?? null, partyChoice: p.partyChoice ?? null, category: p.category, number: num(p.number), inUniform: triFrom(p.inUniform), rank: text(p.rank),
});
export const sourceFrom = (s: Source): SourceState => ({
  key: newKey(), type: s.type, reliability: s.reliability, connection: s.connection, date: text(s.date), organisation: text(s.organisation),
});
export const referralFrom = (r: Referral): ReferralState => ({
  key: newKey(), service: r.service, status: r.status, date: text(r.date), provider: text(r.provider), consented: r.consented,
});

/** Empty text is absent (null); the schema trims and bounds the rest. */
export const orNull = (s: string): string | null => (s.trim() === '' ? null : s);
/** Empty is absent; anything else goes to the schema as a number (NaN and decimals are reported there). */
const numberOrNull = (s: string): number | null => (s.trim() === '' ? null : Number(s));
/** A required choice left empty is sent as absent, so the schema says "is required". */
const chosen = <T extends string>(v: T | ''): T | undefined => (v === '' ? undefined : v);

export const survivorPayload = (s: SurvivorState) => ({
  code: s.code, sex: chosen(s.sex), age: numberOrNull(s.age), ageGroup: s.ageGroup || null, child: triTo(s.child),
  disability: triTo(s.disability), displacement: s.displacement || null, nationality: orNull(s.nationality),
});
export const perpetratorPayload = (p: PerpetratorState) => ({
  party: orNull(p.party), partyId: p.partyId, partyChoice: p.partyChoice, category: p.category, number: numberOrNull(p.number), inUniform: triTo(p.inUniform), rank: orNull(p.rank),
});
export const sourcePayload = (s: SourceState) => ({
  type: chosen(s.type), reliability: s.reliability, connection: s.connection, date: orNull(s.date), organisation: orNull(s.organisation),
});
export const referralPayload = (r: ReferralState) => ({
  service: chosen(r.service), status: r.status, date: orNull(r.date), provider: orNull(r.provider), consented: r.consented,
});

/** Shapes the record tables show: the detail page's entries, or the form's entries on the review step. */
export interface SurvivorView {
  code: string; sex: Sex | null; age: number | null; ageGroup: AgeGroup | null; child: boolean | null; disability: boolean | null;
  displacement: DisplacementStatus | null; nationality: string | null;
}
export interface PerpetratorView { party: string | null; partyId?: string | null; partyChoice?: PartySpecialChoice | null; category: PerpetratorCategory; number: number | null; inUniform: boolean | null; rank: string | null }
export interface SourceView { type: SourceType | null; reliability: SourceReliability; connection: SourceConnection; date: string | null; organisation: string | null }
export interface ReferralView { service: Service | null; status: ReferralStatus; date: string | null; provider: string | null; consented: boolean }

/** A number as typed, or null when it is not one (the review shows it as not specified; the step shows the error). */
const shownNumber = (s: string): number | null => {
  const n = numberOrNull(s);
  return n !== null && Number.isFinite(n) ? n : null;
};
const trimmed = (s: string): string | null => (s.trim() === '' ? null : s.trim());

export const survivorView = (s: SurvivorState): SurvivorView => ({
  code: s.code.trim(), sex: s.sex || null, age: shownNumber(s.age), ageGroup: s.ageGroup || null, child: triTo(s.child),
  disability: triTo(s.disability), displacement: s.displacement || null, nationality: trimmed(s.nationality),
});
export const perpetratorView = (p: PerpetratorState): PerpetratorView => ({
  party: trimmed(p.party), partyId: p.partyId, partyChoice: p.partyChoice, category: p.category, number: shownNumber(p.number), inUniform: triTo(p.inUniform), rank: trimmed(p.rank),
});
export const sourceView = (s: SourceState): SourceView => ({
  type: s.type || null, reliability: s.reliability, connection: s.connection, date: trimmed(s.date), organisation: trimmed(s.organisation),
});
export const referralView = (r: ReferralState): ReferralView => ({
  service: r.service || null, status: r.status, date: trimmed(r.date), provider: trimmed(r.provider), consented: r.consented,
});
