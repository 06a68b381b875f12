// Why: the "Assigned to" section of the incident form, shown to coordinators only. One checkbox per active
// monitor or coordinator of the organisation; people already assigned who can no longer be (disabled,
// role changed) stay listed so they can be removed. The server checks the same rules again.
import { useTranslation } from 'react-i18next';
import type { OrgMember } from '../../../src/shared/auth.ts';
import { roleLabel } from '../format.ts';
import { fieldId } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import { isAssignable, useMembers } from '../members.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { controlProps, FieldError, Hint } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';

interface Props {
  form: FormState;
  set: (patch: Partial<FormState>, path: string) => void;
  errors: Errors;
}

interface Choice { id: string; member: OrgMember | null; eligible: boolean }

/** Eligible members first (in the server's email order), then anyone assigned who is not eligible any more. */
function choices(members: readonly OrgMember[], assigned: readonly string[]): Choice[] {
  const list: Choice[] = members.filter(isAssignable).map((m) => ({ id: m.id, member: m, eligible: true }));
  for (const id of assigned) {
    if (list.some((c) => c.id === id)) continue;
    list.push({ id, member: members.find((m) => m.id === id) ?? null, eligible: false });
  }
  return list;
}

export function AssigneeFields({ form, set, errors }: Props) {
  const { t } = useTranslation();
  const members = useMembers();
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...form.assignedTo, id] : form.assignedTo.filter((x) => x !== id);
    set({ assignedTo: next }, 'assignedTo');
  };
  const list = members.data ? choices(members.data, form.assignedTo) : [];
  const own = controlProps('assignedTo', errors, 'assigned-hint');

  return (
    <fieldset className="section" id={fieldId('assignedTo')} tabIndex={-1} aria-describedby={own['aria-describedby']} data-testid="assignees">
      <legend>{t('incident.assignedTo')}</legend>
      <Hint id="assigned-hint">{t('form.assignedHint')}</Hint>
      {members.isPending && <p className="loading">{t('app.loading')}</p>}
      {members.isError && <ApiErrorMessage error={members.error} onRetry={() => void members.refetch()} />}
      {members.data && list.length === 0 && <p className="muted">{t('form.assignedNone')}</p>}
      {list.length > 0 && (
        <ul className="checkbox-list">
          {list.map((c, i) => {
            const id = `${fieldId('assignedTo')}-${c.id}`;
            const note = c.eligible ? undefined : `${id}-note`;
            return (
              <li key={c.id}>
                <div className="checkbox">
                  <input
                    type="checkbox"
                    id={id}
                    checked={form.assignedTo.includes(c.id)}
                    onChange={(e) => toggle(c.id, e.target.checked)}
                    aria-invalid={(errors.get(`assignedTo.${form.assignedTo.indexOf(c.id)}`)?.length ?? 0) > 0 || undefined}
                    aria-describedby={note}
                    data-testid={`assignee-${i}`}
                  />
                  <label htmlFor={id}>
                    {c.member ? <><bdi>{c.member.email}</bdi> ({roleLabel(t, c.member.role)})</> : t('people.anotherUser')}
                  </label>
                </div>
                {note && <p className="hint" id={note}>{t('form.assignedNotEligible')}</p>}
              </li>
            );
          })}
        </ul>
      )}
      <FieldError path="assignedTo" errors={errors} form={form} />
      {form.assignedTo.map((_, i) => <FieldError key={i} path={`assignedTo.${i}`} errors={errors} form={form} />)}
    </fieldset>
  );
}
