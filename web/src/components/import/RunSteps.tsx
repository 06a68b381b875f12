// Why: steps 4 and 5 of the import wizard. The dry run checks every row with the mapping and writes nothing:
// how many incidents it would create, how many rows were imported before, and every rejected row's problem
// (row, column, value, rule), with the rejected rows to download and fix. The import then runs the same
// mapping as a background job, with its progress; records arrive reported or pending, for verification.
import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ImportDetail, ImportMapping, ImportRun } from '../../../../src/shared/import.ts';
import { ImportError, JobProgress, StepHeading, useCount } from './ImportParts.tsx';
import { Changes, Counts, Problems, Warnings } from './RunReport.tsx';

interface RunProps {
  focus: boolean;
  detail: ImportDetail;
  /** The mapping on screen, or null while it has a problem to fix first. */
  mapping: ImportMapping | null;
  /** Whether the last finished dry run used exactly the mapping on screen. */
  checkedCurrent: boolean;
  run: { start: (dryRun: boolean) => void; pending: boolean; error: unknown };
  onColumns: () => void;
  onValues: () => void;
  onNext: () => void;
  /** What the import does with rows already imported whose content changed. */
  onChanged: { value: ImportRun['onChanged']; set: (v: ImportRun['onChanged']) => void };
}

const isRunning = (d: ImportDetail) => d.state === 'checking' || d.state === 'importing';

export function CheckStep({ focus, detail, mapping, checkedCurrent, run, onColumns, onValues, onNext, onChanged }: RunProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const dryRun = detail.mode === 'dry_run';
  const report = dryRun && detail.state === 'checked';
  return (
    <section aria-labelledby={headingId} className="import-step" data-testid="step-check">
      <StepHeading id={headingId} focus={focus}>{t('import.check.title')}</StepHeading>
      <p>{t('import.check.intro')}</p>
      {!mapping && (
        <div className="alert error" role="alert">
          <p>{t('import.check.fixFirst')}</p>
          <button type="button" className="secondary" onClick={onColumns}>{t('import.nav.backToColumns')}</button>
        </div>
      )}
      {run.error !== null && <ImportError error={run.error} />}
      <div className="row-actions">
        <button type="button" onClick={() => run.start(true)} disabled={!mapping || run.pending || isRunning(detail)} data-testid="dry-run">
          {report ? t('import.check.runAgain') : t('import.check.run')}
        </button>
      </div>
      {detail.state === 'checking' && <JobProgress label={t('import.check.progressLabel')} processed={detail.processed} rows={detail.rows} />}
      {dryRun && detail.state === 'failed' && <Failed detail={detail} />}
      {report && (
        <div className="report" data-testid="dry-run-report">
          <h3>{t('import.check.reportTitle')}</h3>
          {!checkedCurrent && <p className="note" data-testid="mapping-changed">{t('import.check.mappingChanged')}</p>}
          <Counts detail={detail} dryRun />
          <Warnings detail={detail} />
          <Changes detail={detail} choice={onChanged} />
          <Problems detail={detail} />
        </div>
      )}
      <div className="form-actions step-actions">
        <button type="button" className="secondary" onClick={onColumns}>{t('import.nav.backToColumns')}</button>
        <button type="button" className="secondary" onClick={onValues}>{t('import.nav.backToValues')}</button>
        <button type="button" onClick={onNext} disabled={!(report && checkedCurrent)} data-testid="to-import">{t('import.nav.toImport')}</button>
      </div>
    </section>
  );
}

export function ImportStep({ focus, detail, mapping, checkedCurrent, run, onColumns, onValues, onChanged }: Omit<RunProps, 'onNext'>) {
  const { t } = useTranslation();
  const count = useCount();
  const headingId = useId();
  const imported = detail.mode === 'import';
  const done = imported && detail.state === 'done';
  const ready = detail.mode === 'dry_run' && detail.state === 'checked' && checkedCurrent && mapping !== null;
  return (
    <section aria-labelledby={headingId} className="import-step" data-testid="step-import">
      <StepHeading id={headingId} focus={focus}>{t('import.run.title')}</StepHeading>
      <p className="note" data-testid="verification-note">{t('import.run.verificationNote')}</p>
      {ready && (
        <>
          <p data-testid="ready">{t('import.run.ready', { created: count(detail.created), skipped: count(detail.skipped), rejected: count(detail.rejected) })}</p>
          <Changes detail={detail} choice={onChanged} />
          {run.error !== null && <ImportError error={run.error} />}
          <div className="row-actions">
            <button type="button" onClick={() => run.start(false)} disabled={run.pending} data-testid="run-import">{t('import.run.start')}</button>
          </div>
        </>
      )}
      {!ready && !imported && (
        <p className="alert error" role="alert">{t('import.run.checkFirst')}</p>
      )}
      {detail.state === 'importing' && <JobProgress label={t('import.run.progressLabel')} processed={detail.processed} rows={detail.rows} />}
      {imported && detail.state === 'failed' && <Failed detail={detail} />}
      {done && (
        <div className="report" data-testid="import-report">
          <p className="alert success" role="status">{t('import.run.finished')}</p>
          <Counts detail={detail} dryRun={false} />
          <Warnings detail={detail} />
          <p><Link to="/incidents" data-testid="to-incidents">{t('import.run.toIncidents')}</Link></p>
          <Problems detail={detail} />
        </div>
      )}
      <div className="form-actions step-actions">
        {!done && <button type="button" className="secondary" onClick={onColumns}>{t('import.nav.backToColumns')}</button>}
        {!done && <button type="button" className="secondary" onClick={onValues}>{t('import.nav.backToValues')}</button>}
      </div>
    </section>
  );
}

function Failed({ detail }: { detail: ImportDetail }) {
  const { t } = useTranslation();
  return (
    <div className="alert error" role="alert" data-testid="run-failed">
      <p>{t('import.run.failed')}</p>
      {/* The job's reason, in the server's words (English); it names no file values. */}
      {detail.error && <p lang="en" dir="ltr">{detail.error}</p>}
    </div>
  );
}

