// Why: what a dry run or an import found, in the reader's language: the counts (new, unchanged, changed,
// updated, left out by the filter, rejected), what the file does without a word of its own (warnings), the
// rows already imported that changed (and the choice of what to do with them), and every problem of the
// rejected rows, named by the field's label with the rule in the reader's language.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ImportDetail, ImportRun, ImportWarning, RowProblem } from '../../../../src/shared/import.ts';
import { api } from '../../api.ts';
import { list } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { useCount } from './ImportParts.tsx';

export function Counts({ detail, dryRun }: { detail: ImportDetail; dryRun: boolean }) {
  const { t } = useTranslation();
  const count = useCount();
  const item = (cls: string, label: string, n: number, testId: string) => (
    <div className={`count ${cls}`}><dt>{label}</dt><dd data-testid={testId}>{count(n)}</dd></div>
  );
  return (
    <dl className="import-counts" data-testid="import-counts">
      {item('created', dryRun ? t('import.counts.wouldCreate') : t('import.counts.created'), detail.created, 'count-created')}
      {item('skipped', t('import.counts.skipped'), detail.skipped, 'count-skipped')}
      {(detail.changed > 0 || detail.updated > 0) && item('changed', t('import.extra.changed'), detail.changed, 'count-changed')}
      {!dryRun && detail.updated > 0 && item('updated', t('import.extra.updated'), detail.updated, 'count-updated')}
      {detail.excluded > 0 && item('excluded', t('import.extra.excluded'), detail.excluded, 'count-excluded')}
      {item('rejected', t('import.counts.rejected'), detail.rejected, 'count-rejected')}
      {item('rows', t('import.counts.rows'), detail.rows, 'count-rows')}
    </dl>
  );
}

function warningText(t: TFunction, w: ImportWarning, count: (n: number) => string): string {
  const text = t(`import.warnings.${w.code}`, { column: w.column ?? '', rows: count(w.rows) });
  return w.examples.length ? `${text} (${t('import.warnings.examples', { rows: list(w.examples.map(count), currentLanguage()) })})` : text;
}

export function Warnings({ detail }: { detail: ImportDetail }) {
  const { t } = useTranslation();
  const count = useCount();
  if (detail.warnings.length === 0) return null;
  return (
    <div className="import-warnings" data-testid="import-warnings">
      <h4>{t('import.warnings.title')}</h4>
      <ul>
        {detail.warnings.map((w) => <li key={`${w.code}-${w.column ?? ''}`} data-testid={`warning-${w.code}`}>{warningText(t, w, count)}</li>)}
      </ul>
    </div>
  );
}

interface ChangesProps { detail: ImportDetail; choice?: { value: ImportRun['onChanged']; set: (v: ImportRun['onChanged']) => void } }

