// Why: a record a reviewer linked as the same incident as another is not counted on its own. The top of its
// detail page says so, and which record it is counted under, so nobody reports the incident twice.
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useReference } from '../duplicates.ts';

export function LinkedNotice({ canonicalId }: { canonicalId: string }) {
  const { t } = useTranslation();
  const canonical = useReference(canonicalId);
  return (
    <div className="linked-notice" role="note" data-testid="linked-notice">
      <p>
        <strong>
          {canonical.reference
            ? <Trans i18nKey="duplicates.linkedNotice" values={{ reference: canonical.reference }} components={{ canonical: <Link to={`/incidents/${canonicalId}`} /> }} />
            : canonical.pending ? t('duplicates.linkedNoticeLoading') : t('duplicates.linkedNoticeHidden')}
        </strong>
      </p>
      <p>{t('duplicates.linkedNoticeDetail')}</p>
    </div>
  );
}
