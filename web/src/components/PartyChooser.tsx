// Why: choosing the parties a commitment binds from the registry: type a few letters of any name in any
// language (the registry's type-ahead), pick from the suggestions, remove a choice. The parties' names are
// shown in the reader's language, the match beside them when it was another name.
import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PartyRef } from '../../../src/shared/parties.ts';
import { commitmentsApi } from '../commitments.ts';

interface Props {
  /** The control's id (its label points to it) and its aria attributes. */
  control: { id: string; 'aria-invalid'?: boolean | undefined; 'aria-describedby'?: string | undefined };
  label: string;
  value: readonly Pick<PartyRef, 'id' | 'name'>[];
  onChange: (value: Pick<PartyRef, 'id' | 'name'>[]) => void;
}

export function PartyChooser({ control, label, value, onChange }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const listId = useId();
  const typed = q.trim();
  const found = useQuery({ queryKey: ['parties', 'suggest', typed], queryFn: () => commitmentsApi.suggestParties(typed), enabled: typed.length >= 2, staleTime: 60_000 });
  const offered = (found.data?.items ?? []).filter((p) => !value.some((v) => v.id === p.id));
  return (
    <div className="party-chooser" data-testid="party-chooser">
      <ul className="chosen-parties" aria-label={label}>
        {value.map((p) => (
          <li key={p.id}>
            <bdi>{p.name}</bdi>{' '}
            <button type="button" className="link-button" onClick={() => onChange(value.filter((v) => v.id !== p.id))} aria-label={t('commitments.form.removeParty', { name: p.name })}>
              {t('commitments.form.remove')}
            </button>
          </li>
        ))}
      </ul>
      <input type="search" autoComplete="off" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('commitments.form.partySearch')} aria-controls={listId} {...control} />
      <div id={listId} aria-live="polite">
        {typed.length >= 2 && found.isSuccess && offered.length === 0 && <p className="hint">{t('commitments.form.noParty')}</p>}
        {offered.length > 0 && (
          <ul className="party-suggestions">
            {offered.map((p) => (
              <li key={p.id}>
                <button type="button" className="secondary" onClick={() => { onChange([...value, { id: p.id, name: p.name }]); setQ(''); }} data-testid="party-suggestion">
                  <bdi>{p.name}</bdi>{p.shortName && <span className="muted"> ({p.shortName})</span>}
                  {p.match.name !== p.name && p.match.name !== p.shortName && <span className="muted"> – <bdi>{p.match.name}</bdi></span>}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
