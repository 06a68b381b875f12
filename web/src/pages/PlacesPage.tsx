// Why: the administrative areas the server knows, shared by every organisation on it: which countries have
// areas, how many, at which levels and from where; and, for coordinators, loading a list of areas with their
// P-codes (CSV) from the browser. Every signed-in member may look; only coordinators get the link and the form.
import { useId, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PlaceCountry } from '../../../src/shared/places.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { AreaListUpload } from '../components/AreaListUpload.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { countryName, list } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { placeCountriesQuery } from '../places.ts';
import { canLoadAreas, useMe } from '../session.tsx';
import '../places.css';

export function PlacesPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeading pageName={t('areas.title')}>{t('areas.title')}</PageHeading>
      <div className="places-page" data-testid="places-page">
        <p className="places-intro">{t('areas.intro')}</p>
        {canLoadAreas(me.user.role) ? <AreaListUpload /> : <p className="note" data-testid="role-note">{t('areas.notAllowed')}</p>}
        <PlaceCountries />
        <p className="hint places-credit">{t('areas.credit')}</p>
      </div>
    </>
  );
}

interface Row extends PlaceCountry { label: string }

function PlaceCountries() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const headingId = useId();
  const [filter, setFilter] = useState('');
  const countries = useQuery(placeCountriesQuery);
  const rows: Row[] = useMemo(
    () => (countries.data ?? []).map((c) => ({ ...c, label: countryName(t, c.country) })).sort((a, b) => a.label.localeCompare(b.label, lang)),
    [countries.data, t, lang],
  );
  const wanted = filter.trim().toLocaleLowerCase(lang);
  const shown = wanted ? rows.filter((r) => r.label.toLocaleLowerCase(lang).includes(wanted) || r.country.toLowerCase().includes(wanted)) : rows;
  const count = new Intl.NumberFormat(lang === 'ar' ? 'ar-u-nu-latn' : lang);

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="place-countries">
      <h2 id={headingId}>{t('areas.countries.title')}</h2>
      <p className="hint">{t('areas.countries.hint')}</p>
      <div className="field country-filter">
        <label htmlFor="country-filter">{t('areas.countries.filter')}</label>
        <input id="country-filter" type="search" dir="auto" autoComplete="off" value={filter} onChange={(e) => setFilter(e.target.value)} aria-describedby="country-filter-count" />
      </div>
      {countries.isPending && <p className="loading">{t('app.loading')}</p>}
      {countries.isError && <ApiErrorMessage error={countries.error} onRetry={() => void countries.refetch()} />}
      {countries.data && (
        <>
          <p id="country-filter-count" className="hint" role="status">
            {t('areas.countries.count', { shown: count.format(shown.length), total: count.format(rows.length) })}
          </p>
          <div className="table-wrap">
            <table className="country-table" aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">{t('areas.countries.col.country')}</th>
                  <th scope="col">{t('areas.countries.col.code')}</th>
                  <th scope="col" className="num">{t('areas.countries.col.areas')}</th>
                  <th scope="col">{t('areas.countries.col.levels')}</th>
                  <th scope="col">{t('areas.countries.col.sources')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((c) => (
                  <tr key={c.country} data-testid={`country-${c.country}`}>
                    <th scope="row">{c.label}</th>
                    <td><code dir="ltr">{c.country}</code></td>
                    <td className="num" data-testid={`areas-${c.country}`}>{count.format(c.areas)}</td>
                    <td>{list(c.levels.map((l) => count.format(l)), lang)}</td>
                    <td>{list(c.sources.map((s) => t(`areas.countries.sources.${s}`)), lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
