// Why: a CSV's text is only as right as the encoding it is read in. The panel says which encoding the file
// is read in (found from its bytes, or chosen), shows the first rows with letters beyond A-Z so the user
// can see whether quotes, accents, the euro sign or Arabic read right, and reads the file again in another
// encoding on request. The preview is read from the server (audited) and never kept in the browser.
import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TEXT_ENCODINGS } from '../../../../src/shared/import.ts';
import type { ImportDetail, TextEncoding } from '../../../../src/shared/import.ts';
import { api } from '../../api.ts';
import { ImportError } from './ImportParts.tsx';

export function EncodingPanel({ detail, onReread }: { detail: ImportDetail; onReread: (d: ImportDetail) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const encoding = detail.encoding;
  const [choice, setChoice] = useState<TextEncoding>(encoding?.used ?? 'utf-8');
  const preview = useQuery({ queryKey: ['import-preview', detail.id, encoding?.used], queryFn: () => api.importPreview(detail.id), enabled: encoding !== null });
  const reread = useMutation({
    mutationFn: (e: TextEncoding) => api.rereadImport(detail.id, e),
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: ['import-values', d.id] });
      onReread(d);
    },
  });
  if (!encoding) return null;
  const name = (e: TextEncoding) => t(`import.encoding.names.${e}`);
  return (
    <fieldset className="section encoding-panel" data-testid="encoding-panel">
      <legend>{t('import.encoding.title')}</legend>
      <p data-testid="encoding-used">
        {encoding.used === encoding.detected
          ? t('import.encoding.detected', { encoding: name(encoding.used) })
          : t('import.encoding.chosen', { encoding: name(encoding.used), detected: name(encoding.detected) })}
      </p>
      <p className="hint" id={`${id}-hint`}>{t('import.encoding.hint')}</p>
      <div className="inline-control">
        <label htmlFor={id}>{t('import.encoding.choose')}</label>
        <select id={id} value={choice} onChange={(e) => setChoice(e.target.value as TextEncoding)} aria-describedby={`${id}-hint`} data-testid="encoding-choice">
          {TEXT_ENCODINGS.map((e) => <option key={e} value={e}>{name(e)}</option>)}
        </select>
        <button type="button" className="secondary" disabled={reread.isPending || choice === encoding.used} onClick={() => reread.mutate(choice)} data-testid="encoding-reread">
          {reread.isPending ? t('import.encoding.rereading') : t('import.encoding.reread')}
        </button>
      </div>
      {reread.isError && <ImportError error={reread.error} />}
      <h3 className="preview-title">{t('import.encoding.previewTitle')}</h3>
      {preview.isError && <ImportError error={preview.error} onRetry={() => void preview.refetch()} />}
      {preview.data && preview.data.rows.length === 0 && <p className="muted">{t('import.encoding.previewNone')}</p>}
      {preview.data && preview.data.rows.length > 0 && (
        <ul className="encoding-preview" data-testid="encoding-preview">
          {preview.data.rows.map((r) => (
            <li key={r.row}>
              <span className="muted">{t('import.encoding.row', { row: r.row })}</span>{' '}
              {r.cells.map((c, i) => (
                <span key={c.column}>{i > 0 && ' · '}<bdi dir="auto" className="column-name">{c.column}</bdi>: <bdi dir="auto" className="file-value">{c.value}</bdi></span>
              ))}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
