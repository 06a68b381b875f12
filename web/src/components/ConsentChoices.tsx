// Why: the consent checkboxes, each with a one-line plain-language meaning, shared by the incident form and
// the erasure panel so both word consent alike. "Agency only" and the sharing scopes exclude each other.
import { useTranslation } from 'react-i18next';
import type { ConsentScope } from '../../../src/shared/taxonomy.ts';
import { toggleScope } from '../consent.ts';
import { consentLabel } from '../format.ts';

interface Props {
  /** Prefix of the checkboxes' ids (each gets `-<scope>`). */
  idPrefix: string;
  /** The scopes offered, in the taxonomy's order. */
  scopes: readonly ConsentScope[];
  value: readonly ConsentScope[];
  onChange: (next: ConsentScope[]) => void;
  invalid: boolean;
  /** Error text's id, added to every checkbox's description while invalid. */
  errorId?: string;
}

export function ConsentChoices({ idPrefix, scopes, value, onChange, invalid, errorId }: Props) {
  const { t } = useTranslation();
  return (
    <ul className="checkbox-list consent-list">
      {scopes.map((scope) => {
        const id = `${idPrefix}-${scope}`;
        const described = [`${id}-meaning`, invalid ? errorId : undefined].filter(Boolean).join(' ');
        return (
          <li key={scope}>
            <div className="checkbox">
              <input
                type="checkbox"
                id={id}
                checked={value.includes(scope)}
                onChange={(e) => onChange(toggleScope(value, scope, e.target.checked))}
                aria-invalid={invalid || undefined}
                aria-describedby={described}
                data-testid={`${idPrefix}-${scope}`}
              />
              <label htmlFor={id}>{consentLabel(t, scope)}</label>
            </div>
            <p className="hint" id={`${id}-meaning`}>{t(`consent.meanings.${scope}`)}</p>
          </li>
        );
      })}
    </ul>
  );
}
