// Why: the coordinators' export of the incident list (what the current filters match, every page) as CSV,
// Excel (XLSX) or JSON, optionally with HXL hashtags, for the organisation or for the MARA working group (then
// only records whose consent allows it); coded columns as codes, labels in the user's language or both; a row
// per incident or per violation. The number of records is shown before anything is downloaded. Plain: a
// download link, so the browser streams the file to disk and this app never holds it. Encrypted: an AES-256
// ZIP under a passphrase (ExportPackage), for files that travel.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { currentLanguage, LANGUAGES } from '../i18n/index.ts';
import { exportQuery, hasFilters } from '../listQuery.ts';
import type { ExportOptions, ListFilters } from '../listQuery.ts';
import { EXPORT_FORMATS, EXPORT_LABELS, EXPORT_PURPOSES, EXPORT_ROWS } from '../../../src/shared/export.ts';
import { ExportCount } from './ExportCount.tsx';
import { ExportPackage } from './ExportPackage.tsx';
import '../export.css';

/** The panel's own choices; the labels' language is the app's, read at each render. */
type Choices = Omit<ExportOptions, 'lang'>;

export function ExportIncidents({ filters }: { filters: ListFilters }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Both codes and labels by default: people read the labels, tools keep the codes.
  const [choices, setChoices] = useState<Choices>({ format: 'csv', hxl: false, purpose: 'agency', labels: 'both', rows: 'incident' });
  const [encrypt, setEncrypt] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const lang = currentLanguage();
  const options: ExportOptions = { ...choices, lang };
  const href = api.exportUrl(exportQuery(filters, options));
  const set = (patch: Partial<Choices>) => setChoices((o) => ({ ...o, ...patch }));
  const languageName = LANGUAGES.find((l) => l.code === lang)?.label ?? lang;
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
                {EXPORT_FORMATS.map((f) => (
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
                {EXPORT_PURPOSES.map((p) => (
                  <div className="checkbox" key={p}>
                    <input type="radio" id={`export-purpose-${p}`} name="export-purpose" checked={options.purpose === p} onChange={() => set({ purpose: p })} />
                    <label htmlFor={`export-purpose-${p}`}>{t(`export.purposes.${p}`)}</label>
                  </div>
                ))}
                <p className="hint" data-testid="export-counted-hint">{t('export.countedHint')}</p>
              </fieldset>
              <fieldset className="choice-group">
                <legend>{t('export.labels')}</legend>
                {EXPORT_LABELS.map((l) => (
                  <div className="checkbox" key={l}>
                    <input type="radio" id={`export-labels-${l}`} name="export-labels" checked={options.labels === l} onChange={() => set({ labels: l })} aria-describedby="export-labels-hint" />
                    <label htmlFor={`export-labels-${l}`}>{t(`export.labelChoices.${l}`)}</label>
                  </div>
                ))}
                <p className="hint" id="export-labels-hint" data-testid="export-labels-hint">{t('export.labelsHint', { language: languageName })}</p>
              </fieldset>
              <fieldset className="choice-group">
                <legend>{t('export.rows')}</legend>
                {EXPORT_ROWS.map((r) => (
                  <div className="checkbox" key={r}>
                    <input type="radio" id={`export-rows-${r}`} name="export-rows" checked={options.rows === r} onChange={() => set({ rows: r })} />
                    <label htmlFor={`export-rows-${r}`}>{t(`export.rowChoices.${r}`)}</label>
                  </div>
                ))}
                {options.rows === 'violation' && <p className="hint" data-testid="export-violation-hint">{t('export.violationHint')}</p>}
              </fieldset>
            </div>
            <p className="note" data-testid="export-note">{t('export.note')}</p>
            <ExportCount filters={filters} purpose={options.purpose} rows={options.rows} />
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
