// Why: the list of problems shown at the top of a form after a save attempt, each linked to its field,
// announced to screen readers (role=alert) and focused so keyboard users land on it.
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId, focusTarget, labelFor } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import type { FieldIssue } from '../api.ts';

interface Props { issues: readonly FieldIssue[]; form?: FormState; ref?: Ref<HTMLDivElement> }

export function ErrorSummary({ issues, form, ref }: Props) {
  const { t } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} data-testid="error-summary">
      <h2>{t('form.summaryTitle')}</h2>
      <ul>
        {issues.map((issue, i) => (
          <li key={`${issue.field}-${i}`}>
            <a
              href={`#${fieldId(issue.field)}`}
              onClick={(e) => {
                // Focus the control without writing anything into the address bar.
                e.preventDefault();
                focusTarget(issue.field)?.focus();
              }}
            >
              {labelFor(t, issue.field, form)}: {issue.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
