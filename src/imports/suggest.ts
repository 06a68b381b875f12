/**
 * A first mapping proposed from the file's headers: each field takes the first column whose name (without
 * KoboToolbox/ODK group prefixes such as "incident/", compared without case or accents) is one it knows.
 * The user reviews every proposal in the wizard; nothing is imported on a guess.
 */
import { ImportMapping, normaliseKey, type ImportField } from '../shared/import.ts';

const NAMES: Record<ImportField, string[]> = {
  externalId: ['_uuid', 'uuid', 'external_id', 'externalid', 'record_id', 'case_id', 'incident_id', 'instanceid', 'meta_instanceid', '_id', 'id'],
  occurredFrom: ['occurred_from', 'incident_date', 'date_of_incident', 'date_incident', 'date_of_the_incident', 'date', 'start_date', 'date_debut', 'year', 'annee'],
  occurredTo: ['occurred_to', 'end_date', 'date_fin'],
  dateEstimated: ['date_estimated', 'estimated_date', 'date_approximate'],
  country: ['country', 'country_code', 'iso3', 'pays', 'location'],
  admin1: ['admin1', 'adm1', 'admin1_pcode', 'adm1_pcode', 'province', 'prefecture', 'state'],
  admin2: ['admin2', 'adm2', 'admin2_pcode', 'adm2_pcode', 'district', 'sous_prefecture', 'county', 'cercle'],
  locality: ['locality', 'village', 'localite', 'town', 'camp'],
  lat: ['lat', 'latitude', '_gps_latitude', 'gps_latitude'],
  lon: ['lon', 'lng', 'longitude', '_gps_longitude', 'gps_longitude'],
  victimsWomen: ['victims_women', 'women', 'femmes'],
  victimsGirls: ['victims_girls', 'girls', 'filles'],
  victimsMen: ['victims_men', 'men', 'hommes'],
  victimsBoys: ['victims_boys', 'boys', 'garcons'],
  victimsUnknown: ['victims_unknown', 'unknown', 'inconnu'],
  forms: ['forms', 'form', 'sv_form', 'type_of_violence', 'violence_type', 'violation', 'forme', 'rsvac_form'],
  perpetratorParty: ['perpetrator_party', 'alleged_perpetrator', 'perpetrator', 'party', 'actor', 'armed_group', 'auteur'],
  perpetratorCategory: ['perpetrator_category', 'perpetrator_type', 'actor_type', 'categorie_auteur'],
  perpetratorNumber: ['perpetrator_number', 'number_of_perpetrators', 'perpetrators_number'],
  perpetratorInUniform: ['in_uniform', 'perpetrator_in_uniform', 'uniform', 'perpetrators_in_uniform'],
  sourceType: ['source_type', 'type_of_source', 'source'],
  sourceOrganisation: ['source_organisation', 'source_organization', 'source_organisations', 'reporting_organisation', 'reporting_organization', 'organisation', 'organization'],
  sourceReliability: ['source_reliability', 'reliability'],
  sourceDate: ['source_date', 'date_reported', 'report_date'],
  setting: ['setting', 'place_type', 'lieu'],
  timeOfDay: ['time_of_day', 'moment'],
  displacementStage: ['displacement_stage'],
  abduction: ['abduction', 'abducted', 'enlevement'],
  detention: ['detention', 'detained'],
  consent: ['consent', 'consentement', 'consent_scope'],
  verificationStatus: ['verification_status', 'verification', 'status', 'statut'],
  narrative: ['narrative', 'description', 'summary', 'account', 'recit'],
  survivorCode: ['survivor_code', 'survivor_id', 'code_survivant'],
  survivorSex: ['survivor_sex', 'sex', 'gender', 'sexe'],
  survivorAge: ['survivor_age', 'age'],
};

export function suggestMapping(headers: readonly string[]): ImportMapping {
  const keys = headers.map((h) => normaliseKey(h.split('/').pop() ?? h));
  const used = new Set<number>();
  const columns: Partial<Record<ImportField, string>> = {};
  for (const [field, names] of Object.entries(NAMES) as [ImportField, string[]][]) {
    for (const name of names) {
      const i = keys.findIndex((k, j) => k === name && !used.has(j));
      if (i >= 0) {
        columns[field] = headers[i]!;
        used.add(i);
        break;
      }
    }
  }
  const yearOnly = columns.occurredFrom !== undefined && ['year', 'annee'].includes(normaliseKey(columns.occurredFrom));
  return ImportMapping.parse({ columns, dateFormat: yearOnly ? 'year' : 'iso' });
}
