// Why: the credit owed wherever reference parties appear: the datasets they come from (UCDP/PRIO, SVAC)
// and Salama's own names of state forces, with the citation each asks for.
import { useTranslation } from 'react-i18next';
import { PARTY_SOURCES, type PartySource } from '../../../src/shared/parties.ts';

export function PartyAttribution({ sources }: { sources: readonly PartySource[] }) {
  const { t } = useTranslation();
  const cited = sources.filter((s) => s !== 'organisation');
  if (cited.length === 0) return null;
  return (
    <section className="party-attribution-block" aria-labelledby="party-sources" data-testid="party-attribution">
      <h2 id="party-sources">{t('parties.attribution.title')}</h2>
      <ul>
        {cited.map((s) => (
          <li key={s}><strong lang="en">{PARTY_SOURCES[s].title}</strong>{PARTY_SOURCES[s].citation && <>: <span lang="en">{PARTY_SOURCES[s].citation}</span></>}</li>
        ))}
      </ul>
      <p className="hint">{t('parties.attribution.note')}</p>
    </section>
  );
}
