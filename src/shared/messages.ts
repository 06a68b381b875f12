/**
 * Validation messages people can read, in their language. Every problem is an issue: the field's path, a
 * stable machine code (`date_format`, `before_start`, `not_negative`...) and its parameters. The words come
 * from one catalogue per language (./messages/{en,fr,ar}.json: rules by code, field labels by path), rendered
 * by the server for the API's `message` (in the request's language) and by the web app through i18next with
 * the same keys, so a form and the API say the same thing. zod's messages are these codes (zod.ts and the
 * schemas), turned into issues here, one per field. No Node imports: the web bundle imports this file.
 */
import i18next from 'i18next';
import type { z } from 'zod';
import en from './messages/en.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };
import ar from './messages/ar.json' with { type: 'json' };
import { CODE_LABELS, type LabelLanguage } from './labels.ts';
import { VICTIM_CATEGORIES } from './taxonomy.ts';

export type MessageCatalogue = typeof en;
/** Typed by assignment: a code or label missing from the French or Arabic file fails the type check. */
export const MESSAGE_CATALOGUES: { readonly [L in LabelLanguage]: MessageCatalogue } = { en, fr, ar };

export type MessageCode = keyof MessageCatalogue['messages'];
export const MESSAGE_CODES = Object.keys(en.messages) as MessageCode[];
export const isMessageCode = (s: unknown): s is MessageCode => typeof s === 'string' && Object.hasOwn(en.messages, s);

export type IssueParams = Record<string, string | number>;
/** One problem: where (a dotted path, '' for the whole form), what (a code) and its values. */
export interface Issue { field: string; code: MessageCode; params?: IssueParams }

/** A translate function: i18next's `t`, or the server's (`translator`). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

type ZodIssue = z.core.$ZodIssue;

/** What zod says without a message of ours, as a code (zod.ts installs this for every schema). */
export function codeOfZodIssue(issue: z.core.$ZodRawIssue): MessageCode {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'required';
      if (issue.expected === 'int') return typeof issue.input === 'number' && !Number.isNaN(issue.input) ? 'whole_number' : 'not_a_number';
      if (issue.expected === 'number') return 'not_a_number';
      if (issue.expected === 'boolean') return 'yes_or_no';
      return 'invalid';
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? 'required' : 'too_short';
      if (issue.origin === 'array' || issue.origin === 'set') return 'too_few';
      return issue.minimum === 0 ? 'not_negative' : 'too_small';
    case 'too_big':
      if (issue.origin === 'string') return 'too_long';
      if (issue.origin === 'array' || issue.origin === 'set') return 'too_many';
      return 'too_large';
    case 'invalid_value': return 'unknown_code';
    case 'invalid_format':
      if (issue.format === 'email') return 'not_email';
      if (issue.format === 'date') return 'date_format';
      if (issue.format === 'uuid' || issue.format === 'guid') return 'not_an_id';
      return 'invalid';
    case 'unrecognized_keys': return 'unknown_field';
    case 'custom': case 'invalid_element': case 'invalid_key': case 'invalid_union': case 'not_multiple_of': return 'invalid';
  }
}

const numberParam = (v: unknown): number | undefined => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : undefined);

/** One zod issue as our issues (an unknown key is reported on the key itself, so the caller sees what to remove). */
export function issuesOfZodIssue(issue: ZodIssue): Issue[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => ({ field: [...path, k].join('.'), code: 'unknown_field' }));
  const code: MessageCode = isMessageCode(issue.message) ? issue.message : codeOfZodIssue(issue as z.core.$ZodRawIssue);
  const params: IssueParams = {};
  const min = numberParam((issue as { minimum?: unknown }).minimum);
  const max = numberParam((issue as { maximum?: unknown }).maximum);
  if (min !== undefined) params.min = min;
  if (max !== undefined) params.max = max;
  // A short list's allowed values, for programs (the message itself says "choose one of the values offered").
  const values = issue.code === 'invalid_value' ? issue.values : [];
  if (values.length > 0 && values.length <= 20) params.values = values.map(String).join(', ');
  const custom = issue.code === 'custom' ? issue.params : undefined;
  for (const [k, v] of Object.entries(custom ?? {})) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  return [{ field: path.join('.'), code, ...(Object.keys(params).length ? { params } : {}) }];
}

/**
 * One issue per field: the first said about it, which is the most basic (zod checks type and format before
 * ranges and refinements, and cross-field rules come last). A number that is negative gives one message.
 */
export function oneIssuePerField(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => !seen.has(i.field) && !!seen.add(i.field));
}

/** zod's issues as ours, one per field. */
export function issuesFromZod(issues: readonly ZodIssue[]): Issue[] {
  return oneIssuePerField(issues.flatMap(issuesOfZodIssue));
}

const FIELD_KEYS: Readonly<Record<string, string>> = en.fields;
const hasField = (key: string) => Object.hasOwn(FIELD_KEYS, key);
const IMPORT_FIELD_KEYS: Readonly<Record<string, string>> = en.importFields;
const isImportField = (s: string | undefined): s is string => s !== undefined && Object.hasOwn(IMPORT_FIELD_KEYS, s);
const isIndex = (s: string | undefined) => s !== undefined && /^\d+$/.test(s);
const isCategory = (s: string | undefined) => VICTIM_CATEGORIES.some((c) => c === s);

/** The nearest labelled key for segments without indexes ("place.coordinates.lat" -> "Latitude"). */
function plainLabel(t: Translate, segs: readonly string[]): string | null {
  for (let n = segs.length; n > 0; n--) {
    const key = segs.slice(0, n).join('-');
    if (hasField(key)) return t(`fields.${key}`);
  }
  return null;
}

