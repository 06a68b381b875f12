// Why: the list of problems shown at the top of a form after a save attempt, each linked to its field,
// announced to screen readers (role=alert) and focused so keyboard users land on it.
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { focusTarget, labelFor } from '../formLabels.ts';
import { fieldId } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import type { FieldIssue } from '../api.ts';
import { issueRule, withField } from '../issues.ts';

interface Props {
  issues: readonly FieldIssue[];
  form?: FormState;
  ref?: Ref<HTMLDivElement>;
  /** Leads to a field that may be on another step of the form (which then focuses it); default: focus it here. */
  onGo?: (path: string) => void;
  /** The heading, when the default ("before saving") does not fit, e.g. before moving to the next step. */
  title?: string;
  /** The translated name of a field, for forms other than the incident form (default: the incident form's). */
  labelOf?: (field: string) => string;
}

export function ErrorSummary({ issues, form, ref, onGo, title, labelOf }: Props) {
  const { t } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} data-testid="error-summary">
      <h2>{title ?? t('form.summaryTitle')}</h2>
      <ul>
        {issues.map((issue, i) => (
          <li key={`${issue.field}-${i}`}>
            <a
              href={`#${fieldId(issue.field)}`}
              onClick={(e) => {
                // Focus the control without writing anything into the address bar.
                e.preventDefault();
                if (onGo) onGo(issue.field);
                else focusTarget(issue.field)?.focus();
              }}
            >
              {withField(t, labelOf ? labelOf(issue.field) : labelFor(t, issue.field, form), issueRule(t, issue))}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
