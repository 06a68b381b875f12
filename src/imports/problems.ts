/**
 * How a rejected row's problems are worded: by the field's label as the wizard shows it ("Date (to)"), never
 * an internal path (`violations.0.victims`, `occurredFrom`), with a code and parameters so the web app can
 * word it again in the reader's language. The English sentence goes into the rejected-rows file.
 */
import type { ImportField, ProblemCode, RowProblem } from '../shared/import.ts';

/** The wizard's English labels (web/src/i18n/en.json, import.fields): the rejected-rows file is read beside it. */
export const FIELD_LABELS: Record<ImportField, string> = {
  externalId: 'External id (from the source system)', occurredFrom: 'Date (from)', occurredTo: 'Date (to)', dateEstimated: 'Date is estimated',
  country: 'Country', admin1: 'Region (admin level 1)', admin2: 'District (admin level 2)', locality: 'Locality', lat: 'Latitude', lon: 'Longitude',
  coordinatePrecision: 'Precision of the coordinates',
  victimsWomen: 'Victims: women', victimsGirls: 'Victims: girls', victimsMen: 'Victims: men', victimsBoys: 'Victims: boys', victimsUnknown: 'Victims: sex or age unknown',
  forms: 'Forms of violence', perpetratorParty: 'Alleged perpetrator party', perpetratorCategory: 'Perpetrator category', perpetratorNumber: 'Number of perpetrators',
  perpetratorInUniform: 'Perpetrators in uniform', sourceType: 'Source type', sourceOrganisation: 'Source organisation', sourceReliability: 'Source reliability',
  sourceDate: 'Source date', setting: 'Setting', timeOfDay: 'Time of day', displacementStage: 'Displacement stage', abduction: 'Abduction', detention: 'Detention',
  consent: "Survivor's consent", verificationStatus: 'Verification status', narrative: 'Narrative', survivorCode: 'Survivor code', survivorSex: "Survivor's sex",
  survivorAge: "Survivor's age",
};

type Params = Record<string, string | number>;

/** The English rule for a code (the web app has the same sentences in three languages under import.rules). */
export function ruleText(field: ImportField | null, code: ProblemCode, params: Params = {}): string {
  const label = field ? FIELD_LABELS[field] : String(params.label ?? 'Row');
  const p = (k: string) => String(params[k] ?? '');
  const rule: Record<ProblemCode, string> = {
    required: `is required${params.hint ? `: ${p('hint')}` : ''}`,
    not_a_date: `must be a date (such as 2020-05-09, 09/05/2020 read ${params.order === 'mdy' ? 'month first' : 'day first'}, 9-May-20, 9 mai 2020, May 2020 or 2020)`,
    unknown_value: `"${p('value')}" is not a known value: map it to a code in the values step${params.codes ? ` (one of ${p('codes')})` : ''}`,
    not_a_country: 'is not a country: use an ISO 3166 code (CAF, CF or 140), an English or French name, or map it in the values step',
    whole_number: 'must be a whole number, 0 or more (or "unknown")',
    not_a_number: 'must be a number',
    yes_no: 'must be yes or no: map the file\'s values in the values step',
    duplicate_id: `appears twice in the file (first at row ${p('first')})`,
    too_long: `must be at most ${p('max')} characters`,
    before_from: `must not be before ${FIELD_LABELS.occurredFrom}`,
    in_future: 'must not be in the future',
    no_victims: 'must count at least one victim, or the number must be marked as not known',
    unknown_column: `is mapped to the column "${p('column')}", which the file does not have`,
    cell_count: `has ${p('cells')} cells where the header has ${p('columns')}: a quote or a separator inside a cell split it; correct the row (put the cell in double quotes, doubling the quotes inside)`,
    not_an_area: `"${p('value')}" is not an area Salama knows, and does not look like the name of one (kept names are short place names): map it in the values step`,
    invalid: p('message'),
  };
  return `${label}: ${rule[code]}`;
}

export function problem(row: number, column: string, value: string, field: ImportField | null, code: ProblemCode, params: Params = {}): RowProblem {
  return { row, column, value, field, code, ...(Object.keys(params).length ? { params } : {}), rule: ruleText(field, code, params) };
}

/** A rule of the incident schema (zod) reached through a field the row filled: its code when we word it ourselves. */
export function schemaCode(path: readonly PropertyKey[], message: string): { code: ProblemCode; params?: Params } {
  const head = String(path[0] ?? '');
  if (head === 'occurredTo' && /before/.test(message)) return { code: 'before_from' };
  if (/future/.test(message)) return { code: 'in_future' };
  if (head === 'victims' && path.length === 1) return { code: 'no_victims' };
  const max = /at most (\d+) characters/.exec(message);
  if (max) return { code: 'too_long', params: { max: Number(max[1]) } };
  return { code: 'invalid', params: { message } };
}
