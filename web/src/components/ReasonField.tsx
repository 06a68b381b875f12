// Why: the reason a coordinator gives for deleting or erasing a record: one required, bounded text field
// with its hint and error, shared so both confirmations behave (and are announced) the same way.
import type { RefObject } from 'react';

export const REASON_MAX = 500;
const REASON_MIN = 5;
/** The server's rule for a reason (5 to 500 characters once trimmed). */
export const reasonProblem = (reason: string): boolean => reason.trim().length < REASON_MIN || reason.trim().length > REASON_MAX;

interface Props {
  id: string;
  label: string;
  hint: string;
  error: string | null;
  value: string;
  onChange: (value: string) => void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

export function ReasonField({ id, label, hint, error, value, onChange, inputRef }: Props) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        ref={inputRef}
        rows={3}
        dir="auto"
        maxLength={REASON_MAX}
        spellCheck={false}
        autoComplete="off"
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error !== null || undefined}
        aria-describedby={error !== null ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
      <p className="hint" id={`${id}-hint`}>{hint}</p>
      {error !== null && <p className="field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}
