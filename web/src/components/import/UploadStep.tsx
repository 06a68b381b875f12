// Why: step 1 of the import wizard: choose a CSV or XLSX file (or drop it here), optionally a sheet, and
// send it; the server answers with its columns and a proposed mapping. Below, the user's recent imports,
// to reopen one (a dry run to check again, or a finished import's report).
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportDetail, ImportSummary } from '../../../../src/shared/import.ts';
import { api, ApiRequestError } from '../../api.ts';
import { issueRule, withField } from '../../issues.ts';
import { ImportError, StepHeading, useCount } from './ImportParts.tsx';
import { RecentImports } from './RecentImports.tsx';

/** The server's limit (src/imports/service.ts): refused here before sending 50 MB over a slow link. */
const MAX_BYTES = 50 * 1024 * 1024;

type FileProblem = 'chooseFile' | 'wrongType' | 'tooBig';

function fileProblem(file: File | null): FileProblem | null {
  if (!file) return 'chooseFile';
  if (!/\.(csv|xlsx)$/i.test(file.name)) return 'wrongType';
  if (file.size > MAX_BYTES) return 'tooBig';
  return null;
}

interface Props {
  focus: boolean;
  current: ImportDetail | undefined;
  onUploaded: (detail: ImportDetail) => void;
  onOpen: (item: ImportSummary) => void;
}

export function UploadStep({ focus, current, onUploaded, onOpen }: Props) {
  const { t } = useTranslation();
  const count = useCount();
  const headingId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const [tried, setTried] = useState(false);
  const [dragging, setDragging] = useState(false);
  const upload = useMutation({
    mutationFn: (f: File) => api.uploadImport(f, f.name, f.name.toLowerCase().endsWith('.xlsx') ? sheet.trim() || undefined : undefined),
    onSuccess: onUploaded,
  });
  const problem = tried ? fileProblem(file) : null;
  // The server names the field at fault ('file', 'name' or 'sheet') and the rule's code, worded here.
  const issues = upload.error instanceof ApiRequestError ? upload.error.issues : [];
  const serverFileIssue = issues.find((i) => i.field === 'file' || i.field === 'name');
  const serverSheetIssue = issues.find((i) => i.field === 'sheet');
  const fileInvalid = problem !== null || serverFileIssue !== undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (fileProblem(file) === null && file) upload.mutate(file);
    else document.getElementById('import-file')?.focus();
  };
  const choose = (f: File | null) => {
    setFile(f);
    upload.reset();
  };

  return (
    <section aria-labelledby={headingId} className="import-step" data-testid="step-upload">
      <StepHeading id={headingId} focus={focus}>{t('import.upload.title')}</StepHeading>
      <p>{t('import.upload.intro')}</p>
      {current && (
        <p className="note" data-testid="current-file">
          {t('import.upload.current', { name: current.fileName, rows: count(current.rows), columns: count(current.columns.length) })}
        </p>
      )}
      <form onSubmit={submit} noValidate className="panel upload-form">
        <div
          className={`drop-zone${dragging ? ' dragging' : ''}`}
          onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            const dropped = e.dataTransfer.files[0];
            if (dropped) choose(dropped);
          }}
        >
          <label htmlFor="import-file">{t('import.upload.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
            aria-invalid={fileInvalid || undefined}
            aria-describedby={['import-file-hint', fileInvalid ? 'import-file-error' : ''].filter(Boolean).join(' ')}
            data-testid="import-file"
          />
          <p className="hint" id="import-file-hint">{t('import.upload.fileHint')}</p>
          {file && <p className="chosen" data-testid="chosen-file">{t('import.upload.chosen', { name: file.name, size: count(Math.ceil(file.size / 1024)) })}</p>}
          {problem && <p className="field-error" id="import-file-error">{t(`import.upload.${problem}`)}</p>}
          {!problem && serverFileIssue && <p className="field-error" id="import-file-error">{withField(t, t('import.upload.file'), issueRule(t, serverFileIssue))}</p>}
        </div>
        <div className="field sheet-field">
          <label htmlFor="import-sheet">{t('import.upload.sheet')}</label>
          <input
            id="import-sheet"
            type="text"
            dir="auto"
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
            value={sheet}
            onChange={(e) => setSheet(e.target.value)}
            aria-invalid={serverSheetIssue ? true : undefined}
            aria-describedby={['import-sheet-hint', serverSheetIssue ? 'import-sheet-error' : ''].filter(Boolean).join(' ')}
          />
          <p className="hint" id="import-sheet-hint">{t('import.upload.sheetHint')}</p>
          {serverSheetIssue && <p className="field-error" id="import-sheet-error">{withField(t, t('import.upload.sheet'), issueRule(t, serverSheetIssue))}</p>}
        </div>
        {upload.isError && !serverFileIssue && !serverSheetIssue && <ImportError error={upload.error} />}
        <div className="row-actions">
          <button type="submit" disabled={upload.isPending} data-testid="upload">{upload.isPending ? t('import.upload.sending') : t('import.upload.send')}</button>
        </div>
        <div role="status" className="upload-status">{upload.isPending ? t('import.upload.sending') : ''}</div>
      </form>
      <RecentImports currentId={current?.id} onOpen={onOpen} />
    </section>
  );
}
