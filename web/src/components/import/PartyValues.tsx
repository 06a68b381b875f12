// Why: the values step for the perpetrator party columns. Each distinct value of each party column (searched
// and paged on the server), how many rows hold it, what the registry already makes of it (a party by one of
// its names or an alias, or the organisation's decision on that name) or else its closest party, and the
// form's own type-ahead (PartyPicker) to choose the party - or "unknown", "unidentified armed men" - a value
// stands for. The choices go into the mapping (kept on the server, checked before a run, applied by the job);
// a value left alone is linked by the registry when it can be, or kept as written for "Names to resolve".
import { useId, useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isPartyChoice } from '../../../../src/shared/import.ts';
import type { ImportPartyValues } from '../../../../src/shared/import.ts';
import { api } from '../../api.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { partyColumnsOf, withParty } from '../../importMapping.ts';
import type { MappingDraft } from '../../importMapping.ts';
import { countriesLabel, partiesApi, partyKey } from '../../parties.ts';
import type { PartyChoice } from '../../partyPicker.ts';
import { PartyPicker } from '../PartyPicker.tsx';
import { ImportError, useCount } from './ImportParts.tsx';
import { PAGE, useValuesPaging, ValuesPager, ValuesSearch } from './ValuesPaging.tsx';

type Item = ImportPartyValues['items'][number];

interface Props {
  importId: string;
  draft: MappingDraft;
  onChange: (next: MappingDraft) => void;
}

export function PartyValues({ importId, draft, onChange }: Props) {
  const { t } = useTranslation();
  const count = useCount();
  const columns = partyColumnsOf(draft);
  const chosen = Object.keys(draft.parties).length;
  return (
    <section className="section field-values" data-testid="values-perpetratorParty">
      <h3>{t('importFields.perpetratorParty')}</h3>
      <p className="hint">{t('import.parties.hint')}</p>
      <p className="value-summary" data-testid="values-perpetratorParty-summary">{t('import.parties.chosenCount', { n: count(chosen) })}</p>
      {columns.map((column, k) => (
        <PartyColumnValues key={column} importId={importId} column={column} idPrefix={k === 0 ? 'party-value' : `party-value-c${k}`} draft={draft} onChange={onChange} />
      ))}
    </section>
  );
}

interface ColumnProps extends Props { column: string; idPrefix: string }

function PartyColumnValues({ importId, column, idPrefix, draft, onChange }: ColumnProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const { typed, search, q, offset, setOffset } = useValuesPaging();
  const filters = draft.filters.filter((f) => f.values.length > 0);
  const page = useQuery({
    queryKey: ['import-party-values', importId, column, q, offset, JSON.stringify(filters), currentLanguage()],
    queryFn: () => api.importPartyValues(importId, column, { q, offset, limit: PAGE, filters }),
    placeholderData: keepPreviousData,
  });
  const total = page.data?.total ?? 0;
  return (
    <div className="column-values" aria-labelledby={titleId}>
      <h4 id={titleId} className="column-name">{t('import.values.fromColumn')} <bdi dir="auto">{column}</bdi></h4>
      {page.isError && <ImportError error={page.error} onRetry={() => void page.refetch()} />}
      {(total > PAGE || q !== '') && (
        <ValuesSearch id={`${titleId}-q`} column={column} value={typed} onSearch={search} testId="party-values-search" />
      )}
      {page.isPending && <p className="loading">{t('app.loading')}</p>}
      {page.data && page.data.items.length === 0 && q !== '' && <p className="empty">{t('import.paging.noMatch')}</p>}
      {page.data && page.data.items.length > 0 && (
        <ul className="party-values">
          {page.data.items.map((item, i) => (
            <PartyValueRow key={item.value} id={`${idPrefix}-${offset + i}`} item={item} draft={draft} onChange={onChange} />
          ))}
        </ul>
      )}
      <ValuesPager offset={offset} total={total} onOffset={setOffset} />
    </div>
  );
}

/** What a value will be linked to, in words: the user's choice (with its countries: names are shared), the registry's link, or kept as written. */
function outcome(t: TFunction, item: Item, target: string | undefined, chosen: { name?: string | undefined; countries?: readonly string[] | undefined }): string {
  if (target !== undefined && isPartyChoice(target)) return t('import.parties.chosen', { name: t(`parties.special.${target}`) });
  if (target !== undefined) {
    const name = chosen.name ?? t('app.loading');
    return chosen.countries?.length ? t('import.parties.chosenIn', { name, countries: countriesLabel(t, chosen.countries) }) : t('import.parties.chosen', { name });
  }
  const link = item.link;
  if (!link) return t('import.parties.kept');
  const linked = link.party?.name ?? (link.choice ? t(`parties.special.${link.choice}`) : '');
  return t(`import.parties.linked.${link.via}`, { name: linked });
}

function PartyValueRow({ id, item, draft, onChange }: { id: string; item: Item; draft: MappingDraft; onChange: (next: MappingDraft) => void }) {
  const { t } = useTranslation();
  const count = useCount();
  const target = draft.parties[item.value];
  const partyId = target !== undefined && !isPartyChoice(target) ? target : null;
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  // The chosen party as its page shows it (name in the reader's language, countries), read once; meanwhile the
  // name this page's answer or the picker gave.
  const known = [item.link?.party, item.candidate?.party, picked].find((p) => p && p.id === partyId)?.name;
  const read = useQuery({ queryKey: partyKey(partyId ?? ''), queryFn: () => partiesApi.get(partyId!), enabled: partyId !== null, staleTime: 60_000 });
  const name = read.data?.name ?? known;
  const value = useMemo<PartyChoice | null>(() => {
    if (target === undefined) return null;
    if (isPartyChoice(target)) return { kind: target };
    return { kind: 'party', party: { id: target, name: name ?? '' } };
  }, [target, name]);
  const choose = (choice: PartyChoice | null) => {
    if (choice?.kind === 'party') setPicked(choice.party);
    onChange(withParty(draft, item.value, choice === null ? undefined : choice.kind === 'party' ? choice.party.id : choice.kind));
  };
  const candidate = target === undefined && !item.link ? item.candidate : null;
  return (
    <li className={target !== undefined || item.link ? 'party-value linked' : 'party-value'} data-testid={id}>
      <div className="party-value-text">
        <bdi dir="auto" className="file-value">{item.value}</bdi>
        <span className="party-value-rows">{t('import.parties.rows', { rows: count(item.rows) })}</span>
      </div>
      <PartyPicker id={`${id}-party`} label={t('import.parties.pickerLabel', { value: item.value })} labelHidden value={value} onChange={choose} specials />
      <p className="result" data-testid={`${id}-result`}>{outcome(t, item, target, { name, countries: read.data?.countries })}</p>
      {candidate && (
        <p className="party-candidate">
          {t('import.parties.candidate', { name: candidate.party.name, score: Math.round(candidate.score * 100) })}{' '}
          <button type="button" className="secondary" onClick={() => choose({ kind: 'party', party: candidate.party })}>
            {t('import.parties.useCandidate')}<span className="visually-hidden"> {t('import.parties.useCandidateFor', { name: candidate.party.name, value: item.value })}</span>
          </button>
        </p>
      )}
    </li>
  );
}
