// Why: the parameters of an early-warning rule, one set per kind, with the defaults the contract gives (surge:
// the last 7 days against the 28 before, twice the baseline, at least 3, a baseline of at least 1; record high:
// 30 days over 3 years; combination: two or more observed signals within 14 days; a party newly active: 30 days
// after a quiet year). Each kind keeps its own draft, so trying another kind loses nothing.
import type { ReactNode } from 'react';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SEVERITIES, type Indicator, type RuleKind, type RuleParams, type Severity } from '../../../../src/shared/warnings.ts';
import { fieldLabel } from '../../../../src/shared/messages.ts';
import { translate } from '../../issues.ts';
import { partiesApi } from '../../parties.ts';
import { severityLabel } from '../../warnings.ts';
import { PartyChooser } from '../PartyChooser.tsx';
import type { FormParts } from './formParts.ts';

/** Numbers as typed: an empty box is sent as missing (the rule then says "fill this in"), never as the default. */
type Num = string;
export interface ParamsDraft {
  surge: { indicatorId: string; recentDays: Num; baselineDays: Num; factor: Num; minCount: Num; minBaseline: Num };
  record_high: { indicatorId: string; windowDays: Num; years: Num; minCount: Num };
  combination: { indicatorIds: string[]; withinDays: Num; minSeverity: Severity };
  party_active: { chosen: boolean; parties: { id: string; name: string }[]; indicatorId: string; recentDays: Num; quietDays: Num; minCount: Num };
}

export const DEFAULT_PARAMS: ParamsDraft = {
  surge: { indicatorId: '', recentDays: '7', baselineDays: '28', factor: '2', minCount: '3', minBaseline: '1' },
  record_high: { indicatorId: '', windowDays: '30', years: '3', minCount: '3' },
  combination: { indicatorIds: [], withinDays: '14', minSeverity: 'low' },
  party_active: { chosen: false, parties: [], indicatorId: '', recentDays: '30', quietDays: '365', minCount: '1' },
};

const num = (s: Num): number | null => (s.trim() === '' ? null : Number(s));
const text = (n: number) => String(n);

/** The drafts of every kind, the saved rule's own kind filled from its parameters. */
export function paramsDraft(p: RuleParams | undefined): ParamsDraft {
  const d = structuredClone(DEFAULT_PARAMS);
  if (!p) return d;
  switch (p.kind) {
    case 'surge': d.surge = { indicatorId: p.indicatorId, recentDays: text(p.recentDays), baselineDays: text(p.baselineDays), factor: text(p.factor), minCount: text(p.minCount), minBaseline: text(p.minBaseline) }; break;
    case 'record_high': d.record_high = { indicatorId: p.indicatorId, windowDays: text(p.windowDays), years: text(p.years), minCount: text(p.minCount) }; break;
    case 'combination': d.combination = { indicatorIds: [...p.indicatorIds], withinDays: text(p.withinDays), minSeverity: p.minSeverity }; break;
    case 'party_active': d.party_active = {
      chosen: p.partyIds.length > 0, parties: p.partyIds.map((id) => ({ id, name: '' })), indicatorId: p.indicatorId ?? '',
      recentDays: text(p.recentDays), quietDays: text(p.quietDays), minCount: text(p.minCount),
    }; break;
  }
  return d;
}

/** The parameters of one kind as the contract takes them. */
export function paramsBody(kind: RuleKind, d: ParamsDraft): Record<string, unknown> {
  switch (kind) {
    case 'surge': { const s = d.surge; return { kind, indicatorId: s.indicatorId || undefined, recentDays: num(s.recentDays), baselineDays: num(s.baselineDays), factor: num(s.factor), minCount: num(s.minCount), minBaseline: num(s.minBaseline) }; }
    case 'record_high': { const r = d.record_high; return { kind, indicatorId: r.indicatorId || undefined, windowDays: num(r.windowDays), years: num(r.years), minCount: num(r.minCount) }; }
    case 'combination': { const c = d.combination; return { kind, indicatorIds: c.indicatorIds, withinDays: num(c.withinDays), minSeverity: c.minSeverity }; }
    case 'party_active': { const a = d.party_active; return { kind, partyIds: a.chosen ? a.parties.map((p) => p.id) : [], indicatorId: a.indicatorId || null, recentDays: num(a.recentDays), quietDays: num(a.quietDays), minCount: num(a.minCount) }; }
  }
}

interface Props { form: FormParts; kind: RuleKind; value: ParamsDraft; onChange: (d: ParamsDraft) => void; indicators: readonly Indicator[] }

