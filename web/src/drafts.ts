// Why: a new incident is saved as a draft on the server as the user goes (sealed there, owner-only, purged
// after 30 days), so an interrupted interview or a dropped connection loses nothing and nothing sensitive is
// ever kept in the browser (no storage of form content). Saves wait for a pause in typing, happen at once
// on a change of step and when leaving the page, never overlap, and stop for good once the incident is
// recorded (its draft is then deleted).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api.ts';
import { draftData } from './formDraft.ts';
import type { FormState } from './incidentForm.ts';

export const DRAFTS_KEY = ['drafts'] as const;
/** Quiet time after the last change before the draft is saved. */
export const AUTOSAVE_DELAY_MS = 2000;

export type DraftStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; error: unknown };

/** The caller's drafts (when and at which step, no content). */
export function useDraftList(enabled = true) {
  // Always asked again when shown: a draft saved a moment ago on another page must be offered.
  return useQuery({ queryKey: DRAFTS_KEY, queryFn: api.listDrafts, enabled, staleTime: 0, select: (d) => d.items });
}

/** A random UUID v4, also where `crypto.randomUUID` is missing (pages served over plain HTTP on a LAN address). */
export function newDraftId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface Options {
  /** The draft's id; null turns autosaving off (edits of recorded incidents have no drafts). */
  id: string | null;
  form: FormState;
  step: number;
  /** The draft already exists on the server (it was resumed). */
  exists: boolean;
}

export function useDraftAutosave({ id, form, step, exists }: Options) {
  const qc = useQueryClient();
  const [status, setStatus] = useState<DraftStatus>({ kind: 'idle' });
  const latest = useRef({ form, step });
  latest.current = { form, step };
  const initial = useRef({ form, step });
  const dirty = useRef(false);
  const saved = useRef(exists);
  const stopped = useRef(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const timer = useRef<number | undefined>(undefined);

  const save = useCallback((): Promise<void> => {
    window.clearTimeout(timer.current);
    if (!id || stopped.current) return Promise.resolve();
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    if (!dirty.current) return Promise.resolve();
    dirty.current = false;
    setStatus({ kind: 'saving' });
    const { form: data, step: at } = latest.current;
    const run = api.saveDraft(id, { step: at, data: draftData(data) })
      .then(() => {
        saved.current = true;
        if (!stopped.current) setStatus({ kind: 'saved', at: new Date() });
      })
      .catch((error: unknown) => {
        // Kept dirty: the next change, step or departure tries again.
        dirty.current = true;
        if (!stopped.current) setStatus({ kind: 'error', error });
      })
      .finally(() => {
        inFlight.current = null;
        if (again.current) {
          again.current = false;
          void save();
        }
      });
    inFlight.current = run;
    return run;
  }, [id]);

  // A change (not the state the form opened with) is saved after a pause in typing.
  useEffect(() => {
    if (!id || form === initial.current.form) return;
    dirty.current = true;
    timer.current = window.setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer.current);
  }, [id, form, save]);

  // A change of step is saved at once (the draft reopens at that step), once there is anything to keep.
  useEffect(() => {
    if (!id || step === initial.current.step) return;
    initial.current = { ...initial.current, step };
    if (!dirty.current && !saved.current) return;
    dirty.current = true;
    void save();
  }, [id, step, save]);

  // Leaving the page: whatever is not saved yet is sent now.
  useEffect(() => () => {
    if (dirty.current && !stopped.current) void save();
  }, [save]);

  /** The incident is recorded: stop saving, wait for a save under way, and delete the draft. */
  const finish = useCallback(async (): Promise<void> => {
    stopped.current = true;
    window.clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    if (id && saved.current) {
      try {
        await api.deleteDraft(id);
      } catch {
        // Not deleted now: the server purges drafts untouched for 30 days.
      }
    }
    await qc.invalidateQueries({ queryKey: DRAFTS_KEY });
  }, [id, qc]);

  return { status, finish };
}
