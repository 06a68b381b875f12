// Why: a party's historical prevalence of sexual violence in the public-source reference datasets, beside the
// mission's own figures on its page: per year, the highest level over the three sources and each source (US
// State Department, Amnesty International, Human Rights Watch), against children, the forms reported (SVAC),
// and each form's levels (RSVAC), with the actors linked and the citation of the version shown. Never added
// to the mission's counts, and said so.
import type { ReactNode } from 'react';
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

interface DatasetTableProps {
  dataset: 'svac' | 'rsvac';
  part: { version: { label: string; citation: string }; actors: Linked };
  caption: string;
  /** Header cells before and after the highest level and the three sources. */
  before: ReactNode;
  after?: ReactNode;
  children: ReactNode;
}

/** One dataset's block: its name, the actors linked, the table (scrollable by keyboard), the version's citation. */
function DatasetTable({ dataset, part, caption, before, after, children }: DatasetTableProps) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t(`reference.datasets.${dataset}`)}</h3>
      <Actors actors={part.actors} />
      <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <table className="prevalence-table" data-testid={`${dataset}-table`}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {before}
              <th scope="col">{t('reference.col.max')}</th>
              {PREVALENCE_SOURCES.map((s) => <th key={s} scope="col"><abbr title={t(`reference.sources.${s}`)}>{t(`reference.sourcesShort.${s}`)}</abbr></th>)}
              {after}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
      <p className="reference-citation" data-testid="reference-citation"><span lang="en" dir="ltr">{dataset.toUpperCase()} {part.version.label}: {part.version.citation}</span></p>
    </>
  );
}

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
        <DatasetTable dataset="svac" part={svac} caption={t('reference.party.svacCaption')} before={<th scope="col">{t('reference.col.year')}</th>}
          after={<><th scope="col">{t('reference.col.child')}</th><th scope="col">{t('reference.col.forms')}</th></>}>
          {svac.years.map((y) => (
            <tr key={y.year}>
              <th scope="row" dir="ltr">{y.year}</th>
              <PrevalenceCell level={y.max} strong />
              {PREVALENCE_SOURCES.map((s) => <PrevalenceCell key={s} level={y[s]} />)}
              <PrevalenceCell level={y.child} />
              <td>{y.forms === null ? <span className="muted">{t('reference.levels.noReport')}</span> : y.forms.map((f) => formWords(t, f)).join(t('reference.listSeparator'))}</td>
            </tr>
          ))}
        </DatasetTable>
      )}
      {rsvac && rsvac.years.length > 0 && (
        <DatasetTable dataset="rsvac" part={rsvac} caption={t('reference.party.rsvacCaption')}
          before={<><th scope="col">{t('reference.col.year')}</th><th scope="col">{t('reference.col.form')}</th></>}>
          {rsvac.years.flatMap((y) => y.forms.map((f, i) => (
            <tr key={`${y.year}-${f.form}`}>
              {i === 0 && <th scope="rowgroup" rowSpan={y.forms.length} dir="ltr">{y.year}</th>}
              <td>{formWords(t, f.form)}</td>
              <PrevalenceCell level={f.max} strong />
              {PREVALENCE_SOURCES.map((s) => <PrevalenceCell key={s} level={f[s]} />)}
            </tr>
          )))}
        </DatasetTable>
      )}
      <p className="hint">{t('reference.party.never')}</p>
    </section>
  );
}
