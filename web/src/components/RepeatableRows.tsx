// Why: one behaviour for every repeated entry of the incident form (individual victims, perpetrators,
// sources, referrals): each entry a fieldset with a numbered legend ("Source 2") and its own remove button,
// an add button under the list, and focus moved where the keyboard user expects it after adding or removing.
import type { ReactNode } from 'react';
import { fieldId } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import { FieldError } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';

export type RowListName = 'survivors' | 'perpetrators' | 'sources' | 'referrals';

interface Props<T extends { key: number }> {
  name: RowListName;
  rows: readonly T[];
  /** `path` is the field changed, or null when nothing was edited yet (a new, empty entry). */
  onChange: (rows: T[], path: string | null) => void;
  make: () => T;
  /** The entry's first control (a field name), focused when the entry is added. */
  first: keyof T & string;
  legend: (n: number) => string;
  addLabel: string;
  removeLabel: (n: number) => string;
  max: number;
  errors: Errors;
  form: FormState;
  children: (row: T, path: string, update: (patch: Partial<T>, field: keyof T & string) => void) => ReactNode;
}

export function RepeatableRows<T extends { key: number }>(props: Props<T>) {
  const { name, rows, onChange, make, first, legend, addLabel, removeLabel, max, errors, form, children } = props;
  const addId = `add-${name}`;
  const add = () => {
    // Nothing typed yet: the new entry's problems show once it is edited, or on Next.
    onChange([...rows, make()], null);
    requestAnimationFrame(() => document.getElementById(fieldId(`${name}.${rows.length}.${first}`))?.focus());
  };
  const remove = (i: number) => {
    onChange(rows.filter((_, j) => j !== i), name);
    requestAnimationFrame(() => document.getElementById(addId)?.focus());
  };
  const update = (i: number) => (patch: Partial<T>, field: keyof T & string) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)), `${name}.${i}.${field}`);

  return (
    <>
      {rows.length > 0 && (
        <ol className="entries">
          {rows.map((row, i) => {
            const path = `${name}.${i}`;
            return (
              <li key={row.key}>
                <fieldset className="entry" id={fieldId(path)} tabIndex={-1} data-testid={`${name}-${i}`}>
                  <legend>{legend(i + 1)}</legend>
                  {children(row, path, update(i))}
                  <FieldError path={path} errors={errors} form={form} />
                  <div className="row-actions">
                    <button type="button" className="danger" onClick={() => remove(i)}>{removeLabel(i + 1)}</button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
      )}
      {rows.length < max && <button type="button" id={addId} className="secondary" onClick={add}>{addLabel}</button>}
    </>
  );
}
