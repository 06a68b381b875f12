// Why: the five victim counts (women, girls, men, boys, unknown) used for the incident and each violation.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { VICTIM_CATEGORIES } from '../../../src/shared/taxonomy.ts';
import type { VictimCategory } from '../../../src/shared/taxonomy.ts';
import { victimLabel } from '../format.ts';
import { fieldId } from '../incidentForm.ts';
import type { FormState, TallyState } from '../incidentForm.ts';
import { controlProps, FieldError } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';

interface Props {
  /** `victims` or `violations.<i>.victims`. */
  path: string;
  legend: ReactNode;
  value: TallyState;
  onChange: (next: TallyState, path: string) => void;
  errors: Errors;
  form: FormState;
  hintId?: string;
  /** Rendered right after the legend (a violation's form select). */
  lead?: ReactNode;
  /** Rendered after the counts (actions). */
  children?: ReactNode;
}

const total = (t: TallyState): number =>
  VICTIM_CATEGORIES.reduce((s, c) => s + (Number.isFinite(Number(t[c])) ? Number(t[c]) : 0), 0);

export function TallyInputs({ path, legend, value, onChange, errors, form, hintId, lead, children }: Props) {
  const { t } = useTranslation();
  const set = (c: VictimCategory, v: string) => onChange({ ...value, [c]: v }, `${path}.${c}`);
  const own = controlProps(path, errors, hintId);
  return (
    <fieldset className="tally" id={fieldId(path)} tabIndex={-1} aria-describedby={own['aria-describedby']}>
      <legend>{legend}</legend>
      {lead}
      <div className="tally-grid">
        {VICTIM_CATEGORIES.map((c) => (
          <div className="field" key={c}>
            <label htmlFor={fieldId(`${path}.${c}`)}>{victimLabel(t, c)}</label>
            <input
              type="number"
              inputMode="numeric"
              min={0}
              max={100000}
              step={1}
              value={value[c]}
              onChange={(e) => set(c, e.target.value)}
              data-testid={`${path}.${c}`}
              {...controlProps(`${path}.${c}`, errors)}
            />
          </div>
        ))}
        <div className="field tally-total" aria-live="polite">
          <span className="label">{t('incident.total')}</span>
          <output htmlFor={VICTIM_CATEGORIES.map((c) => fieldId(`${path}.${c}`)).join(' ')}>{total(value)}</output>
        </div>
      </div>
      <FieldError path={path} errors={errors} form={form} />
      {VICTIM_CATEGORIES.map((c) => <FieldError key={c} path={`${path}.${c}`} errors={errors} form={form} />)}
      {children}
    </fieldset>
  );
}
