// Why: the coordinators' review of likely duplicates across the whole organisation. A batch scan (nightly, or
// "Scan now") compares every record; its undecided pairs are listed likeliest first, both records side by side,
// to be linked as the same incident (counted once, under the one kept) or marked different. Each decision can
// be undone at once from the message that confirms it. Paging is kept in the URL (numbers only).
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DuplicateScan } from '../../../src/shared/duplicates.ts';
import { api, ApiRequestError } from '../api.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { DuplicatePairCard, type PairDecided } from '../components/DuplicatePairCard.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Pager } from '../components/Pager.tsx';
import { DEFAULT_PAIR_PAGE_SIZE, PAIR_PAGE_SIZES, SCAN_KEY, scanActive, useDuplicatePairs, useDuplicateScan } from '../duplicatePairs.ts';
import { refreshAfterDecision } from '../duplicates.ts';
import { timestamp } from '../format.ts';
import { currentLanguage, type Language } from '../i18n/index.ts';
import { canLinkDuplicates, useMe } from '../session.tsx';

function positiveInt(v: string | null, fallback: number, max: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

export function DuplicatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeading pageName={t('duplicatesPage.title')}>{t('duplicatesPage.title')}</PageHeading>
      {canLinkDuplicates(me.user.role)
        ? <DuplicatesBody />
        : <p className="note" data-testid="role-note">{t('duplicatesPage.notAllowed')}</p>}
    </>
  );
}

function DuplicatesBody() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = positiveInt(params.get('page'), 1, 1_000_000);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAIR_PAGE_SIZE, 100);
  const scan = useDuplicateScan();
  const pairs = useDuplicatePairs(page, pageSize);
  const [decided, setDecided] = useState<PairDecided | null>(null);
  const go = (nextPage: number, nextSize: number) => {
    const p = new URLSearchParams();
    if (nextPage !== 1) p.set('page', String(nextPage));
    if (nextSize !== DEFAULT_PAIR_PAGE_SIZE) p.set('pageSize', String(nextSize));
    setParams(p);
  };
  // The last pairs of a page decided: step back to the last page that still has some.
  const data = pairs.data;
  useEffect(() => {
    if (data && data.items.length === 0 && data.total > 0 && data.page > 1) {
      const p = new URLSearchParams();
      p.set('page', String(Math.max(1, Math.ceil(data.total / data.pageSize))));
      if (data.pageSize !== DEFAULT_PAIR_PAGE_SIZE) p.set('pageSize', String(data.pageSize));
      setParams(p, { replace: true });
    }
  }, [data, setParams]);

  return (
    <>
      <p className="muted">{t('duplicatesPage.intro')}</p>
      <ScanPanel scan={scan.data} settled={data?.settled ?? 0} loading={scan.isPending} error={scan.isError ? scan.error : null} onRetry={() => void scan.refetch()} />
      <DecisionStatus decided={decided} />
      <section aria-labelledby="pairs-title" className="pairs" data-testid="pairs">
        <h2 id="pairs-title">{t('duplicatesPage.pairsTitle')}</h2>
        <div aria-live="polite" aria-busy={pairs.isFetching} className="list-status">
          {pairs.isPending && <p className="loading">{t('app.loading')}</p>}
        </div>
        {pairs.isError && <ApiErrorMessage error={pairs.error} onRetry={() => void pairs.refetch()} />}
        {data && data.total === 0 && <p className="empty" data-testid="pairs-empty">{emptyText(t, scan.data, data.settled)}</p>}
        {data && data.total > 0 && (
          <>
            <ol className="pair-list" aria-labelledby="pairs-title">
              {data.items.map((p) => <DuplicatePairCard key={`${p.a.id}|${p.b.id}`} pair={p} onDecided={setDecided} />)}
            </ol>
            <Pager
              page={data.page} pageSize={data.pageSize} total={data.total} sizes={PAIR_PAGE_SIZES}
              totalText={t('duplicatesPage.total', { count: data.total })}
              onPage={(p) => go(p, pageSize)} onPageSize={(s) => go(1, s)}
            />
          </>
        )}
      </section>
    </>
  );
}

/**
 * Why the list is empty, in words that agree with the scan's count: a scan that found pairs all decided
 * since says so (it used to say "no likely duplicates" under "9 likely pairs found").
 */
function emptyText(t: TFunction, scan: DuplicateScan | null | undefined, settled: number): string {
  if (scan === null) return t('duplicatesPage.noScan');
  if (scanActive(scan)) return t('duplicatesPage.waiting');
  if (settled > 0) return t('duplicatesPage.allSettled', { count: settled });
  return scan?.state === 'done' ? t('duplicatesPage.empty') : t('duplicatesPage.noneToReview');
}

