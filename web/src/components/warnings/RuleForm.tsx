// Why: defining or changing an early-warning rule (coordinators): its name, the area it watches (a country,
// optionally a region and a district) and whether it watches each region or district in it separately, its
// kind with that kind's parameters, and whether it is in use. Checked with the shared schema (RuleInput);
// refusals named by field.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RULE_KINDS, RULE_PER, RuleInput, type Rule, type RuleKind, type RulePer } from '../../../../src/shared/warnings.ts';
import { ruleKindLabel, rulePerLabel, warningKeys, warningsApi } from '../../warnings.ts';
import { ApiErrorMessage } from '../ApiErrorMessage.tsx';
import { useCheckedForm } from '../formIssues.tsx';
import { AreaFields, areaBody, EMPTY_AREA } from './AreaFields.tsx';
import { paramsBody, paramsDraft, RuleParamsFields } from './RuleParamsFields.tsx';
import { WarningsForm } from './WarningsForm.tsx';

interface Props { rule?: Rule; onSaved: (rule: Rule) => void; onCancel: () => void }

export function RuleForm({ rule, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const indicators = useQuery({ queryKey: warningKeys.indicators(), queryFn: warningsApi.indicators });
  const [name, setName] = useState(rule?.name ?? '');
  const [area, setArea] = useState(rule ? { country: rule.area.country, admin1: rule.area.admin1 ?? '', admin2: rule.area.admin2 ?? '' } : EMPTY_AREA);
  const [per, setPer] = useState<RulePer>(rule?.per ?? 'whole');
  const [active, setActive] = useState(rule?.active ?? true);
  const [kind, setKind] = useState<RuleKind>(rule?.kind ?? 'surge');
  const [params, setParams] = useState(() => paramsDraft(rule?.params));
  // Watching each region separately needs an area above regions; each district, one above districts.
  const perAllowed = (p: RulePer) => p === 'whole' || (p === 'admin1' ? !area.admin1 : !area.admin2);
  const value = { name, area: areaBody(area), per: perAllowed(per) ? per : 'whole', params: paramsBody(kind, params), active };
  const form = useCheckedForm({
    prefix: 'rule', schema: RuleInput, value,
    send: (body) => (rule ? warningsApi.updateRule(rule.id, body) : warningsApi.createRule(body)),
    onSaved,
  });
  if (indicators.isError) return <ApiErrorMessage error={indicators.error} onRetry={() => void indicators.refetch()} />;
  return (
    <WarningsForm form={form} legend={rule ? t('warnings.rules.edit') : t('warnings.rules.new')} testId="rule-form" send={{ label: t('warnings.rules.save'), testId: 'save-rule' }} onCancel={onCancel}>
      <div className="field">
        <label htmlFor={form.id('name')}>{t('warnings.rules.name')}</label>
        <input type="text" dir="auto" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} {...form.props('name')} />
        {form.message('name')}
      </div>
      <fieldset className="inner">
        <legend className="label">{t('warnings.rules.area')}</legend>
        <AreaFields form={form} path="area" value={area} onChange={setArea} />
        <div className="field radio-row" role="radiogroup" aria-labelledby="rule-per-label" id={form.id('per')}>
          <span className="label" id="rule-per-label">{t('warnings.rules.per')}</span>
          <div className="choices">
            {RULE_PER.map((p) => (
              <label key={p} className="checkbox">
                <input type="radio" name="rule-per" value={p} checked={value.per === p} disabled={!perAllowed(p)} onChange={() => setPer(p)} data-testid={`per-${p}`} /> {rulePerLabel(t, p)}
              </label>
            ))}
          </div>
          {form.message('per')}
        </div>
      </fieldset>
      <div className="field radio-row" role="radiogroup" aria-labelledby="rule-kind-label">
        <span className="label" id="rule-kind-label">{t('warnings.rules.kind')}</span>
        <div className="choices">
          {RULE_KINDS.map((k) => (
            <label key={k} className="checkbox">
              <input type="radio" name="rule-kind" value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`kind-${k}`} /> {ruleKindLabel(t, k)}
            </label>
          ))}
        </div>
        <p className="hint">{t(`warnings.rules.kindHint.${kind}`)}</p>
      </div>
      {indicators.data
        ? <RuleParamsFields form={form} kind={kind} value={params} onChange={setParams} indicators={indicators.data.indicators} />
        : <p className="loading">{t('app.loading')}</p>}
      <label className="checkbox"><input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} {...form.props('active')} /> {t('warnings.rules.active')}</label>
    </WarningsForm>
  );
}
