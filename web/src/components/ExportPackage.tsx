// Why: the encrypted export package: a passphrase typed twice (checked as it is typed, the mismatch named),
// sent in a POST body only, and the AES-256 ZIP handed to the browser's download. The passphrase lives in this
// component's state and nowhere else: it is cleared once the package is saved, and dropped with the panel.
import { useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiRequestError } from '../api.ts';
import { confirmProblem, generatePassphrase, packageBody, PASSPHRASE_MIN, passphraseProblem, saveFile } from '../exportPackage.ts';
import type { ExportOptions, ListFilters } from '../listQuery.ts';
import { issueRule } from '../issues.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';

interface Props {
  filters: ListFilters;
  options: ExportOptions;
  /** "CSV", "XLSX" or "JSON": what the ZIP holds. */
  formatName: string;
  onClose: () => void;
}

interface Saved { fileName: string; records: number | null }

export function ExportPackage({ filters, options, formatName, onClose }: Props) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  /** A passphrase generated here, shown so it can be passed on (cleared when typed over or once saved). */
  const [generated, setGenerated] = useState<string | null>(null);
  const [confirm, setConfirm] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [confirmLeft, setConfirmLeft] = useState(false);
  const [serverProblem, setServerProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const passRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  const passProblem = passphraseProblem(passphrase);
  const matchProblem = confirmProblem(passphrase, confirm);
  // As it is typed: a short passphrase is named from the first character; a confirmation only once it can no
  // longer become the passphrase (longer than it, or a different start), or when the field is left.
  const showPass = serverProblem ? null : passProblem && (attempted || passphrase.length > 0) ? passProblem : null;
  const confirmDiverged = confirm.length > 0 && (confirm.length >= passphrase.length || !passphrase.startsWith(confirm));
  const showConfirm = matchProblem && (attempted || (matchProblem === 'mismatch' && (confirmDiverged || confirmLeft))) ? matchProblem : null;
  const matches = !passProblem && !matchProblem;

  const download = useMutation({
    mutationFn: () => api.exportPackage(packageBody(filters, options, passphrase)),
    onMutate: () => { setSaved(null); setServerProblem(null); },
    onSuccess: (file) => {
      saveFile(file.blob, file.fileName);
      setPassphrase('');
      setConfirm('');
      setGenerated(null);
      setAttempted(false);
      setConfirmLeft(false);
      setSaved({ fileName: file.fileName, records: file.records });
      requestAnimationFrame(() => statusRef.current?.focus());
    },
    onError: (e) => {
      const issue = e instanceof ApiRequestError ? e.issues.find((i) => i.field === 'passphrase') : undefined;
      if (issue) {
        setServerProblem(issueRule(t, issue));
        requestAnimationFrame(() => passRef.current?.focus());
      }
    },
  });
  const showServerError = download.isError && !serverProblem;

  const submit = () => {
    setAttempted(true);
    if (passProblem) passRef.current?.focus();
    else if (matchProblem) confirmRef.current?.focus();
    else download.mutate();
  };

  const passMessage = serverProblem
    ? t('export.passphrase.server', { message: serverProblem })
    : showPass === 'tooShort' ? t('export.passphrase.tooShort', { count: PASSPHRASE_MIN - passphrase.length })
      : showPass ? t(`export.passphrase.${showPass}`) : null;

  return (
    <div className="export-package" data-testid="export-package">
      <div className="passphrase-grid">
        <div className="field">
          <label htmlFor="export-passphrase">{t('export.passphrase.label')}</label>
          <input
            id="export-passphrase" ref={passRef} type="password" autoComplete="new-password" dir="ltr" value={passphrase} maxLength={400}
            onChange={(e) => { setPassphrase(e.target.value); setGenerated(null); setServerProblem(null); setSaved(null); }}
            aria-invalid={passMessage ? true : undefined}
            aria-describedby={passMessage ? 'export-passphrase-hint export-passphrase-error' : 'export-passphrase-hint'}
            data-testid="export-passphrase"
          />
          <p className="hint" id="export-passphrase-hint">{t('export.passphrase.hint', { count: PASSPHRASE_MIN })} {t('export.passphrase.strength')}</p>
          <button
            type="button" className="secondary" data-testid="export-passphrase-generate"
            onClick={() => { const p = generatePassphrase(); setPassphrase(p); setConfirm(p); setGenerated(p); setServerProblem(null); setSaved(null); }}
          >
            {t('export.passphrase.generate')}
          </button>
          {generated !== null && generated === passphrase && (
            <p className="hint ok" data-testid="export-passphrase-generated">
              {t('export.passphrase.generated')} <code dir="ltr" className="generated-passphrase">{generated}</code>
            </p>
          )}
          {passMessage && <p className="field-error" id="export-passphrase-error" data-testid="export-passphrase-error">{passMessage}</p>}
        </div>
        <div className="field">
          <label htmlFor="export-passphrase-confirm">{t('export.passphrase.confirmLabel')}</label>
          <input
            id="export-passphrase-confirm" ref={confirmRef} type="password" autoComplete="new-password" dir="ltr" value={confirm} maxLength={400}
            onChange={(e) => { setConfirm(e.target.value); setSaved(null); }}
            onBlur={() => setConfirmLeft(confirm.length > 0)}
            aria-invalid={showConfirm ? true : undefined}
            aria-describedby={showConfirm ? 'export-confirm-error' : matches ? 'export-confirm-ok' : undefined}
            data-testid="export-passphrase-confirm"
          />
          {showConfirm && <p className="field-error" id="export-confirm-error" data-testid="export-confirm-error">{t(`export.passphrase.${showConfirm === 'missing' ? 'confirmMissing' : 'mismatch'}`)}</p>}
          {matches && <p className="hint ok" id="export-confirm-ok" data-testid="export-confirm-ok"><span aria-hidden="true">✓ </span>{t('export.passphrase.matches')}</p>}
        </div>
      </div>
      <p className="hint" data-testid="export-share-hint">{t('export.passphrase.share')}</p>
      <div className="row-actions">
        <button type="button" onClick={submit} disabled={download.isPending} data-testid="export-package-download">
          {download.isPending ? t('export.preparing') : t('export.downloadPackage', { format: formatName })}
        </button>
        <button type="button" className="secondary" onClick={onClose}>{t('export.close')}</button>
      </div>
      <p className="export-status" role="status" tabIndex={-1} ref={statusRef} data-testid="export-status">
        {saved && (saved.records === null
          ? t('export.packageSavedNoCount', { file: saved.fileName })
          : t('export.packageSaved', { file: saved.fileName, count: saved.records }))}
      </p>
      {showServerError && <ApiErrorMessage error={download.error} />}
    </div>
  );
}
