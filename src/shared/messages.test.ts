/**
 * The message catalogue is whole: every code a schema, a rule or a service uses has words in English, French
 * and Arabic with the same placeholders, and every field of every request schema has a label in the three.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AccountCreate, AccountPatch } from './accounts.ts';
import { AuditQuery } from './audit.ts';
import { LoginBody, PasswordChange, PasswordConfirmation, SecondFactorCode, TotpCode, TotpDisable } from './auth.ts';
import { DraftSave } from './draft.ts';
import { DuplicateDecisionBody, DuplicatePairsQuery } from './duplicates.ts';
import { IncidentExportPackage, IncidentExportQuery } from './export.ts';
import { ImportDraftBody, ImportPartyValuesQuery, ImportReread, ImportRun, ImportUploadQuery, ImportValuesQuery, SavedMappingBody } from './import.ts';
import { IncidentCreate, IncidentDecision, IncidentDelete, IncidentErase, IncidentListQuery, IncidentPatch } from './incident.ts';
import { OrganisationSettingsUpdate } from './organisation.ts';
import { PartyCreate, PartyExternalIdInput, PartyListQuery, PartyMergeBody, PartyNameInput, PartyPatch, PartyPropose, PartyRelationInput, PartySuggestQuery } from './parties.ts';
import { PartyTextResolve } from './party-links.ts';
import { ReviewRequest } from './review.ts';
import { CommitmentCreate, CommitmentDelete, CommitmentListQuery, CommitmentPatch, EvidenceInput, EvidenceWithdraw, FileUploadQuery, MeasureInput, MeasurePatch } from './commitments.ts';
import { AssessmentInput, IncidentCountsQuery, ListingInput, ListingPatch } from './compliance.ts';
import { LABEL_LANGUAGES } from './labels.ts';
import { LookupCreate, LookupPatch } from './lookup.ts';
import { fieldLabel, issuesFromZod, isMessageCode, MESSAGE_CATALOGUES, MESSAGE_CODES, translator } from './messages.ts';
import { VICTIM_CATEGORIES } from './taxonomy.ts';
import { PointsQuery, ProtectedQuery, ReleaseParams, StatsExportQuery, StatsQuery } from './stats.ts';
import { ActorDecide, ActorUndo, DatasetLoadQuery, DatasetParams, ReferenceOverviewQuery } from './reference.ts';
import { CommentInput, DocumentQuery, FileQuery, NarrativeInput, ReportCreate, ReportEventInput, ReportPatch, TemplateInput } from './reports.ts';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/gu)].map((m) => m[1]).sort();
const flat = (o: object, prefix = ''): [string, string][] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flat(v as object, `${prefix}${k}.`)));

/** Every source file of the server and the web app (the codes they use must be in the catalogue). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/u.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Codes written in the code: schema messages and errors, rules' add(...), issues' `code:`, problems' bad(...). */
function codesUsed(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /\.(?:refine|regex|min|max|int|date|email|uuid)\([^;]*?,\s*'([a-z][a-z0-9_]*)'\s*\)/gu,
    /\b(?:error|message):\s*'([a-z][a-z0-9_]*)'/gu,
    /\badd\(\[[^\]]*\],\s*'([a-z][a-z0-9_]*)'/gu,
    /\{ field: [^{}]*?\bcode: '([a-z][a-z0-9_]*)'/gu,
    /\bbad\('[a-z_]+',\s*'([a-z][a-z0-9_]*)'/gu,
  ];
  for (const file of [...sources('src'), ...sources('web/src')]) {
    const text = readFileSync(file, 'utf8');
    // Schema checks with a message of ours are written in src/shared only (elsewhere `.max(a, 'b')` is anything).
    for (const re of file.startsWith(join('src', 'shared')) ? patterns : patterns.slice(1)) for (const m of text.matchAll(re)) found.set(m[1]!, file);
  }
  return found;
}

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType; keyType?: z.ZodType; valueType?: z.ZodType; entries?: Record<string, string>; options?: z.ZodType[] };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every path a request can name (arrays at their first entry, records by their enum keys). */
function paths(schema: z.ZodType, prefix: string[] = []): string[][] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': return Object.entries(def.shape!).flatMap(([k, s]) => [[...prefix, k], ...paths(s, [...prefix, k])]);
    case 'array': return paths(def.element!, [...prefix, '0']);
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'nonoptional': case 'readonly': case 'catch': return paths(def.innerType!, prefix);
    case 'pipe': return paths(def.in!, prefix);
    case 'union': return def.options!.flatMap((o) => paths(o, prefix));
    case 'record': {
      const keys = defOf(def.keyType!).type === 'enum' ? Object.values(defOf(def.keyType!).entries!) : [];
      return keys.flatMap((k) => [[...prefix, k], ...paths(def.valueType!, [...prefix, k])]);
    }
    default: return [];
  }
}

