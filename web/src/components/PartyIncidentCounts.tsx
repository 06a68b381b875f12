// Why: the incidents attributed to a party, quarter by quarter and form by form, with its commitments placed
// between the quarters so that before and after can be read; alleged by default, verified only with the
// switch. Sexual exploitation and abuse by UN or humanitarian personnel stays in its own column. Until the
// analysis engine exists these are plain counts of the records the reader may read, and the page says so.
import { useTranslation } from 'react-i18next';
import type { CommitmentSummary } from '../../../src/shared/commitments.ts';
import { quarterOf, type IncidentCounts } from '../../../src/shared/compliance.ts';
import { SV_FORMS, type SvForm } from '../../../src/shared/taxonomy.ts';
import { formatDate, formLabel } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';

interface Props {
  counts: { data: IncidentCounts | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  verified: boolean;
  onVerified: (v: boolean) => void;
  /** The party's units too (brigades under an army), each incident once. */
  units: boolean;
  onUnits: (v: boolean) => void;
  commitments: readonly CommitmentSummary[];
}

const SEA: SvForm = 'sea_un_humanitarian';

export function PartyIncidentCounts({ counts, verified, onVerified, units, onUnits, commitments }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const data = counts.data;
  const forms = SV_FORMS.filter((f) => f !== SEA && data?.quarters.some((q) => (q.byForm[f] ?? 0) > 0));
  const sea = data?.quarters.some((q) => (q.byForm[SEA] ?? 0) > 0) ?? false;
  const columns = 2 + forms.length + (sea ? 1 : 0);
  const signedIn = (quarter: string) => [...commitments].filter((c) => quarterOf(c.signedOn) === quarter).sort((a, b) => a.signedOn.localeCompare(b.signedOn));
  // Commitments signed outside the quarters counted still mark where they fall.
  const before = data?.quarters.length ? commitments.filter((c) => quarterOf(c.signedOn) < data.quarters[0]!.quarter) : [];
  const after = data?.quarters.length ? commitments.filter((c) => quarterOf(c.signedOn) > data.quarters.at(-1)!.quarter) : [];
  const marker = (c: CommitmentSummary) => (
    <tr key={c.id} className="commitment-marker" data-testid="counts-commitment">
      <td colSpan={columns}>◆ {t('commitments.counts.signed', { date: formatDate(c.signedOn, lang), title: c.title })}</td>
    </tr>
  );
  return (
    <section className="panel party-counts" aria-labelledby="party-counts-title" data-testid="party-counts">
      <h2 id="party-counts-title">{t('commitments.counts.title')}</h2>
      <label className="checkbox">
        <input type="checkbox" checked={verified} onChange={(e) => onVerified(e.target.checked)} data-testid="verified-switch" /> {t('commitments.counts.verifiedOnly')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={units} onChange={(e) => onUnits(e.target.checked)} data-testid="units-switch" /> {t('commitments.counts.withUnits')}
      </label>
      <p className="hint">{t('commitments.counts.engineNote')}</p>
      {data?.scope === 'own_records' && <p className="note" data-testid="counts-scope">{t('commitments.counts.ownRecords')}</p>}
      {counts.isPending && <p className="loading">{t('app.loading')}</p>}
      {counts.error ? <ApiErrorMessage error={counts.error} onRetry={() => void counts.refetch()} /> : null}
      {data && (data.quarters.length === 0 ? <p className="muted" data-testid="counts-none">{verified ? t('commitments.counts.noneVerified') : t('commitments.counts.none')}</p> : (
        <div className="table-wrap">
          <table className="counts-table" data-testid="counts-table">
            <caption className="visually-hidden">{verified ? t('commitments.counts.captionVerified') : t('commitments.counts.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('commitments.counts.quarter')}</th>
                <th scope="col" className="num">{t('commitments.counts.incidents')}</th>
                {forms.map((f) => <th scope="col" className="num" key={f}>{formLabel(t, f)}</th>)}
                {sea && <th scope="col" className="num">{t('commitments.counts.sea')}</th>}
              </tr>
            </thead>
            <tbody>
              {before.map(marker)}
              {data.quarters.map((q) => [
                ...signedIn(q.quarter).map(marker),
                <tr key={q.quarter} data-testid={`quarter-${q.quarter}`}>
                  <th scope="row" dir="ltr">{q.quarter}</th>
                  <td className="num">{q.incidents}</td>
                  {forms.map((f) => <td className="num" key={f}>{q.byForm[f] ?? 0}</td>)}
                  {sea && <td className="num">{q.byForm[SEA] ?? 0}</td>}
                </tr>,
              ])}
              {after.map(marker)}
            </tbody>
            <tfoot><tr><th scope="row">{t('commitments.counts.total')}</th><td className="num">{data.total}</td><td colSpan={columns - 2} /></tr></tfoot>
          </table>
        </div>
      ))}
    </section>
  );
}
