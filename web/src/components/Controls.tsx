// Why: labelled controls for the repeated entries of the incident form (victims, perpetrators, sources,
// referrals) and wherever a plain field will do: each one is a label, the control, an optional hint and
// its error, wired through FieldParts so ids, aria-invalid and aria-describedby are always right.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorId, fieldId } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import type { TriState } from '../formRows.ts';
import { DateControl } from './DateControl.tsx';
import { controlProps, FieldError, Hint, IdentifyingMark } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';

interface Base {
  /** Dotted path of the field, e.g. `sources.1.type`. */
  path: string;
  label: ReactNode;
  errors: Errors;
  form?: FormState;
  hint?: ReactNode;
  /** Marks the label "identifying – encrypted". */
  identifying?: boolean;
}

const hintId = (path: string) => `${fieldId(path)}-hint`;

function Shell({ path, label, errors, form, hint, identifying, children }: Base & { children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={fieldId(path)}>{label}{identifying && <IdentifyingMark />}</label>
      {children}
      {hint && <Hint id={hintId(path)}>{hint}</Hint>}
      <FieldError path={path} errors={errors} form={form} />
    </div>
  );
}

interface TextProps extends Base {
  value: string;
  onChange: (value: string) => void;
  maxLength?: number;
  /** Codes (survivor codes, country codes): monospace, no spell-check, shown left to right. */
  code?: boolean;
}

export function TextInput({ value, onChange, maxLength = 200, code = false, ...base }: TextProps) {
  return (
    <Shell {...base}>
      {/* spellCheck off: some browsers send typed text to an online spelling service. */}
      <input
        type="text"
        dir={code ? 'ltr' : 'auto'}
        maxLength={maxLength}
        autoComplete="off"
        spellCheck={false}
        className={code ? 'code-text' : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...controlProps(base.path, base.errors, base.hint ? hintId(base.path) : undefined)}
      />
    </Shell>
  );
}

interface NumberProps extends Base { value: string; onChange: (value: string) => void; min: number; max: number }

export function NumberInput({ value, onChange, min, max, ...base }: NumberProps) {
  return (
    <Shell {...base}>
      <input
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...controlProps(base.path, base.errors, base.hint ? hintId(base.path) : undefined)}
      />
    </Shell>
  );
}

interface DateProps extends Base { value: string; onChange: (value: string) => void }

export function DateInput({ value, onChange, ...base }: DateProps) {
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Shell {...base}>
      <DateControl max={today} value={value} onChange={onChange} {...controlProps(base.path, base.errors, base.hint ? hintId(base.path) : undefined)} />
    </Shell>
  );
}

export interface Option<V extends string> { value: V; label: string }
/** Options under a heading (an <optgroup>), such as an organisation's own values after the core ones. */
export interface OptionGroup<V extends string> { label: string; options: readonly Option<V>[] }

interface SelectProps<V extends string> extends Base { value: V; options: readonly Option<V>[]; groups?: readonly OptionGroup<V>[]; onChange: (value: V) => void }

/** A select over a fixed list (taxonomy codes with translated labels); the empty choice, if any, is an option too. */
export function SelectInput<V extends string>({ value, options, groups = [], onChange, ...base }: SelectProps<V>) {
  const shownGroups = groups.filter((g) => g.options.length > 0);
  return (
    <Shell {...base}>
      <select
        value={value}
        onChange={(e) => {
          const picked = [...options, ...shownGroups.flatMap((g) => g.options)].find((o) => o.value === e.target.value);
          if (picked) onChange(picked.value);
        }}
        {...controlProps(base.path, base.errors, base.hint ? hintId(base.path) : undefined)}
      >
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        {shownGroups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </optgroup>
        ))}
      </select>
    </Shell>
  );
}

interface CheckboxProps extends Omit<Base, 'identifying'> { checked: boolean; onChange: (checked: boolean) => void }

export function CheckboxInput({ path, label, checked, onChange, errors, form, hint }: CheckboxProps) {
  return (
    <div className="field">
      <div className="checkbox">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} {...controlProps(path, errors, hint ? hintId(path) : undefined)} />
        <label htmlFor={fieldId(path)}>{label}</label>
      </div>
      {hint && <Hint id={hintId(path)}>{hint}</Hint>}
      <FieldError path={path} errors={errors} form={form} />
    </div>
  );
}

const TRI: readonly { value: TriState; key: 'form.notKnown' | 'detail.yes' | 'detail.no' }[] = [
  { value: '', key: 'form.notKnown' }, { value: 'yes', key: 'detail.yes' }, { value: 'no', key: 'detail.no' },
];

interface TriProps { path: string; legend: ReactNode; value: TriState; onChange: (value: TriState) => void; errors: Errors; form?: FormState }

/** Yes / No / Not known as three radio buttons; "Not known" is recorded as absent, never guessed. */
export function TriChoice({ path, legend, value, onChange, errors, form }: TriProps) {
  const { t } = useTranslation();
  const invalid = (errors.get(path)?.length ?? 0) > 0;
  return (
    <fieldset className="choice-group" id={fieldId(path)} tabIndex={-1}>
      <legend>{legend}</legend>
      <div className="radio-row">
        {TRI.map((o) => {
          const id = `${fieldId(path)}-${o.value || 'unknown'}`;
          return (
            <div className="checkbox" key={o.value}>
              <input type="radio" id={id} name={fieldId(path)} checked={value === o.value} onChange={() => onChange(o.value)} aria-invalid={invalid || undefined} aria-describedby={invalid ? errorId(path) : undefined} />
              <label htmlFor={id}>{t(o.key)}</label>
            </div>
          );
        })}
      </div>
      <FieldError path={path} errors={errors} form={form} />
    </fieldset>
  );
}
