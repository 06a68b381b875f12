// Why: a party's historical prevalence of sexual violence in the public-source reference datasets, beside the
// mission's own figures on its page: per year, the highest level over the three sources and each source (US
// State Department, Amnesty International, Human Rights Watch), against children, the forms reported (SVAC),
// and each form's levels (RSVAC), with the actors linked and the citation of the version shown. Never added
// to the mission's counts, and said so.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PartyPrevalence as Answer } from '../../../src/shared/reference.ts';
import { PREVALENCE_SOURCES } from '../../../src/shared/reference.ts';
import { formWords, referenceApi, referenceKeys } from '../reference.ts';
import { canManageParties, useMe } from '../session.tsx';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { PrevalenceCell } from './PrevalenceCell.tsx';
import '../reference.css';

type Linked = NonNullable<Answer['svac']>['actors'];

function Actors({ actors }: { actors: Linked }) {
  const { t } = useTranslation();
  return (
    <p className="hint">
      {t('reference.party.actors')}{' '}
      {actors.map((a, i) => <span key={a.key}>{i > 0 && ' · '}<bdi>{a.name}</bdi> ({t(`reference.via.${a.via}`)}{a.ucdpActorId && <>, <bdi dir="ltr">UCDP {a.ucdpActorId}</bdi></>})</span>)}
    </p>
  );
}

const Citation = ({ label, citation }: { label: string; citation: string }) => <p className="reference-citation" data-testid="reference-citation"><span lang="en" dir="ltr">{label}: {citation}</span></p>;

export function PartyPrevalence({ partyId }: { partyId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const answer = useQuery({ queryKey: referenceKeys.party(partyId), queryFn: () => referenceApi.party(partyId) });
  const svac = answer.data?.svac;
  const rsvac = answer.data?.rsvac;
  const none = answer.data && !svac?.years.length && !rsvac?.years.length;
  return (
    <section className="panel party-prevalence" aria-labelledby="party-prevalence-title" data-testid="party-prevalence">
      <h2 id="party-prevalence-title">{t('reference.party.title')}</h2>
      <p className="hint">{t('reference.party.intro')}</p>
      {answer.isError && <ApiErrorMessage error={answer.error} onRetry={() => void answer.refetch()} />}
      {none && (
        <p className="muted" data-testid="prevalence-none">
          {t('reference.party.none')}{' '}
          {canManageParties(me.user.role) && <Link to="/reference/matching">{t('reference.party.match')}</Link>}
        </p>
      )}
      {svac && svac.years.length > 0 && (
        <>
          <h3>{t('reference.datasets.svac')}</h3>
          <Actors actors={svac.actors} />
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('reference.party.svacCaption')}>
            <table className="prevalence-table" data-testid="svac-table">
              <caption className="visually-hidden">{t('reference.party.svacCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reference.col.year')}</th>
                  <th scope="col">{t('reference.col.max')}</th>
                  {PREVALENCE_SOURCES.map((s) => <th key={s} scope="col"><abbr title={t(`reference.sources.${s}`)}>{t(`reference.sourcesShort.${s}`)}</abbr></th>)}
                  <th scope="col">{t('reference.col.child')}</th>
                  <th scope="col">{t('reference.col.forms')}</th>
                </tr>
              </thead>
              <tbody>
                {svac.years.map((y) => (
                  <tr key={y.year}>
                    <th scope="row" dir="ltr">{y.year}</th>
                    <PrevalenceCell level={y.max} strong />
                    {PREVALENCE_SOURCES.map((s) => <PrevalenceCell key={s} level={y[s]} />)}
                    <PrevalenceCell level={y.child} />
                    <td>{y.forms === null ? <span className="muted">{t('reference.levels.noReport')}</span> : y.forms.map((f) => formWords(t, f)).join(t('reference.listSeparator'))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Citation label={`SVAC ${svac.version.label}`} citation={svac.version.citation} />
        </>
      )}
      {rsvac && rsvac.years.length > 0 && (
        <>
          <h3>{t('reference.datasets.rsvac')}</h3>
          <Actors actors={rsvac.actors} />
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('reference.party.rsvacCaption')}>
            <table className="prevalence-table" data-testid="rsvac-table">
              <caption className="visually-hidden">{t('reference.party.rsvacCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reference.col.year')}</th>
                  <th scope="col">{t('reference.col.form')}</th>
                  <th scope="col">{t('reference.col.max')}</th>
                  {PREVALENCE_SOURCES.map((s) => <th key={s} scope="col"><abbr title={t(`reference.sources.${s}`)}>{t(`reference.sourcesShort.${s}`)}</abbr></th>)}
                </tr>
              </thead>
              <tbody>
                {rsvac.years.flatMap((y) => y.forms.map((f, i) => (
                  <tr key={`${y.year}-${f.form}`}>
                    {i === 0 && <th scope="rowgroup" rowSpan={y.forms.length} dir="ltr">{y.year}</th>}
                    <td>{formWords(t, f.form)}</td>
                    <PrevalenceCell level={f.max} strong />
                    {PREVALENCE_SOURCES.map((s) => <PrevalenceCell key={s} level={f[s]} />)}
                  </tr>
                )))}
              </tbody>
            </table>
          </div>
          <Citation label={`RSVAC ${rsvac.version.label}`} citation={rsvac.version.citation} />
        </>
      )}
      <p className="hint">{t('reference.party.never')}</p>
    </section>
  );
}