export function RuleParamsFields({ form, kind, value, onChange, indicators }: Props) {
  const { t } = useTranslation();
  const usable = indicators.filter((i) => !i.retired);
  const set = <K extends RuleKind>(k: K, patch: Partial<ParamsDraft[K]>) => onChange({ ...value, [k]: { ...value[k], ...patch } });
  const number = <K extends RuleKind>(k: K, key: keyof ParamsDraft[K] & string, opts: { step?: string; hint?: boolean } = {}) => (
    <div className="field" key={key}>
      <label htmlFor={form.id(`params.${key}`)}>{fieldLabel(translate(t), `params.${key}`)}</label>
      <input
        type="number" inputMode={opts.step ? 'decimal' : 'numeric'} step={opts.step ?? '1'} min="0" className="short"
        value={value[k][key] as string} onChange={(e) => set(k, { [key]: e.target.value } as Partial<ParamsDraft[K]>)}
        {...form.props(`params.${key}`, opts.hint ? `${form.id(`params.${key}`)}-hint` : undefined)}
      />
      {opts.hint && <p className="hint" id={`${form.id(`params.${key}`)}-hint`}>{t(`warnings.rules.hints.${key as 'minBaseline'}`)}</p>}
      {form.message(`params.${key}`)}
    </div>
  );
  const indicator = (k: 'surge' | 'record_high' | 'party_active', optional = false) => (
    <div className="field">
      <label htmlFor={form.id('params.indicatorId')}>{fieldLabel(translate(t), 'params.indicatorId')}{optional && <> <span className="muted">({t('warnings.optional')})</span></>}</label>
      <select value={value[k].indicatorId} onChange={(e) => set(k, { indicatorId: e.target.value })} {...form.props('params.indicatorId')}>
        <option value="">{optional ? t('warnings.rules.anyIncident') : t('commitments.form.choose')}</option>
        {(['computed', 'observed'] as const).filter((kd) => !optional || kd === 'computed').map((kd) => (
          <optgroup key={kd} label={t(`warnings.kinds.${kd}`)}>
            {usable.filter((i) => i.kind === kd).map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
          </optgroup>
        ))}
      </select>
      {form.message('params.indicatorId')}
    </div>
  );
  switch (kind) {
    case 'surge':
      return <div className="grid wide">{indicator('surge')}{number('surge', 'recentDays')}{number('surge', 'baselineDays')}{number('surge', 'factor', { step: '0.1' })}{number('surge', 'minCount', { hint: true })}{number('surge', 'minBaseline', { step: '0.1', hint: true })}</div>;
    case 'record_high':
      return <div className="grid wide">{indicator('record_high')}{number('record_high', 'windowDays')}{number('record_high', 'years')}{number('record_high', 'minCount')}</div>;
    case 'combination':
      return <CombinationFields form={form} value={value} set={(p) => set('combination', p)} indicators={usable} number={number('combination', 'withinDays')} />;
    case 'party_active':
      return <PartyActiveFields form={form} value={value} set={(p) => set('party_active', p)} fields={<>{indicator('party_active', true)}{number('party_active', 'recentDays')}{number('party_active', 'quietDays')}{number('party_active', 'minCount')}</>} />;
  }
}

function CombinationFields({ form, value, set, indicators, number }: { form: FormParts; value: ParamsDraft; set: (p: Partial<ParamsDraft['combination']>) => void; indicators: readonly Indicator[]; number: ReactNode }) {
  const { t } = useTranslation();
  const c = value.combination;
  return (
    <>
      <fieldset className="field checks" id={form.id('params.indicatorIds')} aria-describedby="combination-hint">
        <legend className="label">{fieldLabel(translate(t), 'params.indicatorIds')}</legend>
        <p className="hint" id="combination-hint">{t('warnings.rules.hints.signals')}</p>
        <ul className="checkbox-list">
          {indicators.filter((i) => i.kind === 'observed').map((i) => (
            <li key={i.id}><label className="checkbox">
              <input type="checkbox" checked={c.indicatorIds.includes(i.id)} onChange={(e) => set({ indicatorIds: e.target.checked ? [...c.indicatorIds, i.id] : c.indicatorIds.filter((x) => x !== i.id) })} /> {i.name}
            </label></li>
          ))}
        </ul>
        {form.message('params.indicatorIds')}
      </fieldset>
      <div className="grid wide">
        {number}
        <div className="field">
          <label htmlFor={form.id('params.minSeverity')}>{fieldLabel(translate(t), 'params.minSeverity')}</label>
          <select value={c.minSeverity} onChange={(e) => set({ minSeverity: e.target.value as Severity })} {...form.props('params.minSeverity')}>
            {SEVERITIES.map((s) => <option key={s} value={s}>{severityLabel(t, s)}</option>)}
          </select>
        </div>
      </div>
    </>
  );
}

function PartyActiveFields({ form, value, set, fields }: { form: FormParts; value: ParamsDraft; set: (p: Partial<ParamsDraft['party_active']>) => void; fields: ReactNode }) {
  const { t } = useTranslation();
  const a = value.party_active;
  // A saved rule names its parties by id: their names are read from the registry.
  const names = useQueries({ queries: a.parties.filter((p) => !p.name).map((p) => ({ queryKey: ['parties', 'one', p.id], queryFn: () => partiesApi.get(p.id), staleTime: 300_000 })) });
  const named = a.parties.map((p) => ({ id: p.id, name: p.name || names.find((n) => n.data?.id === p.id)?.data?.name || '…' }));
  return (
    <>
      <fieldset className="field radio-row">
        <legend className="label">{t('warnings.rules.parties')}</legend>
        <div className="choices">
          <label className="checkbox"><input type="radio" name="party-mode" checked={!a.chosen} onChange={() => set({ chosen: false })} data-testid="parties-listed" /> {t('warnings.rules.partiesListed')}</label>
          <label className="checkbox"><input type="radio" name="party-mode" checked={a.chosen} onChange={() => set({ chosen: true })} data-testid="parties-chosen" /> {t('warnings.rules.partiesChosen')}</label>
        </div>
      </fieldset>
      {a.chosen && (
        <div className="field">
          <label htmlFor={form.id('params.partyIds')}>{fieldLabel(translate(t), 'params.partyIds')}</label>
          <PartyChooser control={form.props('params.partyIds')} label={fieldLabel(translate(t), 'params.partyIds')} value={named} onChange={(parties) => set({ parties })} />
          {form.message('params.partyIds')}
        </div>
      )}
      <div className="grid wide">{fields}</div>
    </>
  );
}
