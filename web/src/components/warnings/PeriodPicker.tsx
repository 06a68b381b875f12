// Why: the period a warnings screen reads (the backtest, the alert summary): two days checked with the screen's
// own query schema (the end not before the start, never after today), problems named by field, and the period
// applied only when asked, so a half-typed date never sends a request.
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { today } from '../../warnings.ts';
import { DateControl } from '../DateControl.tsx';
import { useFormIssues } from '../formIssues.tsx';

export interface Period { from: string; to: string }

interface Props {
  /** The form's name: its controls' ids and its problems' fields carry it. */
  prefix: string;
  schema: z.ZodType;
  initial: Period;
  onChoose: (period: Period) => void;
  testId: string;
}

export function PeriodPicker({ prefix, schema, initial, onChoose, testId }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const form = useFormIssues(prefix, schema, draft);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.check()) onChoose(draft);
  };
  return (
    <form className="period-picker" onSubmit={submit} noValidate>
      {form.summary}
      <div className="field">
        <label htmlFor={form.id('from')}>{t('warnings.period.from')}</label>
        <DateControl value={draft.from} onChange={(from) => setDraft({ ...draft, from })} max={today()} {...form.props('from')} />
        {form.message('from')}
      </div>
      <div className="field">
        <label htmlFor={form.id('to')}>{t('warnings.period.to')}</label>
        <DateControl value={draft.to} onChange={(to) => setDraft({ ...draft, to })} max={today()} {...form.props('to')} />
        {form.message('to')}
      </div>
      <button type="submit" className="secondary" data-testid={testId}>{t('warnings.period.run')}</button>
    </form>
  );
}
