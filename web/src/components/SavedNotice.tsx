// Why: after recording (a new incident or saved changes) the user sees, and a screen reader hears, that it
// worked and under which reference. The form passes what happened in the navigation state (never in the URL);
// the live region is on the page before its words, so assistive technology announces them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../src/shared/incident.ts';

export type Saved = 'created' | 'updated';
/** The navigation state the form leaves: what was saved (with `justCreated` for a new record's duplicate check). */
export const savedState = (saved: Saved) => (saved === 'created' ? { justCreated: true, saved } : { saved });
export const savedOf = (state: unknown): Saved | null => {
  const saved = typeof state === 'object' && state !== null ? (state as { saved?: unknown }).saved : null;
  return saved === 'created' || saved === 'updated' ? saved : null;
};

export function SavedNotice({ d, saved }: { d: IncidentDetail; saved: Saved | null }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  // The (empty) live region renders first; its words follow, so they are announced.
  useEffect(() => {
    const id = requestAnimationFrame(() => setShown(true));
    return () => cancelAnimationFrame(id);
  }, []);
  if (!saved || dismissed) return null;
  const text = saved === 'created' ? t('words.saved.created', { reference: d.reference }) : t('words.saved.updated', { reference: d.reference, version: d.version });
  return (
    <div className="alert success saved-notice" role="status" aria-live="polite" data-testid="saved-notice">
      {shown && <p><strong>{text}</strong></p>}
      {shown && <button type="button" className="secondary" onClick={() => setDismissed(true)}>{t('words.saved.dismiss')}</button>}
    </div>
  );
}