/** A field of a mapping whose key is an import field (columns, defaults, values, unmatched, repeat and further columns). */
function importLabel(t: Translate, segs: readonly string[]): string | null {
  const [head, a, b, c] = segs;
  const field = (f: string) => t(`importFields.${f}`);
  const within = (entry: string, label: string) => t('messageParts.fieldInEntry', { entry, field: label });
  if (head === 'columns' && isImportField(a)) return field(a);
  if ((head === 'defaults' || head === 'unmatched') && isImportField(a)) return within(t(`fields.${head}`), field(a));
  if (head === 'values' && isImportField(a)) return b === undefined ? field(a) : t('messageParts.mappedValue', { field: field(a), value: segs.slice(2).join('.') });
  // A party chosen for a value of the party columns ("parties.<value>", the value may hold dots).
  if (head === 'parties') return a === undefined ? field('perpetratorParty') : t('messageParts.mappedValue', { field: field('perpetratorParty'), value: segs.slice(1).join('.') });
  if (head === 'repeats' && isIndex(a) && b === 'columns' && isImportField(c)) return within(t('fields.repeats-entry', { n: Number(a) + 1 }), field(c));
  if (head === 'more' && (a === 'perpetrators' || a === 'sources') && isIndex(b) && c !== undefined) {
    // A part of a further perpetrator or source is the import field of the first one (party -> perpetratorParty).
    const f = `${a === 'perpetrators' ? 'perpetrator' : 'source'}${c.charAt(0).toUpperCase()}${c.slice(1)}`;
    if (isImportField(f)) return within(t(`fields.more-${a}-entry`, { n: Number(b) + 1 }), field(f));
  }
  return null;
}

/**
 * The label of a field by its path, as the form shows it: "Date (from)", "Source 2 – Date received",
 * "Violation 1 – Girls", "Victims – Women". A path no label knows (an unknown field) is named as sent.
 */
export function fieldLabel(t: Translate, field: string): string {
  if (field === '' || field === 'body' || field === 'query' || field === 'path') return t('fields.form-wide');
  let segs = field.split('.');
  if (segs[0] === 'mapping' && segs.length > 1) segs = segs.slice(1);
  const imported = importLabel(t, segs);
  if (imported) return imported;
  const last = segs.length - 1;
  if (isCategory(segs[last]) && segs[last - 1] === 'victims') {
    const category = t(`taxonomy.victims.${segs[last]!}`);
    const rest = segs.slice(0, last - 1);
    // In an entry ("Violation 1 – Girls") the category says enough; the incident's tally is "Victims – Girls".
    if (rest.length > 0 && isIndex(rest[rest.length - 1])) return t('messageParts.fieldInEntry', { entry: fieldLabel(t, rest.join('.')), field: category });
    return t('messageParts.fieldInEntry', { entry: t('fields.victims'), field: category });
  }
  const at = segs.findIndex(isIndex);
  if (at > 0) {
    const list = segs.slice(0, at).join('-');
    if (!hasField(`${list}-entry`)) return fieldLabel(t, segs.slice(0, at).join('.'));
    const entry = t(`fields.${list}-entry`, { n: Number(segs[at]) + 1 });
    const inner = segs.slice(at + 1).filter((s) => !isIndex(s));
    if (inner.length === 0) return entry;
    const label = hasField(`${list}-${inner.join('-')}`) ? t(`fields.${list}-${inner.join('-')}`) : plainLabel(t, [list, ...inner].join('-').split('-'));
    return label && label !== t(`fields.${list}`) ? t('messageParts.fieldInEntry', { entry, field: label }) : entry;
  }
  return plainLabel(t, segs) ?? field;
}

/** The words a rule's parameters stand for (a field's label, a category's name, the scopes and statuses rules name). */
function ruleParams(t: Translate, params: IssueParams = {}): Record<string, unknown> {
  return {
    ...params,
    agencyOnly: t('taxonomy.consentScopes.agency_only'),
    unknown: t('taxonomy.victims.unknown'),
    status: t('taxonomy.statuses.not_verified'),
    ...(typeof params.otherField === 'string' ? { other: fieldLabel(t, params.otherField) } : {}),
    ...(typeof params.category === 'string' && isCategory(params.category) ? { category: t(`taxonomy.victims.${params.category}`) } : {}),
  };
}

/** The rule alone ("enter a full date: day, month and year"), for a message beside its field. */
export function ruleText(t: Translate, issue: Pick<Issue, 'code' | 'params'>): string {
  return t(`messages.${issue.code}`, ruleParams(t, issue.params));
}

/** The whole message, naming the field by its label ("Date (from): enter a full date: day, month and year"). */
export function issueMessage(t: Translate, issue: Issue): string {
  return t('messageParts.withField', { field: fieldLabel(t, issue.field), rule: ruleText(t, issue) });
}

const translators = new Map<LabelLanguage, Translate>();
/** A translate function over the catalogues and the taxonomy's labels, for the server (one i18next instance per language). */
export function translator(lang: LabelLanguage): Translate {
  const known = translators.get(lang);
  if (known) return known;
  const instance = i18next.createInstance();
  void instance.init({
    lng: lang, fallbackLng: 'en', initAsync: false, showSupportNotice: false, interpolation: { escapeValue: false },
    resources: {
      [lang]: { translation: { ...CODE_LABELS[lang], ...MESSAGE_CATALOGUES[lang] } },
      en: { translation: { ...CODE_LABELS.en, ...MESSAGE_CATALOGUES.en } },
    },
  });
  // Keys are built from codes and paths at run time: the catalogue test checks them, not i18next's key types.
  const t = instance.t.bind(instance) as unknown as Translate;
  translators.set(lang, t);
  return t;
}
