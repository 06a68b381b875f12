// Why: the one way to choose a party: a type-ahead over every name and alias of the registry, in every
// language (the server folds accents, case and word order), showing each party's category, countries,
// whether it is a reference or an own party and the alias that matched. For perpetrators it also offers the
// explicit "unknown" and "unidentified armed men", and proposing a new party (unconfirmed until a
// coordinator confirms it). An ARIA 1.2 combobox: arrows, Enter, Escape; the count is announced.
import { useEffect, useId, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PartySpecialChoice, PartySummary } from '../../../src/shared/parties.ts';
import { currentLanguage } from '../i18n/index.ts';
import { categoryLabel, countriesLabel, PARTIES_KEY, partiesApi, scopeLabel } from '../parties.ts';
import { choiceText, pickerOptions, type PartyChoice, type PickerOption } from '../partyPicker.ts';
import { PartyProposeForm } from './PartyProposeForm.tsx';
import { useDebounced } from '../debounce.ts';

export type { PartyChoice };

interface Props {
  id: string;
  label: string;
  value: PartyChoice | null;
  onChange: (choice: PartyChoice | null) => void;
  /** Offer "unknown" and "unidentified armed men" (a perpetrator's explicit choices). */
  specials?: boolean;
  /** Offer proposing a new party when nothing matches exactly. */
  propose?: boolean;
  excludeIds?: readonly string[];
  hint?: string;
  /** For the field's error, when the form shows one. */
  errorId?: string;
  /**
   * Keeps what is typed without choosing (a perpetrator's party named as written, linked later by the server
   * or a coordinator); `written` is that text, shown when nothing is chosen.
   */
  onText?: (text: string) => void;
  written?: string;
  /** The label for assistive technology only, where the surroundings say it (a row of the import's values). */
  labelHidden?: boolean;
}

export function PartyPicker({ id, label, value, onChange, specials = false, propose = false, excludeIds = [], hint, errorId, onText, written, labelHidden = false }: Props) {
  const { t } = useTranslation();
  const special = (s: PartySpecialChoice) => t(`parties.special.${s}`);
  const [text, setText] = useState(() => (value ? choiceText(value, special) : written ?? ''));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [proposing, setProposing] = useState<string | null>(null);
  const listId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const query = useDebounced(text.trim(), 200);
  const typing = text.trim() !== choiceText(value, special);
  const found = useQuery({
    queryKey: [...PARTIES_KEY, 'suggest', query, currentLanguage()],
    queryFn: () => partiesApi.suggest(query),
    enabled: open && query.length > 0 && typing,
    staleTime: 30_000,
  });
  const settledNow = query === text.trim();
  const options = pickerOptions(typing ? text : '', settledNow ? found.data?.items ?? [] : [], { specials, propose, excludeIds }, special);
  const shown = open && (options.length > 0 || (typing && text.trim() !== ''));

  // A value set from outside (a form loaded, a choice cleared) shows in the field; with none, what was written.
  useEffect(() => setText(value ? choiceText(value, (s) => t(`parties.special.${s}`)) : written ?? ''), [value, written, t]);
  // No option is active until the arrows reach one: Enter then belongs to the form (a typed name is kept as written).
  useEffect(() => setActive(-1), [options.length, query]);

  const choose = (o: PickerOption) => {
    if (o.kind === 'propose') {
      setProposing(o.name);
      setOpen(false);
      return;
    }
    const choice: PartyChoice = o.kind === 'party' ? { kind: 'party', party: o.party } : { kind: o.special };
    setText(choiceText(choice, special));
    setOpen(false);
    onChange(choice);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setOpen(true); setActive((a) => Math.min(a + 1, options.length - 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
    else if (e.key === 'Enter' && shown && options[active]) { e.preventDefault(); choose(options[active]); }
    else if (e.key === 'Escape' && open) { e.preventDefault(); setOpen(false); }
  };
  const optionId = (o: PickerOption) => `${listId}-${o.key}`;
  const loading = typing && text.trim() !== '' && (!settledNow || found.isFetching);
  const references = options.some((o) => o.kind === 'party' && o.party.scope === 'reference');

  return (
    <div className="field party-picker" data-testid={`picker-${id}`}>
      <label htmlFor={id} className={labelHidden ? 'visually-hidden' : undefined}>{label}</label>
      <div className="party-combo">
        <input
          id={id}
          ref={input}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={listId}
          aria-activedescendant={shown && options[active] ? optionId(options[active]) : undefined}
          aria-describedby={[hint ? hintId : undefined, errorId].filter(Boolean).join(' ') || undefined}
          aria-invalid={errorId ? true : undefined}
          dir="auto"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            if (onText) onText(e.target.value);
            else if (value && e.target.value === '') onChange(null);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
        />
        <div className="party-dropdown" hidden={!shown}>
          <ul id={listId} role="listbox" aria-label={label} className="party-options">
            {shown && options.map((o, i) => (
              <li key={o.key} id={optionId(o)} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined}
                onMouseDown={(e) => e.preventDefault()} onClick={() => choose(o)} data-testid={`option-${o.key}`}>
                {o.kind === 'special' && <span className="party-option-name">{o.label}</span>}
                {o.kind === 'propose' && <span className="party-option-name">{t('parties.picker.propose', { name: o.name })}</span>}
                {o.kind === 'party' && <PartyOption party={o.party} match={o.party.match.name} />}
              </li>
            ))}
          </ul>
          {shown && references && <p className="party-attribution">{t('parties.attribution.short')}</p>}
        </div>
      </div>
      {hint && <p className="hint" id={hintId}>{hint}</p>}
      <p className="visually-hidden" role="status">
        {shown && !loading ? t('parties.picker.count', { count: options.filter((o) => o.kind === 'party').length }) : ''}
      </p>
      {shown && loading && <p className="hint" aria-hidden="true">{t('app.loading')}</p>}
      {proposing !== null && (
        <PartyProposeForm
          initialName={proposing}
          onProposed={(party) => { setProposing(null); const choice: PartyChoice = { kind: 'party', party }; setText(party.name); onChange(choice); input.current?.focus(); }}
          onCancel={() => { setProposing(null); input.current?.focus(); }}
        />
      )}
    </div>
  );
}

function PartyOption({ party, match }: { party: PartySummary; match: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="party-option-name"><bdi>{party.name}</bdi>{party.shortName && <> (<bdi>{party.shortName}</bdi>)</>}</span>
      <span className="party-option-meta">
        {[categoryLabel(t, party.category), party.countries.length ? countriesLabel(t, party.countries) : null, scopeLabel(t, party)].filter(Boolean).join(' · ')}
        {party.status === 'unconfirmed' && <> <span className="badge party-unconfirmed">{t('parties.status.unconfirmed')}</span></>}
      </span>
      {match !== party.name && match !== party.shortName && <span className="party-option-match">{t('parties.picker.matches')} <bdi>{match}</bdi></span>}
    </>
  );
}
