// Why: the organisation's early-warning rules (coordinators): what each watches and how, in words, how many of
// its alerts are open, and when it was last evaluated. New rules start here; every active rule can be evaluated
// now (in the background) rather than at the next scheduled run.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { EvaluateNow } from '../components/warnings/EvaluateNow.tsx';
import { WarningsFrame } from '../components/warnings/WarningsFrame.tsx';
import { formatDate } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { canReadAlerts } from '../session.tsx';
import { ruleKindLabel, rulePerLabel, warningKeys, warningsApi } from '../warnings.ts';

export function RulesPage() {
  const { t } = useTranslation();
  return <WarningsFrame pageName={t('warnings.rules.title')} allowed={canReadAlerts}><RulesBody /></WarningsFrame>;
}

function RulesBody() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const rules = useQuery({ queryKey: warningKeys.rules(), queryFn: warningsApi.rules });
  return (
    <div className="warnings-page" data-testid="rules-page">
      <p className="intro">{t('warnings.rules.intro')}</p>
      <div className="page-actions">
        <Link className="button" to="/warnings/rules/new" data-testid="new-rule">{t('warnings.rules.new')}</Link>
        <EvaluateNow />
      </div>
      {rules.isPending && <p className="loading">{t('app.loading')}</p>}
      {rules.isError && <ApiErrorMessage error={rules.error} onRetry={() => void rules.refetch()} />}
      {rules.data && (rules.data.rules.length === 0
        ? <p className="empty" data-testid="rules-empty">{t('warnings.rules.empty')}</p>
        : (
          <div className="table-wrap">
            <table className="warnings-table" data-testid="rules-table">
              <thead>
                <tr>
                  <th scope="col">{t('warnings.rules.name')}</th>
                  <th scope="col">{t('warnings.rules.kind')}</th>
                  <th scope="col">{t('warnings.rules.area')}</th>
                  <th scope="col">{t('warnings.rules.description')}</th>
                  <th scope="col" className="num">{t('warnings.rules.openAlerts')}</th>
                  <th scope="col">{t('warnings.rules.lastEvaluated')}</th>
                </tr>
              </thead>
              <tbody>
                {rules.data.rules.map((r) => (
                  <tr key={r.id} className={r.active ? undefined : 'retired'} data-testid="rule-row">
                    <th scope="row">
                      <Link to={`/warnings/rules/${r.id}`}><bdi>{r.name}</bdi></Link>
                      {!r.active && <> <span className="badge retired-badge">{t('warnings.rules.inactive')}</span></>}
                    </th>
                    <td>{ruleKindLabel(t, r.kind)}</td>
                    <td><bdi>{r.area.name}</bdi><span className="muted sub-line">{rulePerLabel(t, r.per)}</span></td>
                    <td dir="auto">{r.description}</td>
                    <td className="num">{r.openAlerts > 0 ? <Link to={`/warnings?rule=${r.id}`}>{r.openAlerts}</Link> : 0}</td>
                    <td className="nowrap">{r.lastEvaluatedOn ? formatDate(r.lastEvaluatedOn, lang) : <span className="muted">{t('warnings.rules.never')}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </div>
  );
}
