// Why: a report version as the reader sees it in the app: the document the PDF and the Word file are made from
// (shared/report-document.ts), rendered as HTML in its own language and direction. Every text is plain text and
// stays so: React writes it as text, never as markup (a narrative holding `<b>`, `#` or `]` shows as written).
// A chart's SVG, made by the server from ECharts, is shown as an image (a data: address), never put into the
// page as markup, so nothing in it can run or reach the page.
import type { ReactNode } from 'react';
import type { DocBlock, ReportDocument } from '../../../../src/shared/report-document.ts';

export function ReportDocumentView({ doc, label }: { doc: ReportDocument; label: string }) {
  return (
    <article className="rdoc" lang={doc.lang} dir={doc.rtl ? 'rtl' : 'ltr'} aria-label={label} data-testid="report-document">
      <p className="rdoc-running">{doc.running}</p>
      <header className="rdoc-cover">
        <h2 className="rdoc-title">{doc.title}</h2>
        {doc.subtitle && <p className="rdoc-subtitle">{doc.subtitle}</p>}
        {doc.meta.length > 0 && (
          <dl className="rdoc-meta">
            {doc.meta.map((m, i) => <div key={i}><dt>{m.label}</dt><dd>{m.value}</dd></div>)}
          </dl>
        )}
      </header>
      {doc.blocks.map((b, i) => <Block key={i} block={b} />)}
    </article>
  );
}

function Block({ block: b }: { block: DocBlock }): ReactNode {
  switch (b.type) {
    case 'heading': {
      // The page's h1 is the report, the document's title h2: its levels follow from h3.
      const H = (['h3', 'h4', 'h5'] as const)[b.level - 1]!;
      return <H className="rdoc-heading">{b.text}</H>;
    }
    case 'paragraph':
      return <p className={b.tone === 'note' ? 'rdoc-note' : undefined}>{b.text}</p>;
    case 'narrative':
      return b.empty
        ? <p className="rdoc-empty">{b.text}</p>
        // Written in any language: each paragraph takes the direction of its own words.
        : <div className="rdoc-narrative" data-testid="doc-narrative">{paragraphs(b.text).map((p, i) => <p key={i} dir="auto">{p}</p>)}</div>;
    case 'list':
      return <ul className="rdoc-list">{b.items.map((item, i) => <li key={i}>{item}</li>)}</ul>;
    case 'keyFigures':
      return (
        <dl className="rdoc-figures">
          {b.items.map((f, i) => (
            <div key={i} className="rdoc-figure">
              <dt>{f.label}</dt>
              <dd className="value">{f.value}</dd>
              {f.note && <dd className="rdoc-figure-note">{f.note}</dd>}
            </div>
          ))}
        </dl>
      );
    case 'table':
      return <DocTable block={b} />;
    case 'chart':
      return (
        <figure className="rdoc-chart">
          <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(b.svg)}`} width={b.width} height={b.height} alt={b.caption} />
          <figcaption>{b.caption}</figcaption>
        </figure>
      );
  }
}

/** Paragraphs separated by blank lines; the line breaks within one are kept (CSS: white-space). */
const paragraphs = (text: string): string[] => text.split(/\n[ \t]*\n+/u).filter((p) => p.trim() !== '');

function DocTable({ block: b }: { block: Extract<DocBlock, { type: 'table' }> }) {
  return (
    <figure className="rdoc-table">
      {/* A wide table scrolls in its own region, which the keyboard can reach. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={b.caption}>
        <table>
          <caption>{b.caption}</caption>
          <thead>
            <tr>{b.columns.map((c, i) => <th key={i} scope="col" className={c.numeric ? 'num' : undefined}>{c.text}</th>)}</tr>
          </thead>
          <tbody>
            {b.rows.map((r, i) => (
              <tr key={i} className={r.total ? 'total' : undefined}>
                {r.cells.map((c, j) => {
                  // A suppressed count is a word, aligned as the numbers of its column are.
                  const cls = [c.numeric || b.columns[j]?.numeric ? 'num' : '', c.suppressed ? 'suppressed' : ''].filter(Boolean).join(' ') || undefined;
                  return j === 0
                    ? <th key={j} scope="row" className={cls}>{c.text}</th>
                    : <td key={j} className={cls} data-suppressed={c.suppressed ? true : undefined}>{c.text}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {b.notes.length > 0 && (
        <figcaption className="rdoc-table-notes">
          {b.notes.map((n, i) => <p key={i}>{n}</p>)}
        </figcaption>
      )}
    </figure>
  );
}
