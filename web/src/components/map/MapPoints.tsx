// Why: what the restricted map says about its points: the choice to draw them (above the map, kept in the URL with
// the dashboard's other choices) and, under it, how many counted incidents are drawn, how many have no point (no
// coordinates, or to be shown only at a coarser level: they are in their region's count alone), and when there were
// more than the map draws, that only the newest were considered. The numbers come from the answer, never guessed.
// The points are also listed (links to their records) for those who do not use a mouse.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { STAT_MAX_POINTS, type PointsAnswer } from '../../../../src/shared/stats.ts';

export function PointsToggle({ shown, onChange }: { shown: boolean; onChange: (shown: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <label className="checkbox map-points-toggle">
      <input type="checkbox" checked={shown} onChange={(e) => onChange(e.target.checked)} data-testid="map-points-toggle" />
      {t('dashboard.map.points.show')}
    </label>
  );
}

export function PointsNote({ answer, failed }: { answer: PointsAnswer | undefined; failed: boolean }) {
  const { t } = useTranslation();
  if (failed) return <p className="note" data-testid="map-points-failed">{t('dashboard.map.points.failed')}</p>;
  if (!answer) return null;
  // The server opens at most STAT_MAX_POINTS records (the newest): those it did not open are not "without a point".
  const considered = Math.min(answer.counted, STAT_MAX_POINTS);
  const withoutPoint = considered - answer.points.length;
  return (
    <div className="hint map-points-note" data-testid="map-points-note" data-points={answer.points.length} data-without-point={withoutPoint}>
      <p>
        {t('dashboard.map.points.drawn', { count: answer.points.length })}
        {withoutPoint > 0 && <> {t('dashboard.map.points.without', { count: withoutPoint })}</>}
      </p>
      {answer.capped && <p data-testid="map-points-capped">{t('dashboard.map.points.capped', { count: STAT_MAX_POINTS, counted: answer.counted })}</p>}
      {/* What the map shows to the mouse, as a list: each point's record and how precisely it is placed. */}
      {answer.points.length > 0 && (
        <details data-testid="map-points-list">
          <summary>{t('dashboard.map.points.list')}</summary>
          <ul>
            {answer.points.map((p) => (
              <li key={p.id}><Link to={`/incidents/${p.id}`}>{p.reference}</Link> · {t(`dashboard.map.points.precision.${p.precision}`)}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
