/**
 * A first mapping proposed from the file's headers (in English or French, without KoboToolbox/ODK group
 * prefixes written with "/" or ".", compared without case or accents) and from its values: the most precise
 * date column is the incident date (never a year column when a real date sits beside it), the order of day
 * and month is the one the dates themselves show, "location" is a country only when its values are
 * countries, KoboToolbox files get the space separator of select_multiple columns. The user reviews every
 * proposal in the wizard; nothing is imported on a guess.
 */
import countries from 'i18n-iso-countries';
import { countryCode } from '../shared/country.ts';
import { orderOf, PRECISION_RANK, profileDates } from '../shared/dates.ts';
import { autoCode, ImportMapping, normaliseKey, REJECTED_MARKER_COLUMNS, type DateColumn, type ImportField, type ImportProfile } from '../shared/import.ts';
import type { Table } from './parse.ts';

const NAMES: Record<ImportField, string[]> = {
  externalId: ['_uuid', 'uuid', 'external_id', 'externalid', 'record_id', 'case_id', 'incident_id', 'event_id_cnty', 'event_id', 'instanceid', 'meta_instanceid', 'data_id', 'identifiant', '_id', 'id'],
  occurredFrom: ['occurred_from', 'incident_date', 'date_of_incident', 'date_incident', 'date_of_the_incident', 'event_date', 'date_event', 'date_evenement', 'date_de_l_incident', 'date_des_faits', 'date', 'start_date', 'date_debut', 'year', 'annee'],
  occurredTo: ['occurred_to', 'end_date', 'date_fin', 'date_de_fin'],
  dateEstimated: ['date_estimated', 'estimated_date', 'date_approximate', 'date_estimee'],
  country: ['country', 'country_code', 'iso3', 'pays', 'location'],
  admin1: ['admin1', 'adm1', 'admin1_pcode', 'adm1_pcode', 'admin1_name', 'province', 'prefecture', 'state', 'region', 'governorate', 'gouvernorat'],
  admin2: ['admin2', 'adm2', 'admin2_pcode', 'adm2_pcode', 'admin2_name', 'district', 'sous_prefecture', 'county', 'cercle', 'territoire', 'territory', 'departement'],
  locality: ['locality', 'village', 'localite', 'town', 'camp', 'location', 'lieu_dit', 'quartier'],
  lat: ['lat', 'latitude', '_gps_latitude', 'gps_latitude'],
  lon: ['lon', 'lng', 'longitude', '_gps_longitude', 'gps_longitude'],
  coordinatePrecision: ['geo_precision', 'coordinate_precision', 'location_precision', 'precision_geo', 'precision'],
  victimsWomen: ['victims_women', 'women', 'femmes', 'nombre_femmes'],
  victimsGirls: ['victims_girls', 'girls', 'filles', 'nombre_filles'],
  victimsMen: ['victims_men', 'men', 'hommes', 'nombre_hommes'],
  victimsBoys: ['victims_boys', 'boys', 'garcons', 'nombre_garcons'],
  victimsUnknown: ['victims_unknown', 'unknown', 'inconnu', 'victims', 'number_of_victims', 'nombre_de_victimes', 'victimes'],
  forms: ['forms', 'form', 'sv_form', 'violation_type', 'type_of_violation', 'type_of_violence', 'violence_type', 'violation', 'forme', 'formes', 'type_de_violence', 'type_violation', 'rsvac_form'],
  perpetratorParty: ['perpetrator_party', 'alleged_perpetrator', 'perpetrator', 'party', 'actor', 'actor1', 'armed_group', 'auteur', 'auteur_presume', 'groupe_arme', 'partie'],
  perpetratorCategory: ['perpetrator_category', 'perpetrator_type', 'actor_type', 'categorie_auteur', 'type_auteur'],
  perpetratorNumber: ['perpetrator_number', 'number_of_perpetrators', 'perpetrators_number', 'nombre_auteurs'],
  perpetratorInUniform: ['in_uniform', 'perpetrator_in_uniform', 'uniform', 'perpetrators_in_uniform', 'en_uniforme'],
  sourceType: ['source_type', 'type_of_source', 'type_de_source', 'source'],
  sourceOrganisation: ['source_organisation', 'source_organization', 'source_organisations', 'reporting_organisation', 'reporting_organization', 'organisation', 'organization', 'organisation_source', 'source'],
  sourceReliability: ['source_reliability', 'reliability', 'fiabilite'],
  sourceDate: ['source_date', 'date_reported', 'report_date', 'date_rapport', 'date_signalement'],
  setting: ['setting', 'place_type', 'lieu', 'cadre'],
  timeOfDay: ['time_of_day', 'moment'],
  displacementStage: ['displacement_stage', 'etape_deplacement'],
  abduction: ['abduction', 'abducted', 'enlevement'],
  detention: ['detention', 'detained'],
  consent: ['consent', 'consentement', 'consent_scope'],
  verificationStatus: ['verification_status', 'verification', 'status', 'statut'],
  narrative: ['narrative', 'description', 'summary', 'account', 'recit', 'notes', 'resume'],
  survivorCode: ['survivor_code', 'survivor_id', 'code_survivant'],
  survivorSex: ['survivor_sex', 'sex', 'gender', 'sexe'],
  survivorAge: ['survivor_age', 'age'],
};

