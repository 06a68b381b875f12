/**
 * The figure blocks of a report document, one function per block a template may name (shared/reports.ts
 * FIGURE_BLOCKS). Each reads the snapshot's protected tables only; a table the snapshot lacks (a kind that
 * does not freeze it) gives the "no figures" line rather than an error.
 */
import { TOTAL_CODE, type ProtectedDimension, type ProtectedTableOut } from '../shared/stats.ts';
import { SV_FORMS, VICTIM_CATEGORIES } from '../shared/taxonomy.ts';
import type { DocBlock } from '../shared/report-document.ts';
import type { FigureBlock } from '../shared/reports.ts';
import type { DocContext } from './document.ts';
import { codeWord, fill } from './words.ts';

const CRSV_FORMS = SV_FORMS.filter((f) => f !== 'sea_un_humanitarian');
const none = (ctx: DocContext): DocBlock[] => [{ type: 'paragraph', text: ctx.w.noData, tone: 'note' }];

/**
 * The codes of a table's row dimension with something to show in the columns chosen: a count, or a suppressed
 * cell (a row of published zeros is left out, and the table's notes say so).
 */
function shownRows(table: ProtectedTableOut, rows: ProtectedDimension, columns: readonly string[], codes: readonly string[]): string[] {
  const [r, c] = [table.dimensions.indexOf(rows), table.dimensions.indexOf('period')];
  const live = new Set(table.cells.filter((x) => columns.includes(x.key[c]!) && x.value !== 0).map((x) => x.key[r]!));
  return codes.filter((code) => live.has(code));
}

/** The report's period and the three before it (quarters or years), as the table's period codes. */
const window = (ctx: DocContext, n = 3) => [...ctx.previous(ctx.period, n), ctx.period];
const year = (ctx: DocContext) => ctx.period.slice(0, 4);
const quarterly = (ctx: DocContext) => ctx.period.includes('-Q');

function valueOf(ctx: DocContext, id: string, key: Record<string, string>): number | null | undefined {
  const found = ctx.table(id);
  if (!found) return undefined;
  const cell = found.table.cells.find((c) => found.table.dimensions.every((d, i) => c.key[i] === (key[d] ?? TOTAL_CODE)));
  return cell ? cell.value : undefined;
}

function overview(ctx: DocContext): DocBlock[] {
  const { w, period } = ctx;
  const [before] = ctx.previous(period, 1) as [string];
  const item = (label: string, id: string, key: Record<string, string>, compare = true) => {
    const now = valueOf(ctx, id, { period, ...key });
    if (now === undefined) return [];
    const then = valueOf(ctx, id, { period: before, ...key });
    const label2 = ctx.chart.label('period', before);
    const note = !compare || then === undefined ? undefined
      : now === null || then === null ? fill(then === null ? w.key.previousSuppressed : w.key.previous, { period: label2, n: then === null ? '' : ctx.num(then) })
        : fill(w.key.change, { sign: now - then >= 0 ? '+' : '−', n: ctx.num(Math.abs(now - then)), period: label2 });
    return [{ label, value: ctx.cellText(now), ...(note ? { note } : {}) }];
  };
  const items = [
    ...item(w.key.violations, 'violations-by-quarter-and-form', {}),
    ...item(w.key.victims, 'victims-by-quarter-and-category', {}),
    ...item(w.key.women, 'victims-by-quarter-and-category', { victimCategory: 'women' }, false),
    ...item(w.key.girls, 'victims-by-quarter-and-category', { victimCategory: 'girls' }, false),
    ...item(w.key.men, 'victims-by-quarter-and-category', { victimCategory: 'men' }, false),
    ...item(w.key.boys, 'victims-by-quarter-and-category', { victimCategory: 'boys' }, false),
    ...item(w.key.late, 'late-violations-by-decision-quarter-and-form', {}, false),
  ];
  return items.length ? [{ type: 'keyFigures', items }] : none(ctx);
}

function byPeriod(ctx: DocContext, id: string, rows: 'form' | 'victimCategory', codes: readonly string[], caption: string, chart: boolean): DocBlock[] {
  const found = ctx.table(id);
  if (!found) return none(ctx);
  const { release, table } = found;
  const columns = window(ctx);
  const shown = shownRows(table, rows, columns, codes);
  const grid = ctx.grid(table, release.grain, rows, 'period', { rows: [...shown, TOTAL_CODE], columns }, caption, ctx.notes(release, [ctx.w.notes.zeroRows]));
  return chart && shown.length ? [grid, ctx.heat(table, release.grain, rows, 'period', { rows: shown, columns }, caption)] : [grid];
}

function trend(ctx: DocContext): DocBlock[] {
  const found = ctx.table('violations-by-quarter-and-form');
  if (!found) return none(ctx);
  const { release, table } = found;
  const last = quarterly(ctx) ? ctx.period : `${year(ctx)}-Q4`;
  const columns = [...ctx.previous(last, 7), last];
  const shown = shownRows(table, 'form', columns, CRSV_FORMS);
  if (shown.length === 0) return none(ctx);
  return [ctx.heat(table, release.grain, 'form', 'period', { rows: shown, columns }, ctx.w.captions.trend),
    { type: 'paragraph', text: ctx.notes(release).join(' '), tone: 'note' }];
}

