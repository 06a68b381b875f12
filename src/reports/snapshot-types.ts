/**
 * What a report version freezes: everything its documents are made from, so a version renders the same bytes
 * for as long as it is kept, whatever the data, the registry or the template become. Its SHA-256 is taken over
 * its canonical JSON (shared/canonical.ts). Names come in the three languages, so a version can be read in any.
 */
import type { AlertReport } from '../shared/warnings.ts';
import type { CountingChoice, PeriodGrain, ProtectedTableOut } from '../shared/stats.ts';
import type { ReportKind, TemplateSection, Wording } from '../shared/reports.ts';
import type { ReportLanguage } from '../shared/report-document.ts';

export type Names = Record<ReportLanguage, string>;

export interface SnapshotRelease {
  id: string;
  rule: CountingChoice;
  grain: PeriodGrain;
  tables: ProtectedTableOut[];
}

export interface SnapshotParty { id: string; names: Names; /** A reference party (UCDP/SVAC), or the organisation's own. */ reference: boolean }

export interface SnapshotMeasure {
  kind: string;
  description: string;
  deadline: string | null;
  progress: string;
  overdue: boolean;
  /** Evidence not withdrawn: its date and words (never its file). */
  evidence: { date: string; text: string }[];
}
export interface SnapshotCommitment {
  kind: string;
  title: string;
  signedOn: string;
  parties: Names[];
  measures: SnapshotMeasure[];
}

/** The party's entries in the Secretary-General's annual reports, oldest first (as recorded, never decided here). */
export interface SnapshotListing { reportYear: number; listing: string; reportSymbol: string; paragraph: string | null }

export interface ReportSnapshot {
  format: 1;
  report: {
    kind: ReportKind;
    title: string;
    period: string;
    periodFrom: string;
    periodTo: string;
    organisation: string;
    party: SnapshotParty | null;
    annexParties: SnapshotParty[];
  };
  version: number;
  generatedAt: string;
  generatedBy: string;
  template: { version: number; builtIn: boolean; title: Wording; sections: TemplateSection[] };
  narratives: Record<string, string>;
  figures: {
    /** The last day counted (the period's end), the threshold and whether zeros were protected. */
    through: string;
    threshold: number;
    protectZeros: boolean;
    releases: SnapshotRelease[];
    /** Names of the parties the tables show (an organisation's own party: "a party of its own registry"). */
    parties: Record<string, Names>;
    /** Names of the regions the tables show (code `COD/CD-NK` -> names). */
    areas: Record<string, Names>;
  };
  commitments: SnapshotCommitment[];
  /** The early-warning summary of the period, as it may leave the organisation, in each language. */
  alerts: Record<ReportLanguage, AlertReport> | null;
  listing: SnapshotListing[];
}
