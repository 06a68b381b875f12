// Why: the coordinators' export of the incident list (what the current filters match, every page) as CSV,
// Excel (XLSX) or JSON, optionally with HXL hashtags, for the organisation or for the MARA working group (then
// only records whose consent allows it). Plain: a download link, so the browser streams the file to disk and
// this app never holds it. Encrypted: an AES-256 ZIP under a passphrase (ExportPackage), for files that travel.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { exportQuery, hasFilters } from '../listQuery.ts';
import type { ExportOptions, ListFilters } from '../listQuery.ts';
import { ExportPackage } from './ExportPackage.tsx';
import '../export.css';

const FORMATS = ['csv', 'xlsx', 'json'] as const;
const PURPOSES = ['agency', 'mara_working_group'] as const;

export function ExportIncidents({ filters }: { filters: ListFilters }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<ExportOptions>({ format: 'csv', hxl: false, purpose: 'agency' });
  const [encrypt, setEncrypt] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const href = api.exportUrl(exportQuery(filters, options));
  const set = (patch: Partial<ExportOptions>) => setOptions((o) => ({ ...o, ...patch }));
  const close = () => { setOpen(false); requestAnimationFrame(() => openerRef.current?.focus()); };
  const formatName = t(`export.formatNames.${options.format}`);

  return (
    <>
      <button type="button" className="secondary" ref={openerRef} aria-expanded={open} aria-controls="export-panel" onClick={() => (open ? close() : setOpen(true))} data-testid="export-open">
        {t('export.open')}
      </button>
      <div id="export-panel" className="export-panel" hidden={!open}>
        {open && (
          <section className="panel export-zone" aria-labelledby={titleId} data-testid="export-panel">
            <h2 id={titleId}>{t('export.title')}</h2>
            <p>{hasFilters(filters) ? t('export.scopeFiltered') : t('export.scopeAll')}</p>
            <div className="export-grid">
              <fieldset className="choice-group">
                <legend>{t('export.format')}</legend>
                {FORMATS.map((f) => (
                  <div className="checkbox" key={f}>
                    <input type="radio" id={`export-format-${f}`} name="export-format" checked={options.format === f} onChange={() => set({ format: f })} />
                    <label htmlFor={`export-format-${f}`}>{t(`export.formats.${f}`)}</label>
                  </div>
                ))}
                <div className="checkbox">
                  <input type="checkbox" id="export-hxl" checked={options.hxl} onChange={(e) => set({ hxl: e.target.checked })} aria-describedby="export-hxl-hint" />
                  <label htmlFor="export-hxl">{t('export.hxl')}</label>
                </div>
                <p className="hint" id="export-hxl-hint">{t('export.hxlHint')}</p>
              </fieldset>
              <fieldset className="choice-group">
                <legend>{t('export.purpose')}</legend>
                {PURPOSES.map((p) => (
                  <div className="checkbox" key={p}>
                    <input type="radio" id={`export-purpose-${p}`} name="export-purpose" checked={options.purpose === p} onChange={() => set({ purpose: p })} />
                    <label htmlFor={`export-purpose-${p}`}>{t(`export.purposes.${p}`)}</label>
                  </div>
                ))}
                <p className="hint" data-testid="export-counted-hint">{t('export.countedHint')}</p>
              </fieldset>
            </div>
            <p className="note" data-testid="export-note">{t('export.note')}</p>
            <div className="encrypt-choice">
              <div className="checkbox">
                <input type="checkbox" id="export-encrypt" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} aria-describedby="export-encrypt-hint" data-testid="export-encrypt" />
                <label htmlFor="export-encrypt">{t('export.encrypt')}</label>
              </div>
              <p className="hint" id="export-encrypt-hint">{t('export.encryptHint')}</p>
            </div>
            {encrypt
              ? <ExportPackage filters={filters} options={options} formatName={formatName} onClose={close} />
              : (
                <div className="row-actions">
                  {/* Same origin, session cookie, no script: the server's Content-Disposition names the file. */}
                  <a className="button" href={href} download data-testid="export-download">{t('export.download', { format: formatName })}</a>
                  <button type="button" className="secondary" onClick={close}>{t('export.close')}</button>
                </div>
              )}
          </section>
        )}
      </div>
    </>
  );
}
