// Why: a party's names grouped by language (the reader's first), each with its kind (name, short name,
// alias), where it comes from and whether it is the reference layer's or the organisation's own; adding a
// name or alias, and removing the organisation's own. On a reference party the organisation adds aliases.
import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PARTY_NAME_KINDS, type PartyDetail, type PartyName, type PartyNameKind } from '../../../src/shared/parties.ts';
import { partiesApi, partyErrorText, refreshParties, sourceLabel } from '../parties.ts';
import { NAME_LANGUAGES } from './PartyProposeForm.tsx';

type NameLanguage = (typeof NAME_LANGUAGES)[number];
const isNamed = (l: string): l is NameLanguage => NAME_LANGUAGES.some((x) => x === l);
const languageOf = (t: TFunction, l: string | null): string => (l === null ? t('parties.languages.none') : isNamed(l) ? t(`parties.languages.${l}`) : l);

export function PartyNames({ party, editable }: { party: PartyDetail; editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const groups = new Map<string, PartyName[]>();
  for (const n of party.names) groups.set(n.language ?? '', [...(groups.get(n.language ?? '') ?? []), n]);
  const [name, setName] = useState('');
  const [language, setLanguage] = useState('');
  const [kind, setKind] = useState<PartyNameKind>('alias');
  const own = party.scope === 'own';
  const add = useMutation({
    mutationFn: () => partiesApi.addName(party.id, { name, language: language || null, kind }),
    onSuccess: async () => { setName(''); await refreshParties(qc); },
  });
  const remove = useMutation({ mutationFn: (nameId: string) => partiesApi.removeName(party.id, nameId), onSuccess: () => refreshParties(qc) });

  return (
    <section className="panel" aria-labelledby={`${id}-t`} data-testid="party-names">
      <h2 id={`${id}-t`}>{t('parties.names.title')}</h2>
      {party.names.length === 0 && <p className="muted">{t('parties.names.none')}</p>}
      {[...groups].map(([lang, names]) => (
        <div key={lang || 'none'} className="name-group">
          <h3>{languageOf(t, lang || null)}</h3>
          <ul className="plain name-list">
            {names.map((n) => (
              <li key={n.id} data-testid="party-name">
                <bdi lang={n.language ?? undefined} dir="auto">{n.name}</bdi>{' '}
                <span className="muted">{t(`parties.kinds.${n.kind}`)} · {sourceLabel(t, n.source)}</span>
                {editable && n.scope === 'own' && (
                  <button type="button" className="link-button" onClick={() => remove.mutate(n.id)} disabled={remove.isPending}
                    aria-label={t('parties.names.removeLabel', { name: n.name })}>{t('parties.remove')}</button>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {remove.isError && <p className="alert error" role="alert">{partyErrorText(t, remove.error)}</p>}
      {editable && (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); add.mutate(); }} noValidate aria-label={t('parties.names.add')}>
          {!own && <p className="hint">{t('parties.names.referenceHint')}</p>}
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('parties.form.name')}</label>
            <input id={`${id}-name`} type="text" dir="auto" maxLength={200} autoComplete="off" spellCheck={false} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-lang`}>{t('parties.form.language')}</label>
            <select id={`${id}-lang`} value={language} onChange={(e) => setLanguage(e.target.value)}>
              <option value="">{t('parties.languages.none')}</option>
              {NAME_LANGUAGES.map((l) => <option key={l} value={l}>{t(`parties.languages.${l}`)}</option>)}
            </select>
          </div>
          {own && (
            <div className="field">
              <label htmlFor={`${id}-kind`}>{t('parties.names.kind')}</label>
              <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as PartyNameKind)}>
                {PARTY_NAME_KINDS.map((k) => <option key={k} value={k}>{t(`parties.kinds.${k}`)}</option>)}
              </select>
            </div>
          )}
          <button type="submit" disabled={add.isPending || name.trim() === ''} data-testid="name-add">{t('parties.names.add')}</button>
          {add.isError && <p className="alert error" role="alert">{partyErrorText(t, add.error)}</p>}
        </form>
      )}
    </section>
  );
}
