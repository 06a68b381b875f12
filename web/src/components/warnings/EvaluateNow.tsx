// Why: evaluating every active rule now rather than at the next scheduled run (after a rule is defined, or new
// incidents imported). The evaluation runs in the background: the alerts and the navigation's count are read
// again a few times while it works, and the page says so.
import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { refreshWarnings, warningsApi } from '../../warnings.ts';
import { apiErrorText } from '../ApiErrorMessage.tsx';

/** How often, and how many times, early warning is read again while an evaluation runs. */
const EVERY = 3_000;
const TIMES = 10;

export function EvaluateNow({ prominent = false }: { prominent?: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reads, setReads] = useState(0);
  const evaluate = useMutation({ mutationFn: warningsApi.evaluate, onSuccess: () => setReads(TIMES) });
  useEffect(() => {
    if (reads <= 0) return undefined;
    const timer = setTimeout(() => { void refreshWarnings(qc); setReads((n) => n - 1); }, EVERY);
    return () => clearTimeout(timer);
  }, [reads, qc]);
  return (
    <div className="evaluate-now">
      <button type="button" className={prominent ? undefined : 'secondary'} onClick={() => evaluate.mutate()} disabled={evaluate.isPending} data-testid="evaluate-now">
        {t('warnings.evaluate.button')}
      </button>
      <p role="status" className="list-status" data-testid="evaluate-status">
        {evaluate.isSuccess && <>{t('warnings.evaluate.started')} <Link to="/warnings">{t('warnings.evaluate.seeAlerts')}</Link></>}
      </p>
      {evaluate.isError && <p className="alert error" role="alert">{apiErrorText(t, evaluate.error)}</p>}
    </div>
  );
}
