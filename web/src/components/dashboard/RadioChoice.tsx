// Why: one choice among a few, as radio buttons under a legend (records, figures shown, figures for).
import type { ReactNode } from 'react';

interface Props<V extends string> {
  name: string;
  legend: string;
  options: readonly { value: V; label: string }[];
  value: V;
  onChange: (value: V) => void;
  /** Said under the buttons, and read with the chosen one. */
  hint?: ReactNode;
  className?: string;
  testId?: string;
}

export function RadioChoice<V extends string>({ name, legend, options, value, onChange, hint, className, testId }: Props<V>) {
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <fieldset className={`choice-group${className ? ` ${className}` : ''}`} data-testid={testId}>
      <legend>{legend}</legend>
      <div className="radio-row">
        {options.map((o) => (
          <div className="checkbox" key={o.value}>
            <input type="radio" id={`${name}-${o.value}`} name={name} checked={value === o.value} onChange={() => onChange(o.value)} aria-describedby={value === o.value ? hintId : undefined} />
            <label htmlFor={`${name}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
      {hint && <p className="hint" id={hintId}>{hint}</p>}
    </fieldset>
  );
}