const REQUEST_SCHEMAS = {
  IncidentCreate, IncidentPatch, IncidentDelete, IncidentErase, IncidentListQuery, IncidentExportQuery, IncidentExportPackage, LoginBody, PasswordConfirmation, TotpCode,
  DraftSave, DuplicateDecisionBody, DuplicatePairsQuery, LookupCreate, LookupPatch, ImportUploadQuery, ImportReread, ImportDraftBody, ImportValuesQuery, ImportPartyValuesQuery, ImportRun, SavedMappingBody,
  SecondFactorCode, TotpDisable, PasswordChange, AccountCreate, AccountPatch, AuditQuery, IncidentDecision, ReviewRequest, OrganisationSettingsUpdate,
  PartyPropose, PartyCreate, PartyPatch, PartyNameInput, PartyExternalIdInput, PartyRelationInput, PartyMergeBody, PartyListQuery, PartySuggestQuery,
  PartyTextResolve,
  CommitmentCreate, CommitmentPatch, CommitmentDelete, MeasureInput, MeasurePatch, EvidenceInput, EvidenceWithdraw, CommitmentListQuery, FileUploadQuery,
  ListingInput, ListingPatch, AssessmentInput, IncidentCountsQuery,
  StatsQuery, ProtectedQuery, ReleaseParams, StatsExportQuery, PointsQuery,
  DatasetLoadQuery, DatasetParams, ActorDecide, ActorUndo, ReferenceOverviewQuery,
  ReportCreate, ReportPatch, NarrativeInput, ReportEventInput, CommentInput, TemplateInput, DocumentQuery, FileQuery,
} as const;

describe('the message catalogue', () => {
  it('has every message, label and part in English, French and Arabic, with the same placeholders', () => {
    const en = new Map(flat(MESSAGE_CATALOGUES.en));
    for (const lang of LABEL_LANGUAGES) {
      const other = new Map(flat(MESSAGE_CATALOGUES[lang]));
      expect([...other.keys()].sort(), lang).toEqual([...en.keys()].sort());
      for (const [key, text] of other) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(en.get(key)!));
      }
    }
  });

  it('knows every code the schemas, rules, services and screens use', () => {
    const used = codesUsed();
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used].filter(([code]) => !isMessageCode(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
    for (const code of MESSAGE_CODES) expect(translator('ar')(`messages.${code}`), code).not.toBe(`messages.${code}`);
  });

  it('names every field of every request schema by a label in each language', () => {
    for (const lang of LABEL_LANGUAGES) {
      const t = translator(lang);
      for (const [name, schema] of Object.entries(REQUEST_SCHEMAS)) {
        for (const path of paths(schema)) {
          const field = path.join('.');
          const label = fieldLabel(t, field);
          expect(label, `${lang} ${name} ${field}`).not.toBe(field);
          expect(label, `${lang} ${name} ${field}`).not.toMatch(/fields\.|importFields\.|\{\{/u);
          // The label of the field itself, not of an ancestor it fell back to (a category names the tally's part).
          const own = path.filter((p) => !/^\d+$/u.test(p));
          const last = own[own.length - 1]!;
          if (path.length > 1 && !VICTIM_CATEGORIES.some((c) => c === last) && !/^\d+$/u.test(path[path.length - 1]!)) {
            expect(label, `${lang} ${name} ${field}`).not.toBe(fieldLabel(t, path.slice(0, -1).join('.')));
          }
        }
      }
    }
  });

  it('words entries, tallies and mapped values as the form shows them', () => {
    const en = translator('en');
    const ar = translator('ar');
    expect(fieldLabel(en, 'violations.1.victims.girls')).toBe('Violation 2 – Girls');
    expect(fieldLabel(en, 'victims.women')).toBe('Victims – Women');
    expect(fieldLabel(en, 'sources.0.date')).toBe('Source 1 – Date received');
    expect(fieldLabel(en, 'consent.2')).toBe("Survivor's consent");
    expect(fieldLabel(en, 'mapping.values.forms.Viol')).toBe('Forms of violence – “Viol”');
    expect(fieldLabel(en, 'mapping.more.perpetrators.0.party')).toBe('Further perpetrator 1 – Alleged perpetrator party');
    expect(fieldLabel(ar, 'survivors.2.code')).toBe('الضحية 3 – رمز الناجية أو الناجي');
  });

  it('gives one issue per field, the most basic first', () => {
    const r = IncidentCreate.safeParse({ occurredFrom: 'x', place: { country: 'CAF' }, victims: { women: -1.5 }, violations: [{ form: 'rape', victims: { women: -2 } }], survivors: [{ code: 'a b', sex: 'female' }] });
    const issues = issuesFromZod(r.error!.issues);
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['occurredFrom', 'date_format'], ['victims.women', 'whole_number'], ['violations.0.victims.women', 'not_negative'], ['survivors.0.code', 'survivor_code'],
    ]);
  });
});
