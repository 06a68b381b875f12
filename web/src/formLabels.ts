// Why: the translated name of every field of the incident form by its dotted path ("Source 2 – Type"), used to
// name a field in validation messages inline and in the error summary, and the control a path leads to.
import type { TFunction } from 'i18next';
import { VICTIM_CATEGORIES } from '../../src/shared/taxonomy.ts';
import type { VictimCategory } from '../../src/shared/taxonomy.ts';
import { fieldLabel } from '../../src/shared/messages.ts';
import { formLabel, victimLabel } from './format.ts';
import { translate } from './issues.ts';
import { fieldId } from './incidentForm.ts';
import type { FormState } from './incidentForm.ts';

const LABEL_KEYS = {
  occurredFrom: 'incident.occurredFrom', occurredTo: 'incident.occurredTo', dateEstimated: 'incident.dateEstimated',
  place: 'incident.place', 'place.country': 'incident.country', 'place.admin1': 'incident.admin1',
  'place.admin2': 'incident.admin2', 'place.locality': 'incident.locality', 'place.coordinates': 'incident.coordinates',
  'place.coordinates.lat': 'incident.lat', 'place.coordinates.lon': 'incident.lon',
  'place.coordinates.precision': 'incident.precision', 'place.displayLevel': 'lookups.displayLevel.label', victims: 'incident.victims', violations: 'incident.violations',
  survivors: 'incident.survivors', perpetrators: 'incident.perpetrators', sources: 'incident.sources', referrals: 'incident.referrals',
  verification: 'incident.verification',
  'verification.status': 'incident.status', 'verification.notVerifiedReason': 'incident.notVerifiedReason',
  narrative: 'incident.narrative', assignedTo: 'incident.assignedTo',
  consent: 'incident.consent', context: 'incident.context', 'context.setting': 'incident.setting',
  'context.timeOfDay': 'incident.timeOfDay', 'context.displacementStage': 'incident.displacementStage',
  'context.abduction': 'incident.abduction', 'context.detention': 'incident.detention',
} as const;

/** Fields of each repeated entry, and the heading of the entry ("Source 2"). */
const ROWS = {
  survivors: {
    entry: 'survivor.entryN',
    fields: {
      code: 'survivor.code', sex: 'survivor.sex', age: 'survivor.age', ageGroup: 'survivor.ageGroup', child: 'survivor.child',
      disability: 'survivor.disability', displacement: 'survivor.displacement', nationality: 'survivor.nationality',
    },
  },
  perpetrators: {
    entry: 'perpetrator.entryN',
    fields: { party: 'perpetrator.party', category: 'perpetrator.category', number: 'perpetrator.number', inUniform: 'perpetrator.inUniform', rank: 'perpetrator.rank' },
  },
  sources: {
    entry: 'source.entryN',
    fields: { type: 'source.type', reliability: 'source.reliability', connection: 'source.connection', date: 'source.date', organisation: 'source.organisation' },
  },
  referrals: {
    entry: 'referral.entryN',
    fields: { service: 'referral.service', status: 'referral.status', date: 'referral.date', provider: 'referral.provider', consented: 'referral.consented' },
  },
} as const;
type RowList = keyof typeof ROWS;
type RowFieldKey = { [L in RowList]: (typeof ROWS)[L]['fields'][keyof (typeof ROWS)[L]['fields']] }[RowList];

const isCategory = (s: string | undefined): s is VictimCategory => VICTIM_CATEGORIES.some((c) => c === s);
const isRowList = (s: string | undefined): s is RowList => s !== undefined && Object.hasOwn(ROWS, s);

function rowLabel(t: TFunction, list: RowList, index: number, field: string | undefined): string {
  const row = ROWS[list];
  const head = t(row.entry, { n: index + 1 });
  if (field === undefined) return head;
  const fields: Record<string, RowFieldKey> = row.fields;
  const key = fields[field];
  return key ? `${head} – ${t(key)}` : head;
}

/** Translated label of a dotted path, used to name the field in validation messages. */
export function labelFor(t: TFunction, path: string, form?: FormState): string {
  if (path === '' || path === 'body') return t('form.formWide');
  if (path.startsWith('assignedTo.')) return t('incident.assignedTo');
  if (path.startsWith('consent.')) return t('incident.consent');
  if (path in LABEL_KEYS) return t(LABEL_KEYS[path as keyof typeof LABEL_KEYS]);
  const parts = path.split('.');
  if (parts[0] === 'victims' && isCategory(parts[1])) return `${t('incident.victims')} – ${victimLabel(t, parts[1])}`;
  if (isRowList(parts[0]) && parts[1] !== undefined) return rowLabel(t, parts[0], Number(parts[1]), parts[2]);
  if (parts[0] === 'violations' && parts[1] !== undefined) {
    const i = Number(parts[1]);
    const chosen = form?.violations[i]?.form;
    const head = t('incident.violationN', { n: i + 1 }) + (chosen ? ` (${formLabel(t, chosen)})` : '');
    if (parts[2] === 'form') return `${head} – ${t('incident.form')}`;
    if (parts[2] === 'victims' && isCategory(parts[3])) return `${head} – ${victimLabel(t, parts[3])}`;
    if (parts[2] === 'victims') return `${head} – ${t('incident.victims')}`;
    return head;
  }
  // Any other field by the shared catalogue's label (the one the server's messages use).
  return fieldLabel(translate(t), path);
}

/** Nearest path (the issue's own, or an ancestor) that has a control on the page, for summary links. */
export function focusTarget(path: string): HTMLElement | null {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const el = document.getElementById(fieldId(parts.slice(0, n).join('.')));
    if (el) return el;
  }
  return null;
}
