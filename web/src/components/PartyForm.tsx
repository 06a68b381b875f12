// Why: creating a party of the organisation, or changing one: its name and the language of that name, its
// names in French and Arabic (on creation; later on the party's names list), short name, category,
// countries, the party it is part of, its active period (a year, a month or a day) and a note. Checked with
// the shared schema before sending; every problem, the browser's or the server's, in a summary linked to its
// field (a name that exists already names the party).
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldLabel } from '../../../src/shared/messages.ts';
import { PARTY_CATEGORIES, PartyCreate, PartyPatch, type PartyCategory, type PartyDetail } from '../../../src/shared/parties.ts';
import { ApiRequestError, type FieldIssue } from '../api.ts';
import { currentLanguage } from '../i18n/index.ts';
import { fieldId } from '../incidentForm.ts';
import { localIssues, onePerField, translate } from '../issues.ts';
import { categoryLabel, partiesApi, partyErrorText, refreshParties } from '../parties.ts';
import { CountriesField } from './CountriesField.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { PartyPicker, type PartyChoice } from './PartyPicker.tsx';
import { NAME_LANGUAGES } from './PartyProposeForm.tsx';

interface Props { party?: PartyDetail; onSaved: (party: PartyDetail) => void; onCancel: () => void }

interface Input {
  name: string; language: string; nameFr: string; nameAr: string; shortName: string; category: PartyCategory; countries: string[];
  parent: PartyChoice | null; activeFrom: string; activeTo: string; note: string;
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

function initial(p?: PartyDetail): Input {
  const canonical = p?.names.find((n) => n.kind === 'canonical' && n.name === p.canonicalName);
  return {
    name: p?.canonicalName ?? '', language: canonical?.language ?? (p ? '' : currentLanguage()), nameFr: '', nameAr: '', shortName: p?.shortName ?? '',
    category: p?.category ?? 'non_state_armed_group', countries: p?.countries ?? [],
    parent: p?.parent ? { kind: 'party', party: p.parent } : null,
    activeFrom: p?.activeFrom ?? '', activeTo: p?.activeTo ?? '', note: p?.note ?? '',
  };
}

function body(input: Input, creating: boolean) {
  const common = {
    name: input.name, language: orNull(input.language), shortName: orNull(input.shortName), category: input.category, countries: input.countries,
    parentId: input.parent?.kind === 'party' ? input.parent.party.id : null, activeFrom: orNull(input.activeFrom), activeTo: orNull(input.activeTo), note: orNull(input.note),
  };
  if (!creating) return common;
  const names = [
    ...(orNull(input.nameFr) ? [{ name: input.nameFr.trim(), language: 'fr', kind: 'canonical' as const }] : []),
    ...(orNull(input.nameAr) ? [{ name: input.nameAr.trim(), language: 'ar', kind: 'canonical' as const }] : []),
  ];
  return { ...common, names, externalIds: [] };
}

export function PartyForm({ party, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const creating = !party;
  const [input, setInput] = useState<Input>(() => initial(party));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const summary = useRef<HTMLDivElement>(null);
  const set = <K extends keyof Input>(key: K, value: Input[K]) => setInput((i) => ({ ...i, [key]: value }));
  const save = useMutation({
    mutationFn: () => (creating ? partiesApi.create(body(input, true)) : partiesApi.update(party.id, body(input, false))),
    onSuccess: async (saved) => {
      await refreshParties(qc);
      onSaved(saved);
    },
    onError: (e) => {
      if (e instanceof ApiRequestError && e.issues.length) {
        setIssues(e.issues.map((i) => ({ ...i, field: i.field ? `party.${i.field}` : 'party' })));
        requestAnimationFrame(() => summary.current?.focus());
      }
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = (creating ? PartyCreate : PartyPatch).safeParse(body(input, creating));
    const local = parsed.success ? [] : localIssues(parsed.error.issues, ['party']);
    setIssues(local);
    if (local.length) requestAnimationFrame(() => summary.current?.focus());
    else save.mutate();
  };
  const labelOf = (field: string) => {
    const f = field.replace(/^party\.?/, '');
    if (f === 'nameFr' || f === 'nameAr') return t(`parties.form.${f}`);
    return fieldLabel(translate(t), f);
  };
  const errorOf = (f: string) => onePerField(issues).find((i) => i.field === `party.${f}`);
  const control = (f: string) => ({ id: fieldId(`party.${f}`), 'aria-invalid': errorOf(f) ? true : undefined });
  const failure = save.isError && !(save.error instanceof ApiRequestError && save.error.issues.length) ? partyErrorText(t, save.error) : null;
  const text = (f: 'name' | 'nameFr' | 'nameAr' | 'shortName' | 'activeFrom' | 'activeTo', label: string, extra: { lang?: string; hint?: string; max?: number } = {}) => (
    <div className="field">
      <label htmlFor={fieldId(`party.${f}`)}>{label}</label>
      <input type="text" dir={extra.lang === 'ar' ? 'rtl' : 'auto'} lang={extra.lang} maxLength={extra.max ?? 200} autoComplete="off" spellCheck={false}
        value={input[f]} onChange={(e) => set(f, e.target.value)} {...control(f)} aria-describedby={extra.hint ? `${fieldId(`party.${f}`)}-hint` : undefined} />
      {extra.hint && <p className="hint" id={`${fieldId(`party.${f}`)}-hint`}>{extra.hint}</p>}
    </div>
  );

  return (
    <form className="panel party-form" onSubmit={submit} noValidate aria-labelledby="party-form-title" data-testid="party-form">
      <h2 id="party-form-title">{creating ? t('parties.create.title') : t('parties.edit.title')}</h2>
      <ErrorSummary issues={onePerField(issues)} ref={summary} title={t('parties.form.problems')} labelOf={labelOf} />
      {failure && <p className="alert error" role="alert">{failure}</p>}
      <div className="grid">
        {text('name', t('parties.form.name'))}
        <div className="field">
          <label htmlFor={fieldId('party.language')}>{t('parties.form.language')}</label>
          <select value={input.language} onChange={(e) => set('language', e.target.value)} {...control('language')}>
            <option value="">{t('parties.languages.none')}</option>
            {NAME_LANGUAGES.map((l) => <option key={l} value={l}>{t(`parties.languages.${l}`)}</option>)}
          </select>
        </div>
        {creating && text('nameFr', t('parties.form.nameFr'), { lang: 'fr' })}
        {creating && text('nameAr', t('parties.form.nameAr'), { lang: 'ar' })}
        {text('shortName', t('parties.form.shortName'), { max: 60 })}
        <div className="field">
          <label htmlFor={fieldId('party.category')}>{t('parties.form.category')}</label>
          <select value={input.category} onChange={(e) => set('category', e.target.value as PartyCategory)} {...control('category')}>
            {PARTY_CATEGORIES.map((c) => <option key={c} value={c}>{categoryLabel(t, c)}</option>)}
          </select>
        </div>
        <CountriesField id={fieldId('party.countries')} label={t('parties.form.countries')} value={input.countries} onChange={(c) => set('countries', c)} />
        <PartyPicker id={fieldId('party.parentId')} label={t('parties.form.parent')} value={input.parent} onChange={(c) => set('parent', c)}
          excludeIds={party ? [party.id] : []} hint={t('parties.form.parentHint')} />
        {text('activeFrom', t('parties.form.activeFrom'), { hint: t('parties.form.dateHint'), max: 10 })}
        {text('activeTo', t('parties.form.activeTo'), { hint: t('parties.form.dateHint'), max: 10 })}
      </div>
      <div className="field">
        <label htmlFor={fieldId('party.note')}>{t('parties.form.note')}</label>
        <textarea rows={3} maxLength={1000} dir="auto" value={input.note} onChange={(e) => set('note', e.target.value)} {...control('note')} />
      </div>
      <div className="row-actions">
        <button type="submit" disabled={save.isPending} data-testid="party-save">{save.isPending ? t('parties.form.saving') : creating ? t('parties.create.submit') : t('parties.edit.submit')}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('parties.cancel')}</button>
      </div>
    </form>
  );
}
