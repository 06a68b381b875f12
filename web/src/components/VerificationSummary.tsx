// Why: the verification block of a record, worded: the status, the reason, when and by whom it was decided,
// on which standard, relying on which sources, the note, how four eyes was met, and a plain mark on records
// decided by their own recorder (with the justification), which every figure counting them must mention.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../src/shared/incident.ts';
import { list, reasonLabel, timestamp } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { StatusBadge } from './StatusBadge.tsx';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (<div className="item"><dt>{label}</dt><dd>{children}</dd></div>);
}

export function VerificationSummary({ d, person }: { d: IncidentDetail; person: (id: string) => ReactNode }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const v = d.verification;
  const decided = v.decidedAt !== null;
  return (
    <>
      {v.selfDecided && <p className="badge self-decided" data-testid="self-decided">{t('verify.panel.selfDecided')}</p>}
      <dl>
        <Item label={t('incident.status')}><span data-testid="verification-status"><StatusBadge status={v.status} late={v.late} /></span></Item>
        {v.notVerifiedReason && <Item label={t('incident.notVerifiedReason')}>{reasonLabel(t, v.notVerifiedReason)}</Item>}
        <Item label={t('incident.decidedAt')}>{v.decidedAt ? timestamp(v.decidedAt, lang) : t('detail.decidedNot')}</Item>
        {v.decidedBy && <Item label={t('incident.decidedBy')}>{person(v.decidedBy)}</Item>}
        {decided && (
          <>
            <Item label={t('verify.panel.standard')}>
              <span data-testid="verification-standard">{v.standard ? t(`taxonomy.standards.${v.standard}`) : <span className="muted">{t('verify.panel.standardNotRecorded')}</span>}</span>
            </Item>
            <Item label={t('verify.panel.sources')}>
              <span data-testid="verification-sources">
                {v.reliedOnSources.length ? list(v.reliedOnSources.map((i) => t('verify.panel.sourceN', { n: i + 1 })), lang) : <span className="muted">{t('verify.panel.reliedNone')}</span>}
              </span>
            </Item>
            {v.route && <Item label={t('verify.panel.routeLabel')}><span data-testid="verification-route">{t(`verify.panel.route.${v.route}`)}</span></Item>}
          </>
        )}
        {v.note && <Item label={t('verify.panel.note')}><span dir="auto" data-testid="verification-note">{v.note}</span></Item>}
        {v.selfDecisionJustification && <Item label={t('verify.panel.justification')}><span dir="auto">{v.selfDecisionJustification}</span></Item>}
      </dl>
    </>
  );
}
