// Why: a party's listing in the Secretary-General's annual reports on conflict-related sexual violence, year
// by year, each entry with the report's symbol and paragraph. Salama records what the reports say and never
// decides a listing: the page says so. Coordinators add, correct and remove entries.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LISTING_STATUSES, ListingInput, ListingPatch, type ListingEntry, type ListingHistory } from '../../../src/shared/compliance.ts';
import { commitmentErrorText, commitmentKeys, commitmentsApi, listingLabel } from '../commitments.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { useCheckedForm } from './formIssues.tsx';

export function PartyListing({ partyId, canManage }: { partyId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const listing = useQuery({ queryKey: commitmentKeys.listing(partyId), queryFn: () => commitmentsApi.listing(partyId) });
  const [editing, setEditing] = useState<string | null>(null);
  // A new round of the form after each save: empty fields again.
  const [round, setRound] = useState(0);
  // What was just done, worded at each render (so in the language chosen since).
  const [done, setDone] = useState<'added' | 'saved' | 'removed' | null>(null);
  const saved = (h: ListingHistory, said: 'added' | 'saved' | 'removed') => { qc.setQueryData(commitmentKeys.listing(partyId), h); setEditing(null); setRound((r) => r + 1); setDone(said); };
  const remove = useMutation({ mutationFn: (entryId: string) => commitmentsApi.removeListing(partyId, entryId), onSuccess: (h) => saved(h, 'removed') });
  return (
    <section className="panel party-listing" aria-labelledby="party-listing-title" data-testid="party-listing">
      <h2 id="party-listing-title">{t('commitments.listing.title')}</h2>
      <p className="note">{t('commitments.listing.recordedNotDecided')}</p>
      <p role="status" className="list-status">{done && t(`commitments.listing.${done}`)}</p>
      {listing.isError && <ApiErrorMessage error={listing.error} onRetry={() => void listing.refetch()} />}
      {remove.isError && <p className="alert error" role="alert">{commitmentErrorText(t, remove.error)}</p>}
      {listing.data && (listing.data.items.length === 0 ? <p className="muted">{t('commitments.listing.none')}</p> : (
        <div className="table-wrap">
          <table data-testid="listing-table">
            <thead><tr><th scope="col">{t('commitments.listing.year')}</th><th scope="col">{t('commitments.listing.status')}</th><th scope="col">{t('commitments.listing.citation')}</th>{canManage && <th scope="col"><span className="visually-hidden">{t('commitments.listing.actions')}</span></th>}</tr></thead>
            <tbody>
              {listing.data.items.map((e) => (
                <tr key={e.id} data-testid={`listing-${e.reportYear}`}>
                  <th scope="row">{e.reportYear}</th>
                  <td><span className={`badge listing-${e.listing}`}>{listingLabel(t, e.listing)}</span></td>
                  <td><bdi dir="ltr">{e.reportSymbol}</bdi>{e.paragraph && <>, <bdi>{e.paragraph}</bdi></>}{e.note && <p className="hint" dir="auto">{e.note}</p>}</td>
                  {canManage && (
                    <td className="row-actions">
                      <button type="button" className="secondary" onClick={() => setEditing(e.id)} aria-label={t('commitments.listing.editYear', { year: e.reportYear })}>{t('commitments.listing.edit')}</button>
                      <button type="button" className="danger" onClick={() => remove.mutate(e.id)} aria-label={t('commitments.listing.removeYear', { year: e.reportYear })}>{t('commitments.listing.remove')}</button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {canManage && editing && listing.data?.items.some((e) => e.id === editing) && (
        <ListingForm partyId={partyId} entry={listing.data.items.find((e) => e.id === editing)} onSaved={(h) => saved(h, 'saved')} onCancel={() => setEditing(null)} />
      )}
      {canManage && !editing && (
        <details className="sub-panel" data-testid="listing-add">
          <summary>{t('commitments.listing.add')}</summary>
          <ListingForm key={round} partyId={partyId} onSaved={(h) => saved(h, 'added')} />
        </details>
      )}
    </section>
  );
}

function ListingForm({ partyId, entry, onSaved, onCancel }: { partyId: string; entry?: ListingEntry; onSaved: (h: ListingHistory) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    reportYear: entry ? String(entry.reportYear) : '', listing: entry?.listing ?? '', reportSymbol: entry?.reportSymbol ?? '', paragraph: entry?.paragraph ?? '', note: entry?.note ?? '',
  });
  const value = { reportYear: v.reportYear || undefined, listing: v.listing || undefined, reportSymbol: v.reportSymbol, paragraph: v.paragraph || null, note: v.note || null };
  const form = useCheckedForm({
    prefix: entry ? `listing-${entry.id}` : 'listing-new', schema: entry ? ListingPatch : ListingInput, value,
    send: (body: ListingInput | ListingPatch) => (entry ? commitmentsApi.updateListing(partyId, entry.id, body) : commitmentsApi.addListing(partyId, body as ListingInput)),
    onSaved,
  });
  const set = (patch: Partial<typeof v>) => setV((x) => ({ ...x, ...patch }));
  return (
    <form className="listing-form" onSubmit={form.submit} noValidate>
      {form.summary}
      {form.failed}
      <div className="grid">
        <div className="field">
          <label htmlFor={form.id('reportYear')}>{t('commitments.listing.year')}</label>
          <input type="number" inputMode="numeric" min={2000} max={2100} value={v.reportYear} onChange={(e) => set({ reportYear: e.target.value })} {...form.props('reportYear')} />
          {form.message('reportYear')}
        </div>
        <div className="field">
          <label htmlFor={form.id('listing')}>{t('commitments.listing.status')}</label>
          <select value={v.listing} onChange={(e) => set({ listing: e.target.value })} {...form.props('listing')}>
            <option value="">{t('commitments.form.choose')}</option>
            {LISTING_STATUSES.map((s) => <option key={s} value={s}>{listingLabel(t, s)}</option>)}
          </select>
          {form.message('listing')}
        </div>
        <div className="field">
          <label htmlFor={form.id('reportSymbol')}>{t('commitments.listing.symbol')}</label>
          <input type="text" dir="ltr" maxLength={60} placeholder="S/2024/292" value={v.reportSymbol} onChange={(e) => set({ reportSymbol: e.target.value })} {...form.props('reportSymbol')} />
          {form.message('reportSymbol')}
        </div>
        <div className="field">
          <label htmlFor={form.id('paragraph')}>{t('commitments.listing.paragraph')} <span className="muted">({t('commitments.form.optional')})</span></label>
          <input type="text" dir="auto" maxLength={200} value={v.paragraph} onChange={(e) => set({ paragraph: e.target.value })} {...form.props('paragraph')} />
          {form.message('paragraph')}
        </div>
      </div>
      <div className="field">
        <label htmlFor={form.id('note')}>{t('commitments.listing.note')} <span className="muted">({t('commitments.form.optional')})</span></label>
        <input type="text" dir="auto" maxLength={1000} value={v.note} onChange={(e) => set({ note: e.target.value })} {...form.props('note')} />
        {form.message('note')}
      </div>
      <div className="row-actions">
        <button type="submit" disabled={form.pending}>{entry ? t('commitments.form.save') : t('commitments.listing.record')}</button>
        {onCancel && <button type="button" className="secondary" onClick={onCancel}>{t('commitments.form.cancel')}</button>}
      </div>
    </form>
  );
}
