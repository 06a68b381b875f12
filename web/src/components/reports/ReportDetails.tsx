// Why: changing a report's title, and for the input to the annual report the parties it proposes for the
// annex (coordinators). Checked with the shared schema (ReportPatch); refusals named by field.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ReportPatch, type Report } from '../../../../src/shared/reports.ts';
import type { PartyRef } from '../../../../src/shared/parties.ts';
import { refreshReports, reportKeys, reportsApi } from '../../reports.ts';
import { useCheckedForm } from '../formIssues.tsx';
import { PartyChooser } from '../PartyChooser.tsx';

export function ReportDetails({ report }: { report: Report }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const [title, setTitle] = useState(report.title);
  const [annex, setAnnex] = useState<Pick<PartyRef, 'id' | 'name'>[]>(report.annexParties);
  const annual = report.kind === 'annual';
  const form = useCheckedForm({
    prefix: 'report-details', schema: ReportPatch, value: { title, ...(annual ? { annexParties: annex.map((p) => p.id) } : {}) },
    send: (body) => reportsApi.update(report.id, body),
    onSaved: (r) => { qc.setQueryData(reportKeys.one(r.id), r); void refreshReports(qc); setDone(true); setOpen(false); },
  });
  return (
    <div>
      <details className="sub-panel report-details" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="report-details">
        <summary>{t('reports.details.open')}</summary>
        <form className="reports-form" onSubmit={form.submit} noValidate>
          {form.summary}
          {form.failed}
          <div className="field">
            <label htmlFor={form.id('title')}>{t('reports.details.title')}</label>
            <input type="text" dir="auto" maxLength={300} value={title} onChange={(e) => { setTitle(e.target.value); setDone(false); }} {...form.props('title')} />
            {form.message('title')}
          </div>
          {annual && (
            <div className="field">
              <label htmlFor={form.id('annexParties')}>{t('reports.create.annexParties')}</label>
              <PartyChooser control={form.props('annexParties', 'report-details-annex-hint')} label={t('reports.create.annexParties')} value={annex} onChange={(v) => { setAnnex(v); setDone(false); }} />
              <p className="hint" id="report-details-annex-hint">{t('reports.create.annexHint')}</p>
              {form.message('annexParties')}
            </div>
          )}
          <div className="row-actions">
            <button type="submit" disabled={form.pending}>{form.pending ? t('reports.write.saving') : t('reports.details.save')}</button>
          </div>
        </form>
      </details>
      <p role="status" className="list-status">{done && t('reports.details.saved')}</p>
    </div>
  );
}