/**
 * The last complete year, and the one before: regions and parties are published by year, and a year still
 * running (a quarterly report's) is never printed. Two reports giving the same region "to the end of Q1" and
 * "to the end of Q2" would give its count for Q2 alone, a cell no release protects.
 */
const completeYears = (ctx: DocContext, n: number): string[] => {
  const last = quarterly(ctx) ? String(Number(year(ctx)) - 1) : year(ctx);
  return [...ctx.previous(last, n - 1), last];
};
const completeNote = (ctx: DocContext): string[] => (quarterly(ctx) ? [fill(ctx.w.notes.completeYears, { year: year(ctx) })] : []);

function byArea(ctx: DocContext): DocBlock[] {
  const found = ctx.table('violations-by-area-and-year');
  if (!found) return none(ctx);
  const { release, table } = found;
  return [ctx.grid(table, release.grain, 'area', 'period', { columns: completeYears(ctx, 2) }, ctx.w.captions.byArea, ctx.notes(release, completeNote(ctx)))];
}

function byParty(ctx: DocContext, only?: readonly string[], caption = ctx.w.captions.byParty, years = 2): DocBlock[] {
  const found = ctx.table('incidents-by-party-and-year');
  if (!found) return none(ctx);
  const { release, table } = found;
  const columns = completeYears(ctx, years);
  const p = table.dimensions.indexOf('party');
  const yi = table.dimensions.indexOf('period');
  const weight = new Map<string, number>();
  for (const c of table.cells) if (columns.includes(c.key[yi]!)) weight.set(c.key[p]!, (weight.get(c.key[p]!) ?? 0) + (c.value ?? 0));
  const rows = [...(only ?? [...weight.keys()].filter((k) => weight.get(k)! > 0 || table.cells.some((c) => c.key[p] === k && c.value === null && columns.includes(c.key[yi]!))))]
    .sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0));
  if (rows.length === 0) return none(ctx);
  const extra = [ctx.w.notes.twoParties, ctx.w.notes.ownParties, ctx.w.notes.attribution, ...completeNote(ctx)];
  return [ctx.grid(table, release.grain, 'party', 'period', { rows, columns }, caption, ctx.notes(release, extra))];
}

function late(ctx: DocContext): DocBlock[] {
  const found = ctx.table('late-violations-by-decision-quarter-and-form');
  if (!found) return none(ctx);
  const { release, table } = found;
  const rows = [...shownRows(table, 'form', [ctx.period], CRSV_FORMS), TOTAL_CODE];
  return [{ type: 'paragraph', text: ctx.w.late, tone: 'normal' },
    ctx.grid(table, release.grain, 'form', 'period', { rows, columns: [ctx.period] }, ctx.w.captions.late, ctx.notes(release, [ctx.w.notes.zeroRows]))];
}

function commitments(ctx: DocContext): DocBlock[] {
  const { w, lang } = ctx;
  const list = ctx.s.commitments;
  if (list.length === 0) return [{ type: 'paragraph', text: w.commitments.none, tone: 'note' }];
  if (ctx.s.report.kind !== 'listing') {
    return [{
      type: 'table', caption: w.commitments.title, notes: [],
      columns: [w.commitments.title, w.commitments.parties, w.commitments.signed, w.commitments.measures].map((text) => ({ text, numeric: false })),
      rows: list.map((c) => {
        const n = (p: string) => c.measures.filter((m) => m.progress === p).length;
        const counts = fill(w.commitments.counts, { done: n('done'), progress: n('in_progress'), notStarted: n('not_started'), notDone: n('not_done'), overdue: c.measures.filter((m) => m.overdue).length });
        return { cells: [`${c.title} (${codeWord(lang, 'commitmentKind', c.kind)})`, c.parties.map((p) => p[lang]).join('; '), ctx.date(c.signedOn), counts].map((text) => ({ text, numeric: false })) };
      }),
    }];
  }
  return list.flatMap((c): DocBlock[] => [
    { type: 'heading', level: 3, text: `${c.title} (${codeWord(lang, 'commitmentKind', c.kind)}, ${ctx.date(c.signedOn)})` },
    {
      type: 'table', caption: w.commitments.measures, notes: [],
      columns: [w.commitments.kind, w.commitments.description, w.commitments.deadline, w.commitments.status, w.commitments.evidence].map((text) => ({ text, numeric: false })),
      rows: c.measures.map((m) => ({
        cells: [codeWord(lang, 'measureKind', m.kind), m.description, m.deadline ? ctx.date(m.deadline) : '—',
          `${codeWord(lang, 'progress', m.progress)}${m.overdue ? ` (${w.commitments.overdue})` : ''}`,
          m.evidence.map((e) => `${ctx.date(e.date)}: ${e.text}`).join('\n') || '—'].map((text) => ({ text, numeric: false })),
      })),
    },
  ]);
}

