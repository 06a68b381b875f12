// Why: what the forms of commitments, listings and assessments share: the browser's check with the shared
// schema and the server's answer, worded alike (field label and rule from the shared catalogue), in a summary
// linked to each field and under the field. After a first attempt the check runs as the user types, so a
// problem put right disappears at once. Several forms can sit on one page: their controls' ids carry a
// prefix, while issues keep the paths the API names.
import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { fieldLabel } from '../../../src/shared/messages.ts';
import { ApiRequestError, type FieldIssue } from '../api.ts';
import { commitmentErrorText } from '../commitments.ts';
import { errorId, fieldId } from '../incidentForm.ts';
import { issueRule, localIssues, onePerField, translate, withField } from '../issues.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import { controlProps } from './FieldParts.tsx';

/** `schema` and `value`: what the form sends, as it stands now (read again at every render once tried). */
export function useFormIssues<S extends z.ZodType>(prefix: string, schema: S, value: unknown) {
  const { t } = useTranslation();
  const [tried, setTried] = useState(false);
  const [server, setServer] = useState<FieldIssue[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const full = (path: string) => (path ? `${prefix}.${path}` : prefix);
  const parsed = schema.safeParse(value);
  const local = tried && !parsed.success ? localIssues(parsed.error.issues) : [];
  const shown = onePerField([...server, ...local]);
  const errors = new Map(shown.map((i) => [full(i.field), [issueRule(t, i)]]));
  const labelOf = (field: string) => (field === prefix ? t('form.formWide') : fieldLabel(translate(t), field.slice(prefix.length + 1)));
  const focus = () => requestAnimationFrame(() => summaryRef.current?.focus());
  return {
    /** The value as the schema gives it, or null with the problems shown and the summary focused. */
    check(): z.output<S> | null {
      setTried(true);
      setServer([]);
      if (parsed.success) return parsed.data;
      focus();
      return null;
    },
    /** A refusal that names fields is shown like the browser's own problems; true when it did. */
    fromServer(error: unknown): boolean {
      if (!(error instanceof ApiRequestError) || error.issues.length === 0) return false;
      setServer(error.issues);
      focus();
      return true;
    },
    /** Back to untouched (after a save that empties the form). */
    reset: () => { setTried(false); setServer([]); },
    /** A refusal without fields (not allowed, gone, the network): said in words above the form. */
    failure: (error: unknown) => (error && !(error instanceof ApiRequestError && error.issues.length > 0)
      ? <p className="alert error" role="alert">{commitmentErrorText(t, error)}</p>
      : null),
    summary: <ErrorSummary issues={shown.map((i) => ({ ...i, field: full(i.field) }))} ref={summaryRef} labelOf={labelOf} title={t('commitments.form.summaryTitle')} />,
    /** The id of a field's control (for its label). */
    id: (path: string) => fieldId(full(path)),
    /** id, aria-invalid and aria-describedby of a control. */
    props: (path: string, hintId?: string) => controlProps(full(path), errors, hintId),
    message: (path: string) => {
      const list = errors.get(full(path));
      return list?.length ? <p className="field-error" id={errorId(full(path))}>{withField(t, labelOf(full(path)), list.join(' · '))}</p> : null;
    },
  };
}

interface Checked<S extends z.ZodType, R> {
  prefix: string;
  schema: S;
  value: unknown;
  /** Sends what the schema gave (uploading a file first, say). */
  send: (body: z.output<S>) => Promise<R>;
  onSaved: (answer: R) => unknown;
  /** After a refusal naming fields (a version saved meanwhile, say): read again what it was about. */
  onRefused?: () => void;
}

/** A form of the capability whole: checked with the shared schema, sent, refusals shown by field. */
export function useCheckedForm<S extends z.ZodType, R>({ prefix, schema, value, send, onSaved, onRefused }: Checked<S, R>) {
  const form = useFormIssues(prefix, schema, value);
  const save = useMutation({
    mutationFn: send,
    onSuccess: (answer) => { form.reset(); return onSaved(answer); },
    onError: (e) => { if (form.fromServer(e)) onRefused?.(); },
  });
  return {
    ...form,
    submit: (e: FormEvent) => {
      e.preventDefault();
      const body = form.check();
      if (body) save.mutate(body);
    },
    pending: save.isPending,
    /** The refusal without fields, in words above the form (or nothing). */
    failed: form.failure(save.error),
  };
}
