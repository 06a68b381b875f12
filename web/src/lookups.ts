// Why: an organisation's own values of the extensible lists (setting, source type, service: "x_" codes with
// labels in English, French and Arabic), loaded once and cached, and what screens need from them: the label
// of a code in the reader's language, and the values a select offers (the active ones, plus a retired one the
// record already has, which stays on that record).
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ORG_CODE } from '../../src/shared/lookup.ts';
import type { ExtensibleList, Lookup } from '../../src/shared/lookup.ts';
import { api } from './api.ts';
import { serviceLabel, settingLabel, sourceTypeLabel } from './format.ts';
import type { OwnLabel } from './format.ts';
import { currentLanguage } from './i18n/index.ts';
import type { Language } from './i18n/index.ts';

export const LOOKUPS_KEY = ['lookups'] as const;

/** Every member may read them; they change rarely, and a coordinator's change refreshes them at once. */
export function useLookups() {
  return useQuery({ queryKey: LOOKUPS_KEY, queryFn: api.listLookups, staleTime: 5 * 60_000, select: (d) => d.items });
}

/** A value's label in the language, else in English (always present), else its code. */
export const lookupLabel = (l: Pick<Lookup, 'code' | 'labels'>, lang: Language): string => l.labels[lang] || l.labels.en || l.code;

/** The label of one of the organisation's codes of a list (undefined while the values load, or for a code it does not have). */
export function ownLabel(items: readonly Lookup[] | undefined, list: ExtensibleList, lang: Language): OwnLabel {
  return (code) => {
    const found = items?.find((l) => l.list === list && l.code === code);
    return found ? lookupLabel(found, lang) : undefined;
  };
}

export interface ListLabels {
  setting: (code: string) => string;
  sourceType: (code: string) => string;
  service: (code: string) => string;
}

/** Labels of core and organisation codes of the extensible lists, in the reader's language. */
export function useListLabels(): ListLabels {
  const { t } = useTranslation();
  const items = useLookups().data;
  const lang = currentLanguage();
  return {
    setting: (c) => settingLabel(t, c, ownLabel(items, 'setting', lang)),
    sourceType: (c) => sourceTypeLabel(t, c, ownLabel(items, 'sourceType', lang)),
    service: (c) => serviceLabel(t, c, ownLabel(items, 'service', lang)),
  };
}

export interface Choice { value: string; label: string }

/**
 * The organisation's values a select offers for a list: the active ones, then the current value when it is
 * an organisation code that is not among them: retired (marked, still selectable for the record that has it),
 * or shown as its code while the values load.
 */
export function ownChoices(t: TFunction, items: readonly Lookup[] | undefined, list: ExtensibleList, current: string, lang: Language): Choice[] {
  const active = (items ?? []).filter((l) => l.list === list && l.active).map((l) => ({ value: l.code, label: lookupLabel(l, lang) }));
  if (!ORG_CODE.test(current) || active.some((c) => c.value === current)) return active;
  const kept = items?.find((l) => l.list === list && l.code === current);
  return [...active, { value: current, label: kept ? t('lookups.retiredChoice', { label: lookupLabel(kept, lang) }) : current }];
}