function alerts(ctx: DocContext): DocBlock[] {
  const { w, lang } = ctx;
  const report = ctx.s.alerts?.[lang];
  if (!report || report.rows.length === 0) return [{ type: 'paragraph', text: w.alerts.none, tone: 'note' }, ...(report?.withheld ? [{ type: 'paragraph', text: fill(w.alerts.withheld, { n: report.withheld }), tone: 'note' } as const] : [])];
  const area = (r: (typeof report.rows)[number]) => r.area.name + (r.folded ? ` ${w.alerts.folded}` : '');
  return [{
    type: 'table', caption: w.alerts.area, notes: report.withheld ? [fill(w.alerts.withheld, { n: report.withheld })] : [],
    columns: [w.alerts.area, w.alerts.indicators, w.alerts.party, w.alerts.episode, w.alerts.status, w.alerts.actions].map((text) => ({ text, numeric: false })),
    rows: report.rows.map((r) => ({
      cells: [area(r), r.indicators.join('; ') || codeWord(lang, 'ruleKind', r.kind), r.party ?? '—', `${r.episodeStart} – ${r.episodeEnd ?? w.alerts.ongoing}`,
        codeWord(lang, 'alertStatus', r.status), r.actions.map((a) => codeWord(lang, 'alertAction', a)).join('; ') || '—'].map((text) => ({ text, numeric: false })),
    })),
  }];
}

function partyIncidents(ctx: DocContext): DocBlock[] {
  const forms = ctx.table('party-violations-by-year-and-form');
  const areas = ctx.table('party-violations-by-area-and-year');
  if (!forms || !areas) return none(ctx);
  const columns = window(ctx, 4);
  const rows = [...shownRows(forms.table, 'form', columns, CRSV_FORMS), TOTAL_CODE];
  return [
    ctx.grid(forms.table, forms.release.grain, 'form', 'period', { rows, columns }, ctx.w.captions.partyForms, ctx.notes(forms.release, [ctx.w.notes.zeroRows])),
    ctx.grid(areas.table, areas.release.grain, 'area', 'period', { columns }, ctx.w.captions.partyAreas, ctx.notes(areas.release)),
  ];
}

/** Years in which the party's violations are published (not suppressed, not none): facts, never a finding. */
function persistence(ctx: DocContext): DocBlock[] {
  const found = ctx.table('party-violations-by-year-and-form');
  if (!found) return none(ctx);
  const { release, table } = found;
  const years = window(ctx, 4);
  const counted = years.filter((y) => { const v = valueOf(ctx, table.id, { period: y }); return v !== undefined && v !== null && v > 0; });
  const words = counted.length ? fill(ctx.w.persistence.counted, { n: counted.length, of: years.length, years: counted.join(', ') }) : ctx.w.persistence.none;
  return [
    { type: 'paragraph', text: words, tone: 'normal' },
    ctx.grid(table, release.grain, 'form', 'period', { rows: [TOTAL_CODE], columns: years }, ctx.w.captions.persistence, ctx.notes(release)),
    { type: 'paragraph', text: ctx.w.persistence.note, tone: 'note' },
  ];
}

function listing(ctx: DocContext): DocBlock[] {
  const { w, lang } = ctx;
  if (ctx.s.listing.length === 0) return [{ type: 'paragraph', text: w.listing.none, tone: 'note' }];
  return [{
    type: 'table', caption: w.listing.status, notes: [w.listing.note],
    columns: [w.listing.year, w.listing.status, w.listing.symbol, w.listing.paragraph].map((text) => ({ text, numeric: false })),
    rows: ctx.s.listing.map((e) => ({ cells: [String(e.reportYear), codeWord(lang, 'listing', e.listing), e.reportSymbol, e.paragraph ?? '—'].map((text) => ({ text, numeric: false })) })),
  }];
}

function annex(ctx: DocContext): DocBlock[] {
  const ids = ctx.s.report.annexParties.map((p) => p.id);
  if (ids.length === 0) return [{ type: 'paragraph', text: ctx.w.annex.none, tone: 'note' }];
  return byParty(ctx, ids, ctx.w.captions.annex, 4);
}

export function blocksFor(ctx: DocContext, block: FigureBlock): DocBlock[] {
  const { w } = ctx;
  switch (block) {
    case 'overview': return overview(ctx);
    case 'violations_by_form': return byPeriod(ctx, 'violations-by-quarter-and-form', 'form', CRSV_FORMS, w.captions.byForm, true);
    case 'victims_by_category': return byPeriod(ctx, 'victims-by-quarter-and-category', 'victimCategory', VICTIM_CATEGORIES, w.captions.victims, false);
    case 'trend': return trend(ctx);
    case 'by_area': return byArea(ctx);
    case 'by_party': return byParty(ctx);
    case 'late_verifications': return late(ctx);
    case 'commitments': return commitments(ctx);
    case 'alerts': return alerts(ctx);
    case 'annex_parties': return annex(ctx);
    case 'party_incidents': return partyIncidents(ctx);
    case 'party_persistence': return persistence(ctx);
    case 'listing_history': return listing(ctx);
  }
}