export function Changes({ detail, choice }: ChangesProps) {
  const { t } = useTranslation();
  const count = useCount();
  if (detail.changed === 0) return null;
  return (
    <div className="import-changes" data-testid="import-changes">
      <h4>{t('import.changes.title')}</h4>
      <p>{t('import.changes.intro')}</p>
      {choice && (
        <fieldset className="choice-group">
          <legend className="visually-hidden">{t('import.extra.onChangedChoice', { changed: count(detail.changed) })}</legend>
          {(['leave', 'update'] as const).map((v) => (
            <div key={v} className="radio">
              <input type="radio" id={`on-changed-${v}`} name="on-changed" checked={choice.value === v} onChange={() => choice.set(v)} data-testid={`on-changed-${v}`} />
              <label htmlFor={`on-changed-${v}`}>{t(`import.changes.${v}`)}</label>
            </div>
          ))}
        </fieldset>
      )}
      <div className="table-wrap">
        <table data-testid="changes-table">
          <thead>
            <tr>
              <th scope="col" className="num">{t('import.changes.row')}</th>
              <th scope="col">{t('import.changes.externalId')}</th>
              <th scope="col">{t('import.changes.reference')}</th>
              <th scope="col">{t('import.changes.fields')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.changes.map((c) => (
              <tr key={c.row}>
                <td className="num">{count(c.row)}</td>
                <td><bdi dir="auto">{c.externalId}</bdi></td>
                <td dir="ltr">{c.reference}</td>
                <td>{c.fields.join(', ')}{c.decided && <span className="note"> – {t('import.changes.decided')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {detail.changed > detail.changes.length && <p className="hint">{t('import.changes.more', { shown: count(detail.changes.length), changed: count(detail.changed) })}</p>}
    </div>
  );
}

/** A problem in the reader's language: the field's label and the rule's words; the server's English for rules it words itself. */
export function problemText(t: TFunction, p: RowProblem): { field: string; rule: string; translated: boolean } {
  const field = p.field ? t(`importFields.${p.field}`) : p.column || t('import.problems.row');
  const params = p.params ?? {};
  if (p.code === undefined || p.code === 'invalid') return { field, rule: p.rule, translated: false };
  const values = {
    value: String(params.value ?? ''), first: String(params.first ?? ''), max: String(params.max ?? ''), column: String(params.column ?? ''),
    cells: String(params.cells ?? ''), columns: String(params.columns ?? ''), from: t('importFields.occurredFrom'),
  };
  return { field, rule: t(`import.rules.${p.code}`, values), translated: true };
}

interface ProblemGroup { key: string; field: string; rule: string; translated: boolean; column: string; rows: number; values: string[]; more: boolean }

/** The listed problems by column and rule, most frequent first, with a few of the values behind each. */
function problemGroups(t: TFunction, problems: readonly RowProblem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup & { seen: Set<string> }>();
  for (const p of problems) {
    const key = `${p.column}\u0000${p.code ?? p.rule}`;
    const g = groups.get(key) ?? { key, column: p.column, ...problemText(t, p), rows: 0, values: [], more: false, seen: new Set<string>() };
    g.rows += 1;
    if (p.value && !g.seen.has(p.value)) {
      g.seen.add(p.value);
      if (g.values.length < 3) g.values.push(p.value.length > 40 ? `${p.value.slice(0, 40)}…` : p.value);
      else g.more = true;
    }
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.rows - a.rows).map(({ seen: _seen, ...g }) => g);
}

/** The first problems (the server keeps 200 on the import); all rejected rows are in the download. */
export function Problems({ detail }: { detail: ImportDetail }) {
  const { t } = useTranslation();
  const count = useCount();
  if (detail.rejected === 0) return <p data-testid="no-problems">{t('import.problems.none')}</p>;
  return (
    <div className="problems">
      <p>
        {/* Same origin, session cookie: the browser saves the file; the server audits the download. */}
        <a className="button secondary" href={api.rejectedRowsUrl(detail.id)} download data-testid="download-rejected">{t('import.problems.download')}</a>
      </p>
      <p className="hint">{t('import.problems.downloadHint')}</p>
      <p className="problems-label" id="problem-groups-label">{t('import.problems.frequent')}</p>
      <ul className="problem-groups" aria-labelledby="problem-groups-label" data-testid="problem-groups">
        {problemGroups(t, detail.problems).slice(0, 5).map((g) => (
          <li key={g.key}>
            <bdi dir="auto" className="group-column">{g.column}</bdi>
            {' – '}{g.field}: <span {...(g.translated ? {} : { lang: 'en', dir: 'ltr' })}>{g.rule}</span>
            {' – '}
            <span className="group-rows">{t('import.problems.groupRows', { rows: count(g.rows) })}</span>
            {g.values.length > 0 && <>{' ('}{g.values.map((v, i) => <span key={v}>{i > 0 && ', '}<bdi dir="auto" className="file-value">{v}</bdi></span>)}{g.more ? ', …' : ''})</>}
          </li>
        ))}
      </ul>
      <div className="table-wrap">
        <table className="problems-table" data-testid="problems">
          <caption>{t('import.problems.caption', { shown: count(detail.problems.length), rejected: count(detail.rejected) })}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">{t('import.problems.row')}</th>
              <th scope="col">{t('import.problems.column')}</th>
              <th scope="col">{t('import.problems.value')}</th>
              <th scope="col">{t('import.problems.rule')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.problems.map((p, i) => {
              const text = problemText(t, p);
              return (
                <tr key={`${p.row}-${p.column}-${i}`}>
                  <td className="num">{count(p.row)}</td>
                  <td><bdi dir="auto">{p.column}</bdi></td>
                  <td><bdi dir="auto" className="file-value">{p.value}</bdi></td>
                  <td className="rule">{text.field}: <span {...(text.translated ? {} : { lang: 'en', dir: 'ltr' })}>{text.rule}</span></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
