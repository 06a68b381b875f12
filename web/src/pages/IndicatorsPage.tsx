// Why: the registry of early-warning indicators, by category of the UN matrix: the seeded ones (read-only) and
// the organisation's own, each computed from incidents or observed by monitors, named and described in the
// reader's language. Coordinators add their own and retire them (or bring them back).
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { INDICATOR_CATEGORIES, type Indicator } from '../../../src/shared/warnings.ts';
import { ApiErrorMessage, apiErrorText } from '../components/ApiErrorMessage.tsx';
import { IndicatorForm } from '../components/warnings/IndicatorForm.tsx';
import { WarningsFrame } from '../components/warnings/WarningsFrame.tsx';
import { formLabel, list, perpetratorCategoryLabel, settingLabel, victimLabel } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { canReadAlerts } from '../session.tsx';
import { categoryLabel, refreshWarnings, warningKeys, warningsApi } from '../warnings.ts';

export function IndicatorsPage() {
  const { t } = useTranslation();
  return <WarningsFrame pageName={t('warnings.indicators.title')} allowed={canReadAlerts}><IndicatorsBody /></WarningsFrame>;
}

function IndicatorsBody() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState(false);
  const indicators = useQuery({ queryKey: warningKeys.indicators(), queryFn: warningsApi.indicators });
  return (
    <div className="warnings-page" data-testid="indicators-page">
      <p className="intro">{t('warnings.indicators.intro')}</p>
      <p role="status" className="list-status">{saved && t('warnings.indicators.saved')}</p>
      {adding
        ? <IndicatorForm onSaved={() => { setAdding(false); setSaved(true); void refreshWarnings(qc); }} onCancel={() => setAdding(false)} />
        : <p><button type="button" onClick={() => { setAdding(true); setSaved(false); }} data-testid="new-indicator">{t('warnings.indicators.new')}</button></p>}
      {indicators.isPending && <p className="loading">{t('app.loading')}</p>}
      {indicators.isError && <ApiErrorMessage error={indicators.error} onRetry={() => void indicators.refetch()} />}
      {indicators.data && INDICATOR_CATEGORIES.map((c) => {
        const inCategory = indicators.data.indicators.filter((i) => i.category === c);
        return inCategory.length > 0 && (
          <section key={c} aria-labelledby={`category-${c}`} data-testid={`indicators-${c}`}>
            <h2 id={`category-${c}`}>{categoryLabel(t, c)}</h2>
            <div className="table-wrap">
              <table className="warnings-table indicators">
                <thead>
                  <tr>
                    <th scope="col">{t('warnings.indicators.name')}</th>
                    <th scope="col">{t('warnings.indicators.kind')}</th>
                    <th scope="col">{t('warnings.indicators.origin')}</th>
                    <th scope="col"><span className="visually-hidden">{t('warnings.observations.actions')}</span></th>
                  </tr>
                </thead>
                <tbody>{inCategory.map((i) => <IndicatorRow key={i.id} indicator={i} />)}</tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}

function IndicatorRow({ indicator: i }: { indicator: Indicator }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const retire = useMutation({ mutationFn: () => warningsApi.updateIndicator(i.id, { retired: !i.retired }), onSuccess: () => refreshWarnings(qc) });
  return (
    <tr className={i.retired ? 'retired' : undefined} data-testid="indicator-row">
      <th scope="row">
        <bdi>{i.name}</bdi>{i.retired && <> <span className="badge retired-badge">{t('warnings.indicators.retired')}</span></>}
        {i.description && <p className="hint" dir="auto">{i.description}</p>}
        {i.count && <p className="hint">{countWords(t, i)}</p>}
      </th>
      <td><span className={`badge kind-${i.kind}`}>{t(`warnings.kinds.${i.kind}`)}</span></td>
      <td>{i.own ? t('warnings.indicators.own') : t('warnings.indicators.reference')}</td>
      <td>
        {i.own && (
          <button type="button" className="secondary" onClick={() => retire.mutate()} disabled={retire.isPending} aria-label={t(i.retired ? 'warnings.indicators.restoreOne' : 'warnings.indicators.retireOne', { name: i.name })}>
            {t(i.retired ? 'warnings.indicators.restore' : 'warnings.indicators.retire')}
          </button>
        )}
        {retire.isError && <p className="field-error" role="alert">{apiErrorText(t, retire.error)}</p>}
      </td>
    </tr>
  );
}

/** What a computed indicator counts, in words: "Incidents (verified only) · rape, sexual slavery · girls". */
function countWords(t: TFunction, i: Indicator): string {
  const c = i.count!;
  const lang = currentLanguage();
  const parts = [
    `${t(`warnings.indicators.units.${c.unit}`)} (${t(`warnings.indicators.recordsChoice.${c.records}`)})`,
    c.form.length ? list(c.form.map((f) => formLabel(t, f)), lang) : '',
    c.setting.length ? list(c.setting.map((s) => settingLabel(t, s)), lang) : '',
    c.victimCategory.length ? list(c.victimCategory.map((v) => victimLabel(t, v)), lang) : '',
    c.partyCategory.length ? list(c.partyCategory.map((p) => perpetratorCategoryLabel(t, p)), lang) : '',
  ];
  return parts.filter(Boolean).join(' · ');
}
