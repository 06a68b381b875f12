// Why: what the decision panel needs besides React: a source worded as one line, the labels of a decision's
// fields (for server problems), and what the organisation's rules say is missing before verifying.
import type { TFunction } from 'i18next';
import type { IncidentDetail, Source } from '../../src/shared/incident.ts';
import { completenessIssues, type RecordingRules } from '../../src/shared/organisation.ts';
import { connectionLabel, reliabilityLabel } from './format.ts';
import { issueRule, withField } from './issues.ts';

/** "Source 2: Service provider, high reliability, first hand, Clinic C-1, 2025-03-01". */
export function sourceLine(t: TFunction, sourceType: (code: string) => string, s: Source, i: number): string {
  const parts = [
    sourceType(s.type),
    s.reliability ? reliabilityLabel(t, s.reliability) : null,
    s.connection ? connectionLabel(t, s.connection) : null,
    s.organisation || null,
    s.date || null,
  ].filter((p): p is string => !!p);
  return `${t('verify.panel.sourceN', { n: i + 1 })}: ${parts.join(', ')}`;
}

const FIELD_KEYS = {
  status: 'verify.panel.decision', notVerifiedReason: 'incident.notVerifiedReason', standard: 'verify.panel.standard',
  reliedOnSources: 'verify.panel.sources', note: 'verify.panel.note', selfDecisionJustification: 'verify.panel.justification',
  sources: 'incident.sources', perpetrators: 'incident.perpetrators', 'place.admin1': 'incident.admin1', 'place.admin2': 'incident.admin2',
  narrative: 'incident.narrative', version: 'incident.version',
} as const;

/** The label of a decision's field as the server names it ("reliedOnSources.0" -> "Sources relied on"). */
export function decisionFieldLabel(t: TFunction, field: string): string {
  const top = field.replace(/\.\d+$/, '') as keyof typeof FIELD_KEYS;
  return Object.hasOwn(FIELD_KEYS, top) ? t(FIELD_KEYS[top]) : field;
}

/** What the organisation requires before this record can be verified, worded for the panel. */
export function missingForVerification(t: TFunction, d: Pick<IncidentDetail, 'place' | 'sources' | 'perpetrators' | 'narrative' | 'verification'>, rules: Pick<RecordingRules, 'completeness' | 'narrativeMaxLength'>): string[] {
  const issues = completenessIssues({ ...d, narrative: '', verification: { status: 'verified' } }, rules, true);
  return issues.map((i) => {
    switch (i.field) {
      case 'sources': return t('verify.panel.missingSources', { min: rules.completeness.minSourcesToVerify, now: d.sources.length });
      case 'place.admin1': return t('verify.panel.missingAdmin1');
      case 'place.admin2': return t('verify.panel.missingAdmin2');
      case 'perpetrators': return t('verify.panel.missingPerpetrator');
      default: return withField(t, decisionFieldLabel(t, i.field), issueRule(t, i));
    }
  });
}
