/**
 * Names for an export's label columns in one language: core codes from the shared label files, an
 * organisation's own `x_` values from its lookups, countries by the shared rule, administrative areas from
 * the `admin_areas` table (French or Arabic name, else the English one). Anything without a known name is
 * shown as stored, never blank: a label column never hides a value its code column has.
 */
import { localAreaName } from '../shared/places.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { areaNames } from '../places/places.ts';
import { orgLabels } from '../lookups/service.ts';
import type { ExtensibleList } from '../shared/lookup.ts';
import { codeLabel, countryName, type LabelLanguage, type TaxonomyList } from '../shared/labels.ts';
import type { ExportLabels } from '../shared/export.ts';
import { areaCodesOf, type ExportRow, type NameOf } from './export-columns.ts';

export interface Labeller {
  name: NameOf;
  /** Loads what the rows need that is not loaded yet (area names), before their cells are written. */
  prepare(rows: readonly ExportRow[]): Promise<void>;
}

/** The taxonomy lists an organisation may extend with its own values, by their lookup list name. */
const OWN_VALUES: Partial<Record<TaxonomyList, ExtensibleList>> = { settings: 'setting', sourceTypes: 'sourceType', services: 'service' };

const CODES_ONLY: Labeller = { name: (_list, code) => code, prepare: async () => undefined };

export async function labellerFor(db: DbOrTx, organisationId: string, lang: LabelLanguage, labels: ExportLabels): Promise<Labeller> {
  // A codes-only export names nothing: no lookup or area query at all.
  if (labels === 'codes') return CODES_ONLY;
  // An organisation's values are few (tens): loaded once for the whole export.
  const own = await orgLabels(db, organisationId);
  /** Area code -> name in the language; null when the table does not know the code (kept as stored). */
  const areas = new Map<string, string | null>();
  return {
    name(list, code) {
      if (list === 'country') return countryName(lang, code);
      if (list === 'area') return areas.get(code) ?? code;
      const core = codeLabel(lang, list, code);
      if (core !== null) return core;
      const ownList = OWN_VALUES[list];
      const labelsOf = ownList ? own.get(`${ownList}:${code}`) : undefined;
      return (labelsOf && (labelsOf[lang] || labelsOf.en)) || code;
    },
    async prepare(rows) {
      // Only codes not seen in an earlier batch: a country's areas are a few hundred at most.
      const missing = areaCodesOf(rows).filter((c) => !areas.has(c));
      if (missing.length === 0) return;
      const found = await areaNames(db, missing);
      for (const code of missing) {
        const a = found.get(code);
        areas.set(code, a ? localAreaName(a, lang) : null);
      }
    },
  };
}
