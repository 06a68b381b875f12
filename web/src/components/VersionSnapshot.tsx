// Why: one past version of an incident, as it stood then: the key values only (dates, place, victims,
// forms, setting, perpetrators, sources, referrals, status, narrative), worded like the detail page. Never raw ids.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentVersion } from '../../../src/shared/incident.ts';
import { tallyTotal } from '../../../src/shared/incident.ts';
import { dateRange, formLabel, list, perpetratorCategoryLabel, placeLabel, reasonLabel, referralStatusLabel } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { useListLabels } from '../lookups.ts';
import { useAreaNames } from '../places.ts';
import { StatusBadge } from './StatusBadge.tsx';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (<div className="item"><dt>{label}</dt><dd>{children}</dd></div>);
}

export function VersionSnapshot({ snapshot: s }: { snapshot: IncidentVersion['snapshot'] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const labels = useListLabels();
  const areaNames = useAreaNames([s.place.country]);
  const noEntries = <span className="muted">{t('detail.noneRecorded')}</span>;
  const place = [placeLabel(t, areaNames, { country: s.place.country, admin1: s.place.admin1 ?? null }), areaNames(s.place.admin2)]
    .filter((p): p is string => !!p);
  const forms = [...new Set(s.violations.map((v) => v.form))].map((f) => formLabel(t, f));
  return (
    <dl className="snapshot">
      <Item label={t('list.col.date')}>
        {dateRange(s.occurredFrom, s.occurredTo ?? null)}
        {s.dateEstimated && <span className="est"> {t('list.estimated')}</span>}
      </Item>
      <Item label={t('incident.place')}>
        {list(place, lang)}
        {s.place.locality && <>{lang === 'ar' ? '، ' : ', '}<bdi>{s.place.locality}</bdi></>}
      </Item>
      <Item label={t('history.victimsTotal')}>{tallyTotal(s.victims)}</Item>
      <Item label={t('list.col.forms')}>{list(forms, lang)}</Item>
      <Item label={t('incident.setting')}>{s.context.setting ? labels.setting(s.context.setting) : <span className="muted">{t('form.notKnown')}</span>}</Item>
      <Item label={t('incident.survivors')}>{s.survivors.length}</Item>
      <Item label={t('incident.perpetrators')}>
        {s.perpetrators.length === 0 ? noEntries : (
          <ul className="people" data-testid="snapshot-perpetrators">
            {s.perpetrators.map((p, i) => (
              <li key={i}>{p.party ? <><bdi>{p.party}</bdi> ({perpetratorCategoryLabel(t, p.category)})</> : perpetratorCategoryLabel(t, p.category)}</li>
            ))}
          </ul>
        )}
      </Item>
      <Item label={t('incident.sources')}>
        {s.sources.length === 0 ? noEntries : `${s.sources.length}: ${list(s.sources.map((x) => labels.sourceType(x.type)), lang)}`}
      </Item>
      <Item label={t('incident.referrals')}>
        {s.referrals.length === 0 ? noEntries : list(s.referrals.map((r) => `${labels.service(r.service)} (${referralStatusLabel(t, r.status)})`), lang)}
      </Item>
      <Item label={t('incident.status')}>
        <StatusBadge status={s.verification.status} />
        {s.verification.notVerifiedReason && <> {reasonLabel(t, s.verification.notVerifiedReason)}</>}
      </Item>
      <Item label={t('incident.narrative')}>
        {s.narrative ? <div className="narrative" dir="auto">{s.narrative}</div> : <span className="muted">{t('detail.narrativeEmpty')}</span>}
      </Item>
    </dl>
  );
}
