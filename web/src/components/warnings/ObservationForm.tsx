// Why: recording one observation of an early-warning indicator (monitors, partners, coordinators): which
// observed indicator, the day it was seen (not in the future), where (the incident form's place lists), the
// party if one is concerned (the registry's picker), how severe, and a few words about what was seen - never
// names of survivors or witnesses. Checked with the shared schema; the server's refusals are named by field.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INDICATOR_CATEGORIES, ObservationCreate, SEVERITIES, type Indicator, type Observation, type Severity } from '../../../../src/shared/warnings.ts';
import { fieldLabel } from '../../../../src/shared/messages.ts';
import { translate } from '../../issues.ts';
import { categoryLabel, severityLabel, today, warningsApi } from '../../warnings.ts';
import { DateControl } from '../DateControl.tsx';
import { useCheckedForm } from '../formIssues.tsx';
import { PartyPicker, type PartyChoice } from '../PartyPicker.tsx';
import { AreaFields, areaBody, EMPTY_AREA } from './AreaFields.tsx';
import { WarningsForm } from './WarningsForm.tsx';

/** The contract's rule and one the form can say before sending: a day seen cannot be later than today. */
const NotInFuture = ObservationCreate.extend({ observedOn: ObservationCreate.shape.observedOn.refine((d) => d <= today(), 'in_future') });

export function ObservationForm({ indicators, onSaved }: { indicators: readonly Indicator[]; onSaved: (o: Observation) => void }) {
  const { t } = useTranslation();
  const [indicatorId, setIndicatorId] = useState('');
  const [observedOn, setObservedOn] = useState(today);
  const [area, setArea] = useState(EMPTY_AREA);
  const [party, setParty] = useState<PartyChoice | null>(null);
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [note, setNote] = useState('');
  // Named as the problems name them (the shared catalogue's field labels).
  const label = (path: string) => fieldLabel(translate(t), path);
  const observed = indicators.filter((i) => i.kind === 'observed' && !i.retired);
  const value = {
    indicatorId: indicatorId || undefined, observedOn, area: areaBody(area), partyId: party?.kind === 'party' ? party.party.id : null,
    severity: severity || undefined, note,
  };
  const form = useCheckedForm({
    prefix: 'observation', schema: NotInFuture, value, send: (body) => warningsApi.createObservation(body),
    onSaved: (o) => { setIndicatorId(''); setNote(''); setSeverity(''); setParty(null); onSaved(o); },
  });
  return (
    <WarningsForm form={form} legend={t('warnings.observations.new')} testId="observation-form" send={{ label: t('warnings.observations.record'), testId: 'record-observation' }}>
      <div className="grid wide">
        <div className="field">
          <label htmlFor={form.id('indicatorId')}>{label('indicatorId')}</label>
          <select value={indicatorId} onChange={(e) => setIndicatorId(e.target.value)} {...form.props('indicatorId')}>
            <option value="">{t('commitments.form.choose')}</option>
            {INDICATOR_CATEGORIES.map((c) => {
              const inCategory = observed.filter((i) => i.category === c);
              return inCategory.length > 0 && (
                <optgroup key={c} label={categoryLabel(t, c)}>
                  {inCategory.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
                </optgroup>
              );
            })}
          </select>
          {form.message('indicatorId')}
        </div>
        <div className="field">
          <label htmlFor={form.id('observedOn')}>{label('observedOn')}</label>
          <DateControl value={observedOn} onChange={setObservedOn} max={today()} {...form.props('observedOn')} />
          {form.message('observedOn')}
        </div>
      </div>
      <AreaFields form={form} path="area" value={area} onChange={setArea} />
      <div className="grid wide">
        <div className="field">
          <PartyPicker id={form.id('partyId')} label={`${t('warnings.observations.party')} (${t('warnings.optional')})`} value={party} onChange={setParty} hint={t('warnings.observations.partyHint')} />
          {form.message('partyId')}
        </div>
        <fieldset className="field radio-row" id={form.id('severity')} aria-describedby={form.props('severity')['aria-describedby']}>
          <legend className="label">{label('severity')}</legend>
          <div className="choices">
            {SEVERITIES.map((s) => (
              <label key={s} className="checkbox">
                <input type="radio" name="observation-severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} data-testid={`severity-${s}`} /> {severityLabel(t, s)}
              </label>
            ))}
          </div>
          {form.message('severity')}
        </fieldset>
      </div>
      <div className="field">
        <label htmlFor={form.id('note')}>{label('note')}</label>
        <textarea dir="auto" rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} {...form.props('note', 'observation-note-hint')} />
        <p className="hint" id="observation-note-hint">{t('warnings.observations.noteHint')}</p>
        {form.message('note')}
      </div>
    </WarningsForm>
  );
}
