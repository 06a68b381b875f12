// Why: the administrators' read-only view of their organisation's audit log: the chain's verification (as
// `salama audit verify` computes it, run in the background), entries newest first with who, what and on
// which entity, filtered by action, member and dates, paged by older / newer. Details hold field names and
// counts, never values; reading the log is itself audited by the server.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTION_FAMILIES } from '../../../src/shared/audit.ts';
import type { AuditEntry } from '../../../src/shared/audit.ts';
import { api } from '../api.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { AuditVerificationPanel } from '../components/AuditVerificationPanel.tsx';
import { BackupStatusPanel } from '../components/BackupStatusPanel.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { timestamp } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { useMembers } from '../members.ts';
import { canReadAudit, useMe } from '../session.tsx';
import '../admin.css';

const PAGE_SIZE = 50;
interface Filters { action: string; actor: string; from: string; to: string }
const EMPTY: Filters = { action: '', actor: '', from: '', to: '' };

export function AuditPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeading pageName={t('audit.title')}>{t('audit.title')}</PageHeading>
      {canReadAudit(me.user.role) ? <AuditBody /> : <p className="note" data-testid="role-note">{t('audit.notAllowed')}</p>}
    </>
  );
}

function AuditBody() {
  const { t } = useTranslation();
  const members = useMembers();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  // Cursors of the pages before this one, so "Newer" goes back exactly.
  const [cursors, setCursors] = useState<number[]>([]);
  const [before, setBefore] = useState<number | null>(null);
  const query = new URLSearchParams({ pageSize: String(PAGE_SIZE) });
  for (const k of ['action', 'actor', 'from', 'to'] as const) if (filters[k]) query.set(k, filters[k]);
  if (before) query.set('before', String(before));
  const entries = useQuery({ queryKey: ['audit', query.toString()], queryFn: () => api.auditEntries(query) });

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
    setCursors([]);
    setBefore(null);
  };
  const set = (k: keyof Filters) => (v: string) => setDraft({ ...draft, [k]: v });
  return (
    <div className="admin-page" data-testid="audit-page">
      <AuditVerificationPanel />
      <BackupStatusPanel />
      <form className="filters" onSubmit={apply} noValidate data-testid="audit-filters">
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="audit-action">{t('audit.filter.action')}</label>
            <input id="audit-action" list="audit-actions" dir="ltr" value={draft.action} onChange={(e) => set('action')(e.target.value.trim().toLowerCase())} aria-describedby="audit-action-hint" />
            <datalist id="audit-actions">{AUDIT_ACTION_FAMILIES.map((a) => <option key={a} value={a} />)}</datalist>
            <p className="hint" id="audit-action-hint">{t('audit.filter.actionHint')}</p>
          </div>
          <div className="field">
            <label htmlFor="audit-actor">{t('audit.filter.actor')}</label>
            <select id="audit-actor" value={draft.actor} onChange={(e) => set('actor')(e.target.value)}>
              <option value="">{t('audit.filter.anyone')}</option>
              {members.data?.map((m) => <option key={m.id} value={m.id}>{m.email}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-from">{t('audit.filter.from')}</label>
            <input id="audit-from" type="date" value={draft.from} onChange={(e) => set('from')(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="audit-to">{t('audit.filter.to')}</label>
            <input id="audit-to" type="date" value={draft.to} onChange={(e) => set('to')(e.target.value)} />
          </div>
        </div>
        <div className="filter-actions">
          <button type="button" className="secondary" onClick={() => { setDraft(EMPTY); setFilters(EMPTY); setCursors([]); setBefore(null); }}>{t('audit.filter.clear')}</button>
          <button type="submit">{t('audit.filter.apply')}</button>
        </div>
      </form>
      {entries.isError && <ApiErrorMessage error={entries.error} onRetry={() => void entries.refetch()} />}
      {entries.isPending && <p className="loading">{t('app.loading')}</p>}
      {entries.data && (entries.data.items.length === 0
        ? <p className="note" data-testid="audit-empty">{t('audit.empty')}</p>
        : <AuditTable items={entries.data.items} />)}
      <nav className="pager" aria-label={t('pager.label')}>
        <div className="pager-controls">
          <button type="button" className="secondary" disabled={cursors.length === 0 && before === null}
            onClick={() => { const prev = cursors.slice(0, -1); setBefore(cursors.length ? (cursors[cursors.length - 1] ?? null) : null); setCursors(prev); }}>
            {t('audit.newer')}
          </button>
          <button type="button" className="secondary" disabled={!entries.data?.nextBefore}
            onClick={() => { if (entries.data?.nextBefore) { setCursors(before === null ? cursors : [...cursors, before]); setBefore(entries.data.nextBefore); } }}>
            {t('audit.older')}
          </button>
        </div>
      </nav>
    </div>
  );
}

function actorName(t: TFunction, e: AuditEntry): string {
  if (e.actorEmail) return e.actorEmail;
  switch (e.actorKind) {
    case 'cli': return t('audit.actor.cli');
    case 'system': return t('audit.actor.system');
    case 'anonymous': return t('audit.actor.anonymous');
    default: return t('audit.actor.former');
  }
}

/** Details are names, counts and outcomes; shown as they are (short, in English like the action codes). */
const detailText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function AuditTable({ items }: { items: AuditEntry[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <div className="table-wrap">
      <table className="audit" data-testid="audit-table">
        <caption className="visually-hidden">{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.col.at')}</th>
            <th scope="col">{t('audit.col.actor')}</th>
            <th scope="col">{t('audit.col.action')}</th>
            <th scope="col">{t('audit.col.entity')}</th>
            <th scope="col">{t('audit.col.details')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id} data-testid="audit-row">
              <td className="nowrap">{timestamp(e.at, lang)}<span className="entry-id" dir="ltr"> #{e.id}</span></td>
              <td dir="auto">{actorName(t, e)}{e.ip && <span className="muted" dir="ltr"> {e.ip}</span>}</td>
              <td><code dir="ltr">{e.action}</code></td>
              <td dir="ltr">{e.entityType ? <>{e.entityType} <span className="muted" title={e.entityId ?? undefined}>{e.entityId?.slice(0, 8)}</span></> : '–'}</td>
              <td dir="ltr" lang="en">
                {Object.keys(e.details).length === 0 ? '–' : (
                  <dl className="details">
                    {Object.entries(e.details).map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{detailText(v)}</dd></div>)}
                  </dl>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
