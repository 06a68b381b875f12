// Why: the same incident often reaches the MARA working group from a clinic, an NGO and a patrol. This
// section of the detail page lists the likely duplicates of the record (among those the reader may see) with
// the evidence, lets a coordinator link one here or mark it different, and shows the decisions taken so far.
// Collapsed by default: the candidates and decisions are only asked for when it is opened (reads are audited).
// The notice shown right after a record is made opens it through `ref` (the <details> element).
import { useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../src/shared/incident.ts';
import { announcementText, useDuplicateCandidates, type Announcement } from '../duplicates.ts';
import { canLinkDuplicates, useMe } from '../session.tsx';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { DuplicateCandidateCard } from './DuplicateCandidateCard.tsx';
import { DuplicateDecisionList } from './DuplicateDecisionList.tsx';

export function PossibleDuplicates({ d, ref }: { d: IncidentDetail; ref?: Ref<HTMLDetailsElement> }) {
  const { t } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<Announcement | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const candidates = useDuplicateCandidates(d, open);
  const mayLink = canLinkDuplicates(me.user.role);
  // A record that is itself linked elsewhere cannot take links (the server answers 409 already_linked).
  const mayDecide = mayLink && d.linkedTo === null;

  // The button pressed goes with its card (or stays, on undo): say what happened and move focus to the message.
  const announce = (what: Announcement) => {
    setMessage(what);
    requestAnimationFrame(() => statusRef.current?.focus());
  };

  return (
    <details className="panel duplicates" data-testid="duplicates" ref={ref} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary><h2 id="d-duplicates">{t('duplicates.title')}</h2></summary>
      {open && (
        <div className="duplicates-body">
          <p className="muted">{t('duplicates.intro')}</p>
          <p className="duplicates-status" role="status" tabIndex={-1} ref={statusRef} data-testid="duplicates-status">{message && announcementText(t, message)}</p>
          {mayLink && d.linkedTo !== null && <p className="note">{t('duplicates.selfLinked')}</p>}
          {candidates.isPending && <p className="loading">{t('app.loading')}</p>}
          {candidates.isError && <ApiErrorMessage error={candidates.error} onRetry={() => void candidates.refetch()} />}
          {candidates.data && candidates.data.length === 0 && <p className="muted" data-testid="no-candidates">{t('duplicates.empty')}</p>}
          {candidates.data && candidates.data.length > 0 && (
            <ol className="candidate-list" aria-labelledby="d-duplicates">
              {candidates.data.map((c) => (
                <DuplicateCandidateCard key={c.incident.id} selfId={d.id} candidate={c} mayDecide={mayDecide} onDecided={announce} />
              ))}
            </ol>
          )}
          <DuplicateDecisionList selfId={d.id} mayUndo={mayLink} onUndone={announce} />
        </div>
      )}
    </details>
  );
}