function scanText(t: TFunction, lang: Language, scan: DuplicateScan | null | undefined): string {
  if (!scan) return t('duplicatesPage.scan.none');
  switch (scan.state) {
    case 'queued': return t('duplicatesPage.scan.queued', { time: timestamp(scan.startedAt, lang) });
    case 'running': return t('duplicatesPage.scan.running', { time: timestamp(scan.startedAt, lang) });
    case 'failed': return t('duplicatesPage.scan.failed', { time: timestamp(scan.finishedAt ?? scan.startedAt, lang) });
    case 'done': return t('duplicatesPage.scan.done', {
      time: timestamp(scan.finishedAt, lang), records: scan.records ?? 0, count: scan.pairs ?? 0,
    });
  }
}

interface ScanPanelProps { scan: DuplicateScan | null | undefined; settled: number; loading: boolean; error: Error | null; onRetry: () => void }

/** The last scan's state and time, and "Scan now" (the page polls while the scan is queued or running). */
function ScanPanel({ scan, settled, loading, error, onRetry }: ScanPanelProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const active = scanActive(scan);
  const start = useMutation({
    mutationFn: () => api.startDuplicateScan(),
    onSuccess: (started) => qc.setQueryData(SCAN_KEY, started),
  });
  const unavailable = start.error instanceof ApiRequestError && start.error.code === 'jobs_unavailable';
  return (
    <section className="panel scan-panel" aria-labelledby="scan-title" data-testid="scan-panel">
      <h2 id="scan-title">{t('duplicatesPage.scan.title')}</h2>
      <p role="status" className={`scan-state${scan ? ` ${scan.state}` : ''}`} data-testid="scan-state">
        {loading ? t('app.loading') : scanText(t, lang, scan)}
      </p>
      {scan?.state === 'done' && settled > 0 && !loading && <p className="hint" data-testid="scan-settled">{t('duplicatesPage.scan.settled', { count: settled })}</p>}
      {scan?.state === 'failed' && scan.error && <p className="hint" lang="en" dir="ltr">{scan.error}</p>}
      {error && <ApiErrorMessage error={error} onRetry={onRetry} />}
      <div className="row-actions">
        <button type="button" onClick={() => start.mutate()} disabled={active || start.isPending} data-testid="scan-now">
          {active || start.isPending ? t('duplicatesPage.scan.scanning') : t('duplicatesPage.scan.now')}
        </button>
        <p className="hint">{t('duplicatesPage.scan.hint')}</p>
      </div>
      {start.isError && (unavailable
        ? <div className="alert error" role="alert"><p>{t('duplicatesPage.scan.unavailable')}</p></div>
        : <ApiErrorMessage error={start.error} />)}
    </section>
  );
}

/** Says what the last decision did (focus moves here: the pressed button has gone with its card), with Undo. */
function DecisionStatus({ decided }: { decided: PairDecided | null }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const ref = useRef<HTMLParagraphElement>(null);
  const [undoneId, setUndoneId] = useState<string | null>(null);
  const undone = decided !== null && undoneId === decided.decisionId;
  useEffect(() => {
    if (decided) requestAnimationFrame(() => ref.current?.focus());
  }, [decided]);
  const undo = useMutation({
    mutationFn: (id: string) => api.undoDuplicateDecision(id),
    onSuccess: async (saved) => {
      await refreshAfterDecision(qc, [saved.incidentId, saved.otherId]);
      setUndoneId(saved.id);
      requestAnimationFrame(() => ref.current?.focus());
    },
  });
  const text = undone
    ? t('duplicatesPage.undone')
    : decided === null ? ''
      : decided.choice === 'distinct' ? t('duplicatesPage.distinctDone', { a: decided.counted, b: decided.other })
        : t('duplicatesPage.linkedDone', { counted: decided.counted, other: decided.other });
  return (
    <div className="pairs-status-row">
      <p className="duplicates-status" role="status" tabIndex={-1} ref={ref} data-testid="pairs-status">{text}</p>
      {decided && !undone && (
        <button type="button" className="secondary" disabled={undo.isPending} onClick={() => undo.mutate(decided.decisionId)} data-testid="pairs-undo">
          {undo.isPending ? t('duplicates.saving') : t('duplicates.decisions.undo')}
        </button>
      )}
      {undo.isError && <ApiErrorMessage error={undo.error} />}
    </div>
  );
}
