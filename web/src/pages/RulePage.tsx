// Why: one early-warning rule (coordinators): what it watches and how, in words, its open alerts, and what it
// would have done over a past period (the backtest); changing it; and /warnings/rules/new, defining one. After a
// save, "Evaluate now" is offered, so the new rule's alerts need not wait for the next scheduled run.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Rule } from '../../../src/shared/warnings.ts';
import { BacktestPanel } from '../components/warnings/BacktestPanel.tsx';
import { EvaluateNow } from '../components/warnings/EvaluateNow.tsx';
import { RuleForm } from '../components/warnings/RuleForm.tsx';
import { WarningsFrame } from '../components/warnings/WarningsFrame.tsx';
import { formatDate } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { canReadAlerts, useMe } from '../session.tsx';
import { refreshWarnings, ruleKindLabel, rulePerLabel, warningKeys, warningsApi } from '../warnings.ts';

export function RuleNewPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  return (
    <WarningsFrame pageName={t('warnings.rules.new')} allowed={canReadAlerts}>
      <RuleForm onSaved={(r) => { void refreshWarnings(qc); void navigate(`/warnings/rules/${r.id}`, { state: { saved: true } }); }} onCancel={() => void navigate('/warnings/rules')} />
    </WarningsFrame>
  );
}

export function RulePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const rule = useQuery({ queryKey: warningKeys.rule(id), queryFn: () => warningsApi.rule(id), enabled: canReadAlerts(me.user.role) });
  return (
    <WarningsFrame pageName={t('warnings.rules.pageName')} heading={rule.data && <bdi>{rule.data.name}</bdi>} allowed={canReadAlerts} query={rule}>
      {rule.data && <RuleBody rule={rule.data} />}
    </WarningsFrame>
  );
}

function RuleBody({ rule }: { rule: Rule }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const location = useLocation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState((location.state as { saved?: boolean } | null)?.saved === true);
  return (
    <div className="warnings-page rule-page" data-testid="rule-page">
      {saved && (
        <div className="alert success" role="status" data-testid="rule-saved">
          <p>{t('warnings.rules.saved')}</p>
          <EvaluateNow prominent />
        </div>
      )}
      <section className="panel" aria-labelledby="rule-about">
        <h2 id="rule-about">{ruleKindLabel(t, rule.kind)}</h2>
        <p className="lead" dir="auto" data-testid="rule-description">{rule.description}</p>
        <dl>
          <div className="item"><dt>{t('warnings.rules.area')}</dt><dd><bdi>{rule.area.name}</bdi> – {rulePerLabel(t, rule.per)}</dd></div>
          <div className="item"><dt>{t('warnings.rules.openAlerts')}</dt><dd>{rule.openAlerts > 0 ? <Link to={`/warnings?rule=${rule.id}`}>{rule.openAlerts}</Link> : 0}</dd></div>
          <div className="item"><dt>{t('warnings.rules.lastEvaluated')}</dt><dd>{rule.lastEvaluatedOn ? formatDate(rule.lastEvaluatedOn, lang) : t('warnings.rules.never')}</dd></div>
          <div className="item"><dt>{t('warnings.rules.state')}</dt><dd>{rule.active ? t('warnings.rules.activeState') : t('warnings.rules.inactive')}</dd></div>
        </dl>
        <button type="button" className="secondary" aria-expanded={editing} onClick={() => setEditing((v) => !v)} data-testid="rule-edit">{t('warnings.rules.edit')}</button>
      </section>
      {editing && (
        <RuleForm
          rule={rule}
          onSaved={(r) => { qc.setQueryData(warningKeys.rule(r.id), r); void refreshWarnings(qc); setEditing(false); setSaved(true); }}
          onCancel={() => setEditing(false)}
        />
      )}
      <BacktestPanel key={rule.updatedAt} rule={rule} />
    </div>
  );
}
