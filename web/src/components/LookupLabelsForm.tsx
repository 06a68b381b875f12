// Why: the labels of one of the organisation's own list values (English required, French and Arabic
// optional), for adding a value and for changing its labels. It shows the code the value will get (or has),
// checks with the shared schema before sending, and shows every problem, the browser's or the server's
// (a code that already exists, a label too long), in a summary linked to the field and under the field.
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LookupLabels } from '../../../src/shared/lookup.ts';
import type { Lookup } from '../../../src/shared/lookup.ts';
import { ApiRequestError } from '../api.ts';
import type { FieldIssue } from '../api.ts';
import { issueRule, localIssues, onePerField, withField } from '../issues.ts';
import { errorId, fieldId } from '../incidentForm.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { controlProps, Hint } from './FieldParts.tsx';

export interface LabelsInput { en: string; fr: string; ar: string }
const LANGS = ['en', 'fr', 'ar'] as const;

interface Props {
  /** Makes the ids of this form's controls unique on the page ("new-setting", "edit-<id>"). */
  idPrefix: string;
  legend: string;
  initial?: LabelsInput;
  /** The code the value has (editing), or will get from its English label (adding). */
  code: string | ((en: string) => string);
  /** Problems the browser can name before sending (a code that already exists). */
  extraIssues?: (labels: Labels) => FieldIssue[];
  submitLabel: string;
  pendingLabel: string;
  save: (labels: Labels) => Promise<Lookup>;
  /** Awaited: the form stays busy until, for instance, the list is reloaded. */
  onSaved: (saved: Lookup) => Promise<void> | void;
  onCancel?: () => void;
}

type Labels = { en: string; fr: string | null; ar: string | null };
const EMPTY: LabelsInput = { en: '', fr: '', ar: '' };
const orNull = (s: string): string | null => (s.trim() === '' ? null : s);

/** Problems of the labels as typed, by field path as the server names them (labels.en, ...). */
function check(input: LabelsInput): { labels: Labels | null; issues: FieldIssue[] } {
  const parsed = LookupLabels.safeParse({ en: input.en, fr: orNull(input.fr), ar: orNull(input.ar) });
  if (parsed.success) return { labels: { en: parsed.data.en, fr: parsed.data.fr ?? null, ar: parsed.data.ar ?? null }, issues: [] };
  return { labels: null, issues: localIssues(parsed.error.issues, ['labels']) };
}

export function LookupLabelsForm({ idPrefix, legend, initial = EMPTY, code: codeOf, extraIssues, submitLabel, pendingLabel, save, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const [input, setInput] = useState<LabelsInput>(initial);
  const [tried, setTried] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: (saved) => {
      setInput(initial);
      setTried(false);
      return onSaved(saved);
    },
    onError: (e) => {
      if (e instanceof ApiRequestError && e.issues.length > 0) {
        setServerIssues(e.issues);
        requestAnimationFrame(() => summaryRef.current?.focus());
      }
    },
  });

  const path = (field: string) => (field ? `${idPrefix}.${field}` : idPrefix);
  const local = check(input);
  const issues = tried ? [...serverIssues, ...local.issues, ...(local.labels && extraIssues ? extraIssues(local.labels) : [])] : serverIssues;
  const errors = new Map<string, string[]>();
  for (const i of onePerField(issues)) errors.set(path(i.field), [...(errors.get(path(i.field)) ?? []), issueRule(t, i)]);
  const nameOf = (field: string): string => {
    const f = field.startsWith(`${idPrefix}.`) ? field.slice(idPrefix.length + 1) : field;
    if (f === 'labels.en' || f === 'labels.fr' || f === 'labels.ar') return t(`lookups.labels.${f.slice(7) as 'en' | 'fr' | 'ar'}`);
    if (f === 'code') return t('lookups.code');
    return t('form.formWide');
  };
  const message = (field: string) => {
    const list = errors.get(path(field));
    return list?.length ? <p className="field-error" id={errorId(path(field))}>{withField(t, nameOf(field), list.join(' · '))}</p> : null;
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setServerIssues([]);
    const extra = local.labels && extraIssues ? extraIssues(local.labels) : [];
    if (local.labels && extra.length === 0) mutation.mutate(local.labels);
    else requestAnimationFrame(() => summaryRef.current?.focus());
  };
  const change = (lang: (typeof LANGS)[number], value: string) => {
    const next = { ...input, [lang]: value };
    setInput(next);
    // Everything cleared: nothing is being added any more, so its problems go too (until the next try).
    if (LANGS.every((l) => next[l].trim() === '')) setTried(false);
    setServerIssues((list) => list.filter((i) => i.field !== `labels.${lang}` && !(lang === 'en' && i.field === 'code')));
  };

  const code = typeof codeOf === 'string' ? codeOf : input.en.trim() ? codeOf(input.en) : '';
  const failure = mutation.error !== null && !(mutation.error instanceof ApiRequestError && mutation.error.issues.length > 0) ? mutation.error : null;
  return (
    <form className="lookup-form" onSubmit={onSubmit} noValidate>
      <fieldset className="section" id={fieldId(idPrefix)} tabIndex={-1}>
        <legend>{legend}</legend>
        <ErrorSummary issues={onePerField(issues).map((i) => ({ ...i, field: path(i.field) }))} ref={summaryRef} title={t('lookups.summaryTitle')} labelOf={nameOf} />
        {failure !== null && <ApiErrorMessage error={failure} />}
        {message('')}
        <div className="grid">
          {LANGS.map((lang) => (
            <div className="field" key={lang}>
              <label htmlFor={fieldId(path(`labels.${lang}`))}>
                {t(`lookups.labels.${lang}`)}{lang !== 'en' && <span className="required"> ({t('lookups.optional')})</span>}
              </label>
              <input
                type="text"
                lang={lang}
                dir={lang === 'ar' ? 'rtl' : 'ltr'}
                maxLength={100}
                autoComplete="off"
                value={input[lang]}
                onChange={(e) => change(lang, e.target.value)}
                {...controlProps(path(`labels.${lang}`), errors, lang === 'en' ? undefined : `${fieldId(idPrefix)}-labels-hint`)}
              />
              {message(`labels.${lang}`)}
            </div>
          ))}
        </div>
        <Hint id={`${fieldId(idPrefix)}-labels-hint`}>{t('lookups.labelsHint')}</Hint>
        <div className="lookup-code" id={fieldId(path('code'))} tabIndex={-1} aria-describedby={`${fieldId(idPrefix)}-code-hint`}>
          <span className="label">{t('lookups.code')}: </span>
          {code ? <code dir="ltr" data-testid={`${idPrefix}-code`}>{code}</code> : <span className="muted">{t('lookups.codeEmpty')}</span>}
        </div>
        <Hint id={`${fieldId(idPrefix)}-code-hint`}>{t('lookups.codeHint')}</Hint>
        {message('code')}
        <div className="row-actions">
          <button type="submit" disabled={mutation.isPending}>{mutation.isPending ? pendingLabel : submitLabel}</button>
          {onCancel && <button type="button" className="secondary" onClick={onCancel}>{t('lookups.cancel')}</button>}
        </div>
      </fieldset>
    </form>
  );
}
