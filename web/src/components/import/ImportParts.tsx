// Why: the small pieces every step of the import wizard shares: the step's heading (focused when the user
// moves to it), translated import errors, the progress bar of a running job, counts in the reader's
// language, and the label of a code (the taxonomy's own translations, as the incident screens show them).
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CodedField } from '../../../../src/shared/import.ts';
import type { ConsentScope, DISPLACEMENT_STAGES, SvForm, TIMES_OF_DAY } from '../../../../src/shared/taxonomy.ts';
import { ApiRequestError } from '../../api.ts';
import {
  consentLabel, displacementLabel, formLabel, perpetratorCategoryLabel, precisionLabel, reliabilityLabel, settingLabel, sexLabel, sourceTypeLabel, statusLabel, timeOfDayLabel,
} from '../../format.ts';
import type { OwnLabel } from '../../format.ts';
import type { PerpetratorCategory, Sex, SourceReliability } from '../../formRows.ts';
import type { LOCATION_PRECISIONS } from '../../../../src/shared/taxonomy.ts';
type Precision = (typeof LOCATION_PRECISIONS)[number];
import { currentLanguage } from '../../i18n/index.ts';
import { ApiErrorMessage } from '../ApiErrorMessage.tsx';

/** Whole numbers with the reader's grouping and Latin digits (as tables elsewhere). */
export function useCount(): (n: number) => string {
  const lang = currentLanguage();
  const format = new Intl.NumberFormat(lang === 'ar' ? 'ar-u-nu-latn' : lang);
  return (n) => format.format(n);
}

/**
 * The translated label of a code of a coded field (the code itself for countries and areas); `own` names the
 * organisation's own values (x_...) of the extensible lists.
 */
export function codeLabel(t: TFunction, field: CodedField, code: string, own?: OwnLabel): string {
  switch (field) {
    case 'forms': return formLabel(t, code as SvForm);
    case 'consent': return consentLabel(t, code as ConsentScope);
    case 'verificationStatus': return statusLabel(t, code as 'reported' | 'pending');
    case 'perpetratorCategory': return perpetratorCategoryLabel(t, code as PerpetratorCategory);
    case 'sourceType': return sourceTypeLabel(t, code, own);
    case 'sourceReliability': return reliabilityLabel(t, code as SourceReliability);
    case 'setting': return settingLabel(t, code, own);
    case 'timeOfDay': return timeOfDayLabel(t, code as (typeof TIMES_OF_DAY)[number]);
    case 'displacementStage': return displacementLabel(t, code as (typeof DISPLACEMENT_STAGES)[number]);
    case 'survivorSex': return sexLabel(t, code as Sex);
    case 'coordinatePrecision': return precisionLabel(t, code as Precision);
    case 'dateEstimated': case 'abduction': case 'detention': case 'perpetratorInUniform': return t(code === 'yes' ? 'import.yesNo.yes' : 'import.yesNo.no');
    case 'country': case 'admin1': case 'admin2': return code;
  }
}

/** The step's <h2>: focused when the user moves to the step (not when the page first opens). */
export function StepHeading({ id, focus, children }: { id: string; focus: boolean; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return <h2 id={id} ref={ref} tabIndex={-1} className="step-heading">{children}</h2>;
}

const IMPORT_ERRORS = ['unreadable_file', 'file_gone', 'import_running', 'already_imported', 'jobs_unavailable', 'fst_err_ctp_body_too_large'] as const;
type ImportErrorCode = (typeof IMPORT_ERRORS)[number];
const isImportError = (c: string): c is ImportErrorCode => IMPORT_ERRORS.some((k) => k === c);
const ERROR_KEYS = {
  unreadable_file: 'import.errors.unreadable_file',
  file_gone: 'import.errors.file_gone',
  import_running: 'import.errors.import_running',
  already_imported: 'import.errors.already_imported',
  jobs_unavailable: 'import.errors.jobs_unavailable',
  fst_err_ctp_body_too_large: 'import.errors.too_large',
} as const satisfies Record<ImportErrorCode, string>;

/** Import-specific answers in the reader's language; anything else as every screen shows API errors. */
export function ImportError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiRequestError) || !isImportError(error.code)) return <ApiErrorMessage error={error} onRetry={onRetry} />;
  return (
    <div className="alert error" role="alert" data-testid="import-error">
      <p>{t(ERROR_KEYS[error.code])}</p>
      {/* Why a file cannot be read: the server's words, in English; they name the file's problem, never its content. */}
      {error.code === 'unreadable_file' && <p lang="en" dir="ltr">{error.message}</p>}
    </div>
  );
}

/** A running job's progress: a labelled <progress> and the same in words for screen readers. */
export function JobProgress({ label, processed, rows }: { label: string; processed: number; rows: number }) {
  const { t } = useTranslation();
  const count = useCount();
  return (
    <div className="job-progress" data-testid="job-progress">
      <progress max={Math.max(rows, 1)} value={processed} aria-label={label} />
      <p role="status">{t('import.run.progress', { label, processed: count(processed), rows: count(rows) })}</p>
    </div>
  );
}
