// Why: the History section of the detail page: every saved version (who changed which fields, when, and
// what each changed from what to what), each one viewable as it stood. Collapsed by default; the history is only asked for when the section is opened
// (reading it is audited, like the record).
import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { IncidentVersion } from '../../../src/shared/incident.ts';
import { api } from '../api.ts';
import { list, timestamp } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { personName, useMembers } from '../members.ts';
import { useMe } from '../session.tsx';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { VersionChanges } from './VersionChanges.tsx';
import { VersionSnapshot } from './VersionSnapshot.tsx';

/** Top-level field names (as the server reports changes) to the labels the rest of the app uses. */
const FIELD_LABELS = {
  occurredFrom: 'incident.occurredFrom',
  occurredTo: 'incident.occurredTo',
  dateEstimated: 'incident.dateEstimated',
  place: 'incident.place',
  victims: 'incident.victims',
  violations: 'incident.violations',
  survivors: 'incident.survivors',
  perpetrators: 'incident.perpetrators',
  // Versions saved before perpetrators were entries of their own.
  perpetratorParty: 'incident.perpetrators',
  sources: 'incident.sources',
  referrals: 'incident.referrals',
  verification: 'incident.verification',
  narrative: 'incident.narrative',
  assignedTo: 'incident.assignedTo',
  deleted: 'history.fields.deleted',
  consent: 'history.fields.consent',
  context: 'history.fields.context',
  erased: 'history.fields.erased',
} as const;
const isKnownField = (f: string): f is keyof typeof FIELD_LABELS => Object.hasOwn(FIELD_LABELS, f);
export const fieldLabel = (t: TFunction, f: string): string => (isKnownField(f) ? t(FIELD_LABELS[f]) : f);

export function IncidentHistory({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // The record's version is part of the key: a newer record brings a newer history.
  const history = useQuery({ queryKey: ['history', id, version], queryFn: () => api.incidentHistory(id), enabled: open });
  return (
    <section className="panel history" aria-labelledby="d-history" data-testid="history">
      <h2 id="d-history">
        <button type="button" className="disclosure" aria-expanded={open} aria-controls="history-body" onClick={() => setOpen(!open)}>
          <span className="disclosure-mark" aria-hidden="true" />{t('history.title')}
        </button>
      </h2>
      <div id="history-body" hidden={!open}>
        {open && (
          <>
            <p className="muted">{t('history.intro')}</p>
            {history.isPending && <p className="loading" role="status">{t('app.loading')}</p>}
            {history.isError && <ApiErrorMessage error={history.error} onRetry={() => void history.refetch()} />}
            {history.data && history.data.items.length === 0 && <p className="muted">{t('history.empty')}</p>}
            {history.data && history.data.items.length > 0 && (
              <ol className="history-list">
                {history.data.items.map((v) => <HistoryEntry key={v.version} v={v} />)}
              </ol>
            )}
          </>
        )}
      </div>
    </section>
  );
}

function HistoryEntry({ v }: { v: IncidentVersion }) {
  const { t } = useTranslation();
  const me = useMe();
  const members = useMembers();
  const lang = currentLanguage();
  const [shown, setShown] = useState(false);
  const headingId = useId();
  const snapshotId = useId();
  return (
    <li className="history-entry" data-testid={`version-${v.version}`}>
      <h3 id={headingId}>{t('history.versionN', { n: v.version })}: {t(`history.actions.${v.action}`)}</h3>
      <dl>
        <div className="item"><dt>{t('history.when')}</dt><dd><time dateTime={v.changedAt}>{timestamp(v.changedAt, lang)}</time></dd></div>
        <div className="item">
          <dt>{t('history.who')}</dt>
          <dd>{members.isLoading ? <span className="muted">{t('app.loading')}</span> : <bdi>{personName(t, v.changedBy, me.user.id, members.data)}</bdi>}</dd>
        </div>
        <div className="item">
          <dt>{t('history.changed')}</dt>
          <dd data-testid="changed-fields">
            {v.changedFields.length > 0 ? list(v.changedFields.map((f) => fieldLabel(t, f)), lang) : <span className="muted">{t('history.initial')}</span>}
          </dd>
        </div>
      </dl>
      <VersionChanges v={v} />
      <button type="button" className="link-button" aria-expanded={shown} aria-controls={snapshotId} aria-describedby={headingId} onClick={() => setShown(!shown)}>
        {shown ? t('history.hideVersion') : t('history.showVersion')}
      </button>
      <div id={snapshotId} hidden={!shown} className="snapshot-wrap">
        {shown && <VersionSnapshot snapshot={v.snapshot} />}
      </div>
    </li>
  );
}
