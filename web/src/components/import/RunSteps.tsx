// Why: steps 4 and 5 of the import wizard. The dry run checks every row with the mapping and writes nothing:
// how many incidents it would create, how many rows were imported before, and every rejected row's problem
// (row, column, value, rule), with the rejected rows to download and fix. The import then runs the same
// mapping as a background job, with its progress; records arrive reported or pending, for verification.
import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ImportDetail, ImportMapping, RowProblem } from '../../../../src/shared/import.ts';
import { api } from '../../api.ts';
import { ImportError, JobProgress, StepHeading, useCount } from './ImportParts.tsx';

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
}

const isRunning = (d: ImportDetail) => d.state === 'checking' || d.state === 'importing';

export function CheckStep({ focus, detail, mapping, checkedCurrent, run, onColumns, onValues, onNext }: RunProps) {
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

export function ImportStep({ focus, detail, mapping, checkedCurrent, run, onColumns, onValues }: Omit<RunProps, 'onNext'>) {
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

function Counts({ detail, dryRun }: { detail: ImportDetail; dryRun: boolean }) {
  const { t } = useTranslation();
  const count = useCount();
  return (
    <dl className="import-counts" data-testid="import-counts">
      <div className="count created"><dt>{dryRun ? t('import.counts.wouldCreate') : t('import.counts.created')}</dt><dd data-testid="count-created">{count(detail.created)}</dd></div>
      <div className="count skipped"><dt>{t('import.counts.skipped')}</dt><dd data-testid="count-skipped">{count(detail.skipped)}</dd></div>
      <div className="count rejected"><dt>{t('import.counts.rejected')}</dt><dd data-testid="count-rejected">{count(detail.rejected)}</dd></div>
      <div className="count rows"><dt>{t('import.counts.rows')}</dt><dd>{count(detail.rows)}</dd></div>
    </dl>
  );
}

interface ProblemGroup { column: string; rule: string; rows: number; values: string[]; more: boolean }

/** The listed problems by column and rule, most frequent first, with a few of the values behind each. */
function problemGroups(problems: readonly RowProblem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup & { seen: Set<string> }>();
  for (const p of problems) {
    const key = `${p.column}\u0000${p.rule}`;
    const g = groups.get(key) ?? { column: p.column, rule: p.rule, rows: 0, values: [], more: false, seen: new Set<string>() };
    g.rows += 1;
    if (p.value && !g.seen.has(p.value)) {
      g.seen.add(p.value);
      if (g.values.length < 3) g.values.push(p.value.length > 40 ? `${p.value.slice(0, 40)}…` : p.value);
      else g.more = true;
    }
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.rows - a.rows).map(({ seen: _seen, ...g }) => g);
}

/** The first problems (the server keeps 200 on the import); all rejected rows are in the download. */
function Problems({ detail }: { detail: ImportDetail }) {
  const { t } = useTranslation();
  const count = useCount();
  if (detail.rejected === 0) return <p data-testid="no-problems">{t('import.problems.none')}</p>;
  return (
    <div className="problems">
      <p>
        {/* Same origin, session cookie: the browser saves the file; the server audits the download. */}
        <a className="button secondary" href={api.rejectedRowsUrl(detail.id)} download data-testid="download-rejected">{t('import.problems.download')}</a>
      </p>
      <p className="hint">{t('import.problems.downloadHint')}</p>
      <p className="problems-label" id="problem-groups-label">{t('import.problems.frequent')}</p>
      <ul className="problem-groups" aria-labelledby="problem-groups-label" data-testid="problem-groups">
        {problemGroups(detail.problems).slice(0, 5).map((g) => (
          <li key={`${g.column}\u0000${g.rule}`}>
            <bdi dir="auto" className="group-column">{g.column}</bdi>
            {' – '}
            <span lang="en" dir="ltr">{g.rule}</span>
            {' – '}
            <span className="group-rows">{t('import.problems.groupRows', { rows: count(g.rows) })}</span>
            {g.values.length > 0 && <>{' ('}{g.values.map((v, i) => <span key={v}>{i > 0 && ', '}<bdi dir="auto" className="file-value">{v}</bdi></span>)}{g.more ? ', …' : ''})</>}
          </li>
        ))}
      </ul>
      <div className="table-wrap">
        <table className="problems-table" data-testid="problems">
          <caption>{t('import.problems.caption', { shown: count(detail.problems.length), rejected: count(detail.rejected) })}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">{t('import.problems.row')}</th>
              <th scope="col">{t('import.problems.column')}</th>
              <th scope="col">{t('import.problems.value')}</th>
              <th scope="col">{t('import.problems.rule')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.problems.map((p, i) => (
              <tr key={`${p.row}-${p.column}-${i}`}>
                <td className="num">{count(p.row)}</td>
                <td><bdi dir="auto">{p.column}</bdi></td>
                <td><bdi dir="auto" className="file-value">{p.value}</bdi></td>
                {/* Rules are the server's words, in English. */}
                <td lang="en" dir="ltr" className="rule">{p.rule}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
