// Why: a draft's content is the form's own state, kept on the server (encrypted) and never in the browser.
// Read back, it is untrusted input from an earlier version of the app: every field is checked and anything
// unexpected falls back to the empty form's value, so a draft always opens (and the schema then reports
// what is still missing).
import { z } from 'zod';
import {
  AGE_GROUPS, CONSENT_SCOPES, DISPLACEMENT_STAGES, DISPLAY_LEVELS, DISPLACEMENT_STATUSES, LOCATION_PRECISIONS, NOT_VERIFIED_REASONS, PERPETRATOR_CATEGORIES,
  REFERRAL_STATUSES, SERVICES, SETTINGS, SEXES, SOURCE_CONNECTIONS, SOURCE_RELIABILITY, SOURCE_TYPES, SV_FORMS, TIMES_OF_DAY, VERIFICATION_STATUSES,
} from '../../src/shared/taxonomy.ts';
import { ORG_CODE } from '../../src/shared/lookup.ts';
import { PARTY_SPECIAL_CHOICES } from '../../src/shared/parties.ts';
import { newKey } from './formRows.ts';
import type { FormState } from './incidentForm.ts';
import { emptyTally } from './incidentForm.ts';

/** Version of the layout below; a draft of another layout is not offered as readable. */
const FORMAT = 1;

const text = (max = 200) => z.string().max(max).catch('');
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.union([z.enum(values), z.literal('')]).catch('');
/** Extensible lists: a core code, an organisation's own (x_..., checked by the server when recorded), or none. */
const extensible = <T extends readonly [string, ...string[]]>(values: T) => z.union([z.enum(values), z.string().regex(ORG_CODE), z.literal('')]).catch('');
const fixed = <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) => z.enum(values).catch(fallback);
const tri = z.enum(['', 'yes', 'no']).catch('');
const flag = z.boolean().catch(false);
const tally = z.object({ women: text(12), girls: text(12), men: text(12), boys: text(12), unknown: text(12) }).catch(emptyTally);
/** Rows get fresh React keys (a saved key means nothing). */
const rows = <S extends z.ZodRawShape>(shape: S, max: number) =>
  z.array(z.object(shape).transform((r) => ({ ...r, key: newKey() }))).max(max).catch([]);

const FormDraft = z.object({
  occurredFrom: text(10), occurredTo: text(10), dateEstimated: flag,
  country: text(3), otherCountry: flag, admin1: text(120), admin2: text(120), locality: text(200),
  hasCoordinates: flag, lat: text(40), lon: text(40), precision: choice(LOCATION_PRECISIONS), displayLevel: fixed(DISPLAY_LEVELS, 'admin2'),
  victims: tally,
  // Drafts saved before the field existed read as "the number is known".
  victimCountUnknown: flag,
  violations: rows({ form: choice(SV_FORMS), victims: tally }, 50),
  survivors: rows({
    code: text(40), sex: choice(SEXES), age: text(12), ageGroup: choice(AGE_GROUPS), child: tri, disability: tri,
    displacement: choice(DISPLACEMENT_STATUSES), nationality: text(3),
  }, 500),
  perpetrators: rows({
    party: text(), partyId: z.uuid().nullable().catch(null), partyChoice: z.enum(PARTY_SPECIAL_CHOICES).nullable().catch(null),
    category: fixed(PERPETRATOR_CATEGORIES, 'unknown'), number: text(12), inUniform: tri, rank: text(100),
  }, 50),
  sources: rows({
    type: extensible(SOURCE_TYPES), reliability: fixed(SOURCE_RELIABILITY, 'unknown'), connection: fixed(SOURCE_CONNECTIONS, 'unknown'),
    date: text(10), organisation: text(),
  }, 100),
  referrals: rows({ service: extensible(SERVICES), status: fixed(REFERRAL_STATUSES, 'referred'), date: text(10), provider: text(), consented: flag }, 50),
  status: fixed(VERIFICATION_STATUSES, 'reported'), reason: choice(NOT_VERIFIED_REASONS),
  narrative: text(50000),
  assignedTo: z.array(z.uuid()).max(20).catch([]),
  consent: z.array(z.enum(CONSENT_SCOPES)).max(CONSENT_SCOPES.length).catch(['agency_only']),
  setting: extensible(SETTINGS), timeOfDay: choice(TIMES_OF_DAY), displacementStage: choice(DISPLACEMENT_STAGES), abduction: tri, detention: tri,
}) satisfies z.ZodType<FormState>;

const DraftData = z.object({ format: z.literal(FORMAT), form: FormDraft });

/** What is saved as a draft's `data`. */
export const draftData = (form: FormState): Record<string, unknown> => ({ format: FORMAT, form });

/** The form state a draft holds, or null when it is not a draft this version of the app can read. */
export function formFromDraft(data: unknown): FormState | null {
  const parsed = DraftData.safeParse(data);
  if (!parsed.success) return null;
  // A violation is always present (the form starts with one); keep that so the step looks as it did.
  const form = parsed.data.form;
  return form.violations.length > 0 ? form : { ...form, violations: [{ key: newKey(), form: '', victims: emptyTally() }] };
}
