// Why: the organisation-wide duplicate review: the last batch scan (polled every 2 s while it is queued or
// running, then the list is asked for again) and the undecided pairs it found, a page at a time.
import { useEffect, useRef } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { DuplicatePair, DuplicateScan } from '../../src/shared/duplicates.ts';
import { api } from './api.ts';

export type Pair = z.infer<typeof DuplicatePair>;
export const PAIR_PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAIR_PAGE_SIZE = 25;
const POLL_MS = 2000;

export const SCAN_KEY = ['duplicate-scan'] as const;
export const scanActive = (scan: DuplicateScan | null | undefined): boolean => scan?.state === 'queued' || scan?.state === 'running';

/** The last scan; polled while it is queued or running. When it ends, the pairs are asked for again. */
export function useDuplicateScan() {
  const qc = useQueryClient();
  const scan = useQuery({
    queryKey: SCAN_KEY,
    queryFn: async () => (await api.duplicateScan()).scan,
    refetchInterval: (q) => (scanActive(q.state.data) ? POLL_MS : false),
    staleTime: 0,
  });
  const wasActive = useRef(false);
  const active = scanActive(scan.data);
  useEffect(() => {
    if (wasActive.current && !active) void qc.invalidateQueries({ queryKey: ['duplicate-pairs'] });
    wasActive.current = active;
  }, [active, qc]);
  return scan;
}

/** One page of undecided pairs of the last scan, likeliest first (the read is audited by the server). */
export function useDuplicatePairs(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['duplicate-pairs', page, pageSize],
    queryFn: () => api.duplicatePairs(page, pageSize),
    placeholderData: keepPreviousData,
  });
}
