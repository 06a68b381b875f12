// Why: making a new version of a report (coordinators). The server freezes it in the background; the report
// page reads the report again every 700 ms while it works (ReportPage), and this shows how far it is: a bar and
// the step in words, then the new version with a link to read it, or the failure.
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Report } from '../../../../src/shared/reports.ts';
import { isGenerating, refreshReports, reportKeys, reportsApi, stepLabel } from '../../reports.ts';
import { commitmentErrorText } from '../../commitments.ts';

export function GenerateVersion({ report, prominent = true }: { report: Report; prominent?: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const gen = report.generation;
  const running = isGenerating(report);
  // The outcome is told for a generation started on this page (an old one's is history, in the versions).
  const [started, setStarted] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => reportsApi.generate(report.id),
    onSuccess: (g) => {
      setStarted(g.id);
      qc.setQueryData<Report>(reportKeys.one(report.id), (r) => r && { ...r, generation: g });
      void qc.invalidateQueries({ queryKey: reportKeys.one(report.id) });
    },
  });
  // Once made, every list and check of the reports reads again (the new version is the latest).
  const settled = useRef(gen?.state);
  useEffect(() => {
    const was = settled.current;
    settled.current = gen?.state;
    if ((was === 'queued' || was === 'running') && (gen?.state === 'done' || gen?.state === 'failed')) void refreshReports(qc);
  }, [gen?.state, qc]);
  const mine = gen !== null && gen.id === started;
  return (
    <div className="generate-version" data-testid="generate-version">
      <p className="row-actions">
        <button type="button" className={prominent ? undefined : 'secondary'} onClick={() => start.mutate()} disabled={running || start.isPending} data-testid="generate">
          {t('reports.generate.button')}
        </button>
        <span className="hint">{t('reports.generate.hint')}</span>
      </p>
      {start.isError && <p className="alert error" role="alert" data-testid="generate-refused">{commitmentErrorText(t, start.error)}</p>}
      {gen && running && (
        <div className="generation-progress" data-testid="generation-progress">
          <progress max={100} value={gen.progress} aria-label={t('reports.generate.progressLabel')} />
          <p role="status">{t('reports.generate.progress', { step: stepLabel(t, gen.step), progress: gen.progress })}</p>
        </div>
      )}
      <p role="status" className="list-status" data-testid="generation-outcome">
        {mine && gen.state === 'done' && gen.version !== null && (
          <>{t('reports.generate.done', { version: gen.version })} <Link to={`/reports/${report.id}/read?version=${gen.version}`}>{t('reports.generate.read')}</Link></>
        )}
      </p>
      {mine && gen.state === 'failed' && <p className="alert error" role="alert" data-testid="generation-failed">{t('reports.generate.failed')}{gen.error && <> {t(`reports.generate.errors.${gen.error}`)}</>}</p>}
    </div>
  );
}
