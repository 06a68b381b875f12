// Why: starting a report (coordinators): its kind (the quarterly report, the input to the annual report, a
// listing evidence pack), its period (a quarter, or a year), the party of a listing pack, the parties an annual
// input proposes for the annex, and an optional title. Checked with the shared schema (ReportCreate); refusals
// named by field.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_KINDS, ReportCreate, type Report, type ReportKind } from '../../../../src/shared/reports.ts';
import type { PartyRef } from '../../../../src/shared/parties.ts';
import { lastClosedQuarter, reportKindLabel, reportsApi } from '../../reports.ts';
import { useCheckedForm } from '../formIssues.tsx';
import { PartyChooser } from '../PartyChooser.tsx';
import { PartyPicker, type PartyChoice } from '../PartyPicker.tsx';

interface Props { onSaved: (report: Report) => void; onCancel: () => void }

const YEARS_BACK = 20;

export function ReportCreateForm({ onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const last = lastClosedQuarter();
  const [kind, setKind] = useState<ReportKind>('quarterly');
  // A quarter's year, and the year of the annual input and the listing pack (the last one ended, by default).
  const [year, setYear] = useState(last.year);
  const [wholeYear, setWholeYear] = useState(new Date().getFullYear() - 1);
  const [quarter, setQuarter] = useState(last.quarter);
  const [party, setParty] = useState<PartyChoice | null>(null);
  const [annex, setAnnex] = useState<Pick<PartyRef, 'id' | 'name'>[]>([]);
  const [title, setTitle] = useState('');
  const value = {
    kind,
    period: kind === 'quarterly' ? `${year}-Q${quarter}` : String(wholeYear),
    ...(title.trim() ? { title } : {}),
    ...(kind === 'listing' && party?.kind === 'party' ? { partyId: party.party.id } : {}),
    ...(kind === 'annual' && annex.length ? { annexParties: annex.map((p) => p.id) } : {}),
  };
  const form = useCheckedForm({ prefix: 'report', schema: ReportCreate, value, send: reportsApi.create, onSaved });
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - i);
  const partyError = form.props('partyId')['aria-describedby'];
  return (
    <form className="reports-form" onSubmit={form.submit} noValidate data-testid="report-create">
      <fieldset className="section">
        <legend>{t('reports.create.legend')}</legend>
        {form.summary}
        {form.failed}
        <div className="field" role="radiogroup" aria-labelledby="report-kind-label" id={form.id('kind')}>
          <span className="label" id="report-kind-label">{t('reports.create.kind')}</span>
          <div className="choices">
            {REPORT_KINDS.map((k) => (
              <label key={k} className="checkbox">
                <input type="radio" name="report-kind" value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`kind-${k}`} /> {reportKindLabel(t, k)}
              </label>
            ))}
          </div>
          <p className="hint">{t(`reports.kindHints.${kind}`)}</p>
          {form.message('kind')}
        </div>
        <div className="period-fields">
          <div className="field">
            <label htmlFor={form.id('period')}>{t('reports.period.year')}</label>
            <select value={kind === 'quarterly' ? year : wholeYear} onChange={(e) => (kind === 'quarterly' ? setYear : setWholeYear)(Number(e.target.value))} {...form.props('period')} data-testid="report-year">
              {years.map((y) => <option key={y} value={y}>{y}</option>)}
            </select>
          </div>
          {kind === 'quarterly' && (
            <div className="field">
              <label htmlFor="report-quarter">{t('reports.period.quarterLabel')}</label>
              <select id="report-quarter" value={quarter} onChange={(e) => setQuarter(Number(e.target.value))} data-testid="report-quarter">
                {[1, 2, 3, 4].map((q) => <option key={q} value={q}>{t('reports.period.quarterOption', { quarter: q })}</option>)}
              </select>
            </div>
          )}
          {form.message('period')}
        </div>
        {kind === 'listing' && (
          <div>
            <PartyPicker id={form.id('partyId')} label={t('reports.create.party')} value={party} onChange={setParty} hint={t('reports.create.partyHint')} {...(partyError ? { errorId: partyError } : {})} />
            {form.message('partyId')}
          </div>
        )}
        {kind === 'annual' && (
          <div className="field">
            <label htmlFor={form.id('annexParties')}>{t('reports.create.annexParties')} <span className="muted">({t('reports.optional')})</span></label>
            <PartyChooser control={form.props('annexParties', 'report-annex-hint')} label={t('reports.create.annexParties')} value={annex} onChange={setAnnex} />
            <p className="hint" id="report-annex-hint">{t('reports.create.annexHint')}</p>
            {form.message('annexParties')}
          </div>
        )}
        <div className="field">
          <label htmlFor={form.id('title')}>{t('reports.create.title')} <span className="muted">({t('reports.optional')})</span></label>
          <input type="text" dir="auto" maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} {...form.props('title', 'report-title-hint')} data-testid="report-title" />
          <p className="hint" id="report-title-hint">{t('reports.create.titleHint')}</p>
          {form.message('title')}
        </div>
        <div className="row-actions">
          <button type="submit" disabled={form.pending} data-testid="create-report">{form.pending ? t('commitments.form.saving') : t('reports.create.send')}</button>
          <button type="button" className="secondary" onClick={onCancel}>{t('reports.create.cancel')}</button>
        </div>
      </fieldset>
    </form>
  );
}
