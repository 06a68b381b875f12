// Why: proposing a party nobody has yet, from wherever a party is chosen: its name (as typed), the language
// of that name, a category and countries. The party is the organisation's own and unconfirmed until a
// coordinator confirms it; a name that exists already (in any spelling) is refused with the party named.
// A group, not a form: the picker may sit inside another form (the incident form), and forms do not nest;
// Enter in its fields proposes instead of sending the outer form.
import { useId, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PARTY_CATEGORIES, type PartyCategory, type PartySummary } from '../../../src/shared/parties.ts';
import { currentLanguage } from '../i18n/index.ts';
import { categoryLabel, partiesApi, partyErrorText, refreshParties } from '../parties.ts';
import { CountriesField } from './CountriesField.tsx';

export const NAME_LANGUAGES = ['en', 'fr', 'ar', 'es', 'pt', 'sw'] as const;

interface Props { initialName: string; onProposed: (party: PartySummary) => void; onCancel: () => void }

export function PartyProposeForm({ initialName, onProposed, onCancel }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [name, setName] = useState(initialName);
  const [language, setLanguage] = useState<string>(currentLanguage());
  const [category, setCategory] = useState<PartyCategory>('unknown');
  const [countries, setCountries] = useState<string[]>([]);
  const propose = useMutation({
    mutationFn: () => partiesApi.propose({ name, language: language || null, category, countries }),
    onSuccess: async (party) => {
      await refreshParties(qc);
      onProposed(party);
    },
  });
  const onEnter = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || (e.target as HTMLElement).tagName === 'BUTTON') return;
    e.preventDefault();
    propose.mutate();
  };
  return (
    <div role="group" className="sub-panel party-propose" onKeyDown={onEnter} aria-labelledby={`${id}-title`} data-testid="party-propose">
      <h3 id={`${id}-title`}>{t('parties.propose.title')}</h3>
      <p className="hint">{t('parties.propose.hint')}</p>
      {propose.isError && <p className="alert error" role="alert">{partyErrorText(t, propose.error)}</p>}
      <div className="grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('parties.form.name')}</label>
          <input id={`${id}-name`} type="text" dir="auto" maxLength={200} autoComplete="off" spellCheck={false} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-language`}>{t('parties.form.language')}</label>
          <select id={`${id}-language`} value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="">{t('parties.languages.none')}</option>
            {NAME_LANGUAGES.map((l) => <option key={l} value={l}>{t(`parties.languages.${l}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-category`}>{t('parties.form.category')}</label>
          <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value as PartyCategory)}>
            {PARTY_CATEGORIES.map((c) => <option key={c} value={c}>{categoryLabel(t, c)}</option>)}
          </select>
        </div>
        <CountriesField id={`${id}-countries`} label={t('parties.form.countries')} value={countries} onChange={setCountries} />
      </div>
      <div className="row-actions">
        <button type="button" onClick={() => propose.mutate()} disabled={propose.isPending} data-testid="propose-submit">{propose.isPending ? t('parties.propose.pending') : t('parties.propose.submit')}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('parties.cancel')}</button>
      </div>
    </div>
  );
}
