// Why: the one-time recovery codes, shown once (after enrolment, or when replaced): a list to copy or write
// down, and a confirmation before moving on, since they cannot be shown again.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function RecoveryCodes({ codes, onDone, doneLabel }: { codes: readonly string[]; onDone: () => void; doneLabel?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied(true);
    } catch {
      // Clipboard unavailable (insecure context): the codes stay selectable.
    }
  };
  return (
    <section className="recovery-codes" aria-labelledby={`${id}-title`} data-testid="recovery-codes">
      <h3 id={`${id}-title`}>{t('recovery.title')}</h3>
      <p>{t('recovery.intro')}</p>
      <ol className="code-list" dir="ltr">
        {codes.map((c) => <li key={c}><code>{c}</code></li>)}
      </ol>
      <p className="hint">{t('recovery.keep')}</p>
      <div className="copy-row">
        <button type="button" className="secondary" onClick={() => void copy()}>{copied ? t('enrol.copied') : t('recovery.copy')}</button>
      </div>
      <div className="check">
        <input id={`${id}-saved`} type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
        <label htmlFor={`${id}-saved`}>{t('recovery.saved')}</label>
      </div>
      <button type="button" disabled={!saved} onClick={onDone} data-testid="recovery-done">{doneLabel ?? t('recovery.done')}</button>
    </section>
  );
}
