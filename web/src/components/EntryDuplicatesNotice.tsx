// Why: the same incident often arrives twice (from a clinic and from an NGO). Right after a record is made,
// its page asks at once for its likely duplicates (among the records the reader may see) and, if there are
// any, says so calmly at the top, with a button that opens Possible duplicates and moves focus there, so the
// recorder can check before going on. No candidates: nothing is shown. The live region is there from the
// start, so the message is announced when it arrives.
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../src/shared/incident.ts';
import { useDuplicateCandidates } from '../duplicates.ts';

interface Props {
  d: IncidentDetail;
  /** The Possible duplicates section (a <details> element) the button opens. */
  section: RefObject<HTMLDetailsElement | null>;
}

export function EntryDuplicatesNotice({ d, section }: Props) {
  const { t } = useTranslation();
  const candidates = useDuplicateCandidates(d, true);
  const count = candidates.data?.length ?? 0;

  const review = () => {
    const details = section.current;
    if (!details) return;
    details.open = true; // fires "toggle": the section then loads what it shows
    details.querySelector('summary')?.focus();
  };

  return (
    <div role="status" data-testid="entry-duplicates">
      {count > 0 && (
        <div className="entry-notice">
          <p>{t('duplicates.onEntry.notice', { count })}</p>
          <button type="button" onClick={review} data-testid="review-duplicates">{t('duplicates.onEntry.review')}</button>
        </div>
      )}
      {candidates.isError && <p className="muted">{t('duplicates.onEntry.failed')}</p>}
    </div>
  );
}
