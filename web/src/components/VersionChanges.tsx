// Why: what one version changed, field by field, old -> new, worded like the rest of the record: field labels
// and coded values in the reader's language (never raw codes or ids). Identifying fields the reader may not
// see come as "sealed field changed", without values (the server never sends them).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FieldChange, IncidentVersion, Perpetrator, Referral, Source, Survivor, VictimTally } from '../../../src/shared/incident.ts';
import type { ConsentScope, DISPLACEMENT_STAGES, DISPLAY_LEVELS, NotVerifiedReason, SvForm, TIMES_OF_DAY, VerificationStandard, VerificationStatus } from '../../../src/shared/taxonomy.ts';
import { tallyTotal } from '../../../src/shared/incident.ts';
import { VICTIM_CATEGORIES } from '../../../src/shared/taxonomy.ts';
import { sourceLine } from '../decision.ts';
import { labelFor } from '../formLabels.ts';
import {
  consentLabel, countryName, displacementLabel, formLabel, list, perpetratorCategoryLabel, precisionLabel, reasonLabel, referralStatusLabel, statusLabel,
  timeOfDayLabel, victimLabel,
} from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { useListLabels } from '../lookups.ts';
import { personName, useMembers } from '../members.ts';
import { useAreaNames } from '../places.ts';
import { useMe } from '../session.tsx';

const EXTRA_LABELS = {
  'place.displayLevel': 'verify.history.fields.displayLevel', victimCountUnknown: 'verify.history.fields.victimCountUnknown',
  'verification.standard': 'verify.history.fields.standard', 'verification.reliedOnSources': 'verify.history.fields.reliedOnSources',
  'verification.note': 'verify.history.fields.note', 'verification.selfDecisionJustification': 'verify.history.fields.selfDecisionJustification',
} as const;

function changeLabel(t: TFunction, field: string): string {
  if (Object.hasOwn(EXTRA_LABELS, field)) return t(EXTRA_LABELS[field as keyof typeof EXTRA_LABELS]);
  return labelFor(t, field);
}

export function VersionChanges({ v }: { v: IncidentVersion }) {
  const { t } = useTranslation();
  const format = useValueFormat(v.snapshot.place.country);
  if (v.changes.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="version-changes" data-testid="version-changes">
        <caption>{t('verify.history.changes')}</caption>
        <thead>
          <tr><th scope="col">{t('verify.history.field')}</th><th scope="col">{t('verify.history.before')}</th><th scope="col">{t('verify.history.after')}</th></tr>
        </thead>
        <tbody>
          {v.changes.map((c) => (
            <tr key={c.field} data-testid={`change-${c.field}`}>
              <th scope="row">{c.kind === 'sealed' && c.field === 'place.locality' ? t('verify.history.fields.placeIdentifying') : changeLabel(t, c.field)}</th>
              {c.kind === 'sealed'
                ? <td colSpan={2} className="sealed"><span title={t('verify.history.sealedHint')}>{t('verify.history.sealed')}</span></td>
                : <><td>{format(c.field, c.from)}</td><td>{format(c.field, c.to)}</td></>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Value = Extract<FieldChange, { kind: 'value' }>['from'];

/** A function wording any changed value by its field, in the reader's language. */
function useValueFormat(country: string): (field: string, value: Value) => ReactNode {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const labels = useListLabels();
  const areaNames = useAreaNames([country]);
  const me = useMe();
  const members = useMembers();
  const none = <span className="muted">{t('verify.history.nothing')}</span>;
  const yesNo = (b: unknown) => (b === true ? t('verify.history.yes') : b === false ? t('verify.history.no') : none);
  const str = (s: unknown): string => (typeof s === 'string' || typeof s === 'number' ? String(s) : JSON.stringify(s));
  const text = (s: unknown) => <span dir="auto">{str(s)}</span>;
  const tally = (x: VictimTally) => list(VICTIM_CATEGORIES.filter((c) => x[c] > 0).map((c) => `${victimLabel(t, c)} ${x[c]}`), lang) || '0';
  return (field, value) => {
    if (value === null || value === undefined) return none;
    switch (field) {
      case 'dateEstimated': case 'victimCountUnknown': case 'context.abduction': case 'context.detention': return yesNo(value);
      case 'place.country': return countryName(t, str(value));
      case 'place.admin1': case 'place.admin2': return areaNames(str(value)) ?? text(value);
      case 'place.displayLevel': return t(`lookups.displayLevel.levels.${value as (typeof DISPLAY_LEVELS)[number]}`);
      case 'place.coordinates': {
        const c = value as { lat: number; lon: number; precision: Parameters<typeof precisionLabel>[1] };
        return <span dir="ltr">{c.lat}, {c.lon} ({precisionLabel(t, c.precision)})</span>;
      }
      case 'context.setting': return labels.setting(str(value));
      case 'context.timeOfDay': return timeOfDayLabel(t, value as (typeof TIMES_OF_DAY)[number]);
      case 'context.displacementStage': return displacementLabel(t, value as (typeof DISPLACEMENT_STAGES)[number]);
      case 'victims': return tally(value as VictimTally);
      case 'violations': return list((value as { form: SvForm; victims: VictimTally }[]).map((x) => `${formLabel(t, x.form)} (${tallyTotal(x.victims)})`), lang);
      case 'perpetrators': return list((value as Perpetrator[]).map((p) => (p.party ? `${p.party} (${perpetratorCategoryLabel(t, p.category)})` : perpetratorCategoryLabel(t, p.category))), lang);
      case 'sources': return <ul className="plain">{(value as Source[]).map((s, i) => <li key={i} dir="auto">{sourceLine(t, labels.sourceType, s, i)}</li>)}</ul>;
      case 'referrals': return list((value as Referral[]).map((r) => `${labels.service(r.service)} (${referralStatusLabel(t, r.status)})`), lang);
      case 'consent': return list((value as ConsentScope[]).map((c) => consentLabel(t, c)), lang);
      case 'verification.status': return statusLabel(t, value as VerificationStatus);
      case 'verification.notVerifiedReason': return reasonLabel(t, value as NotVerifiedReason);
      case 'verification.standard': return t(`taxonomy.standards.${value as VerificationStandard}`);
      case 'verification.reliedOnSources': return list((value as number[]).map((i) => t('verify.panel.sourceN', { n: i + 1 })), lang);
      case 'assignedTo': return list((value as string[]).map((id) => personName(t, id, me.user.id, members.data)), lang);
      case 'survivors': return list((value as Survivor[]).map((s) => s.code), lang);
      default: return text(value);
    }
  };
}