/** Column names that hold dates of something else than the incident (the form's start, the report). */
const NOT_INCIDENT_DATES = new Set(['start', 'end', 'today', '_submission_time', 'submission_time', 'end_date', 'date_fin', 'source_date', 'date_reported', 'report_date', 'timestamp', 'occurred_to']);
const DATE_WORDS = /(^|_)(date|year|annee|jour|day|month|mois|time|start|end|debut|fin|period|periode)(_|$)/;
const SAMPLE = 2000;
/** A value that many would read as a number first: only a column named like a date is a date of serial numbers. */
const DIGITS = /^\d+(\.\d+)?$/;

const keyOf = (h: string) => normaliseKey(h.split(/[/.]/).pop() ?? h);
const sample = (table: Table, i: number) => table.rows.slice(0, SAMPLE).map((r) => r[i] ?? '').filter((v) => v.trim() !== '');
const share = (values: readonly string[], test: (v: string) => boolean) => (values.length ? values.filter(test).length / values.length : 0);

export function profileTable(table: Table): ImportProfile {
  const dateColumns: DateColumn[] = [];
  table.headers.forEach((h, i) => {
    const values = sample(table, i);
    if (values.length === 0) return;
    const p = profileDates(values);
    const named = DATE_WORDS.test(keyOf(h));
    if (p.dates / p.values < 0.8 || (!named && values.every((v) => DIGITS.test(v.trim())))) return;
    dateColumns.push({ column: h, ...p });
  });
  dateColumns.sort((a, b) => PRECISION_RANK[b.precision ?? 'year'] - PRECISION_RANK[a.precision ?? 'year'] || b.dates - a.dates);
  return {
    dateColumns,
    // Bounded: a workbook of many sheets says no more than its first twenty, and their first 200 columns.
    sheets: table.others.slice(0, 20).map((t) => ({ name: t.sheet ?? '', columns: t.headers.slice(0, 200), rows: t.rows.length })),
    rejectedFile: REJECTED_MARKER_COLUMNS.every((c) => table.headers.includes(c)),
  };
}

export function suggestMapping(table: Pick<Table, 'headers' | 'rows'>, profile: ImportProfile): ImportMapping {
  const headers = table.headers;
  const keys = headers.map(keyOf);
  const used = new Set<number>(headers.map((h, i) => ((REJECTED_MARKER_COLUMNS as readonly string[]).includes(h) ? i : -1)).filter((i) => i >= 0));
  const columns: Partial<Record<ImportField, string>> = {};
  const values = (i: number) => sample(table as Table, i);

  // The incident date: the most precise date column with an incident-date name (a year only when nothing finer is there).
  const dates = new Map(profile.dateColumns.map((d) => [d.column, d]));
  const rank = (i: number) => {
    const k = keys[i]!;
    const exact = NAMES.occurredFrom.indexOf(k);
    if (exact >= 0) return exact;
    return !NOT_INCIDENT_DATES.has(k) && /(^|_)(date|annee|year)(_|$)/.test(k) ? NAMES.occurredFrom.length : -1;
  };
  const candidates = headers.map((h, i) => ({ i, d: dates.get(h), r: rank(i) })).filter((x) => x.d && x.r >= 0);
  candidates.sort((a, b) => PRECISION_RANK[b.d!.precision ?? 'year'] - PRECISION_RANK[a.d!.precision ?? 'year'] || a.r - b.r || a.i - b.i);
  const date = candidates[0];
  if (date) {
    columns.occurredFrom = headers[date.i]!;
    used.add(date.i);
  }

  // Values decide between two readings of one name.
  const looksLike: Partial<Record<ImportField, (i: number) => boolean>> = {
    country: (i) => share(values(i), (v) => countryCode(countries, v) !== null) >= 0.7,
    locality: (i) => share(values(i), (v) => countryCode(countries, v) !== null) < 0.7,
    sourceType: (i) => share(values(i), (v) => autoCode('sourceType', v) !== null) >= 0.7,
    sourceOrganisation: (i) => share(values(i), (v) => autoCode('sourceType', v) !== null) < 0.7,
    // A region code of a dataset (UCDP's 1-5) is not an area: P-codes and names are not bare numbers.
    admin1: (i) => share(values(i), (v) => DIGITS.test(v.trim())) < 0.5,
    admin2: (i) => share(values(i), (v) => DIGITS.test(v.trim())) < 0.5,
    occurredTo: (i) => dates.has(headers[i]!),
    sourceDate: (i) => dates.has(headers[i]!),
  };
  for (const [field, names] of Object.entries(NAMES) as [ImportField, string[]][]) {
    if (field === 'occurredFrom') continue;
    for (const name of names) {
      const i = keys.findIndex((k, j) => k === name && !used.has(j) && (looksLike[field]?.(j) ?? true));
      if (i >= 0) {
        columns[field] = headers[i]!;
        used.add(i);
        break;
      }
    }
  }
  const chosen = date ? profile.dateColumns.find((d) => d.column === headers[date.i]) : undefined;
  // KoboToolbox and ODK: group prefixes, underscored meta columns; their select_multiple cells are space separated.
  const kobo = headers.some((h) => /^[\p{L}\w-]+[/.][\p{L}\w]/u.test(h)) || ['_uuid', '_index', '_submission_time', 'meta/instanceid'].some((k) => headers.some((h) => h.toLowerCase() === k));
  return ImportMapping.parse({ columns, dateOrder: (chosen && orderOf(chosen)) ?? 'dmy', separator: kobo ? 'space' : 'semicolon' });
}
