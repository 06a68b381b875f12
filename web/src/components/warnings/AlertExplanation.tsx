// Why: why an alert was raised, in words a coordinator can act on and repeat: the rule and its kind, the
// window counted and the past it was compared with, the figure, the baseline and the threshold it reached, as
// frozen when it was raised, and the latest figures while the episode lasts.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Alert, Explanation } from '../../../../src/shared/warnings.ts';
import { dateRange, formatDate } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { figure, ruleKindLabel } from '../../warnings.ts';

export function AlertExplanation({ alert, ruleDescription }: { alert: Alert; ruleDescription?: string | undefined }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const x = alert.explanation;
  return (
    <section className="panel explanation" aria-labelledby="alert-why" data-testid="alert-explanation">
      <h2 id="alert-why">{t('warnings.alert.why')}</h2>
      <dl>
        <div className="item"><dt>{t('warnings.alert.rule')}</dt><dd>
          <Link to={`/warnings/rules/${alert.rule.id}`}><bdi>{alert.rule.name}</bdi></Link> <span className="muted">({ruleKindLabel(t, x.kind)})</span>
          {ruleDescription && <p className="hint" dir="auto">{ruleDescription}</p>}
        </dd></div>
        <div className="item"><dt>{t('warnings.alert.area')}</dt><dd><bdi>{alert.area.name}</bdi>{alert.party && <> · <bdi>{alert.party.name}</bdi></>}</dd></div>
        <Figures x={x} />
        <div className="item"><dt>{t('warnings.alert.episode')}</dt><dd data-testid="alert-episode">
          {alert.episodeEnd ? dateRange(alert.episodeStart, alert.episodeEnd, lang) : t('warnings.alert.episodeOngoing', { date: formatDate(alert.episodeStart, lang) })}
        </dd></div>
      </dl>
      {alert.latest && alert.latest.asOf !== x.asOf && (
        <section className="latest" aria-labelledby="alert-latest" data-testid="alert-latest">
          <h3 id="alert-latest">{t('warnings.alert.latest', { date: formatDate(alert.latest.asOf, lang) })}</h3>
          <dl><Figures x={alert.latest} /></dl>
        </section>
      )}
    </section>
  );
}

/** The windows and the figures of one evaluation. */
function Figures({ x }: { x: Explanation }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <>
      <div className="item"><dt>{t('warnings.alert.asOf')}</dt><dd>{formatDate(x.asOf, lang)}</dd></div>
      <div className="item"><dt>{t(x.kind === 'combination' ? 'warnings.alert.windowSignals' : 'warnings.alert.window')}</dt><dd data-testid="explanation-window">{dateRange(x.window.from, x.window.to, lang)}</dd></div>
      {x.pastWindow && <div className="item"><dt>{t(`warnings.alert.past.${x.kind}`)}</dt><dd data-testid="explanation-past">{dateRange(x.pastWindow.from, x.pastWindow.to, lang)}</dd></div>}
      <div className="item"><dt>{t(`warnings.alert.value.${x.kind}`)}</dt><dd className="figure" data-testid="explanation-value">{figure(x.value, lang)}</dd></div>
      {x.baseline !== null && <div className="item"><dt>{t(`warnings.alert.baseline.${x.kind}`)}</dt><dd className="figure" data-testid="explanation-baseline">{figure(x.baseline, lang)}</dd></div>}
      <div className="item"><dt>{t('warnings.alert.threshold')}</dt><dd className="figure" data-testid="explanation-threshold">{figure(x.threshold, lang)}</dd></div>
    </>
  );
}
