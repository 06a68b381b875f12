// Why: the last step's read-only summary of everything entered on the steps before, worded like the detail
// page, so the recorder checks the whole incident before recording it. Each part says how many problems it
// still has and offers a way back to its step.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VictimTally } from '../../../src/shared/incident.ts';
import { VICTIM_CATEGORIES } from '../../../src/shared/taxonomy.ts';
import type { FieldIssue } from '../api.ts';
import { consentLabel, countryName, dateRange, displacementLabel, formLabel, list, precisionLabel, timeOfDayLabel } from '../format.ts';
import { perpetratorView, referralView, sourceView, survivorView, triTo } from '../formRows.ts';
import { issuesOfStep, STEPS } from '../formSteps.ts';
import { currentLanguage } from '../i18n/index.ts';
import type { FormState, TallyState } from '../incidentForm.ts';
import { useListLabels } from '../lookups.ts';
import { useAreaNames } from '../places.ts';
import { PerpetratorsTable, ReferralsTable, SourcesTable, SurvivorsTable, TallyTable } from './RecordTables.tsx';

interface Props {
  form: FormState;
  issues: readonly FieldIssue[];
  onGo: (step: number) => void;
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (<div className="item"><dt>{label}</dt><dd>{children}</dd></div>);
}

/** Counts as typed; anything that is not a whole number shows as 0 here (the step itself says what is wrong). */
const shownTally = (t: TallyState): VictimTally =>
  Object.fromEntries(VICTIM_CATEGORIES.map((c) => [c, Number.isInteger(Number(t[c])) ? Number(t[c]) : 0])) as VictimTally;

function Part({ step, issues, onGo, children }: { step: number; issues: readonly FieldIssue[]; onGo: (n: number) => void; children: ReactNode }) {
  const { t } = useTranslation();
  const id = STEPS[step]!.id;
  const name = t(`steps.${id}`);
  const problems = issuesOfStep(issues, step).length;
  return (
    <section className="review-part" aria-labelledby={`review-${id}`} data-testid={`review-${id}`}>
      <div className="review-head">
        <h3 id={`review-${id}`}>{name}</h3>
        <button type="button" className="link-button" onClick={() => onGo(step)}>
          {t('steps.change')}<span className="visually-hidden"> – {name}</span>
        </button>
      </div>
      {problems > 0 && <p className="field-error">{t('steps.problems', { count: problems })}</p>}
      {children}
    </section>
  );
}

export function ReviewSummary({ form, issues, onGo }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const labels = useListLabels();
  const none = <span className="muted">{t('detail.notSpecified')}</span>;
  const notKnown = <span className="muted">{t('form.notKnown')}</span>;
  const yesNo = (v: boolean | null) => (v === null ? notKnown : v ? t('detail.yes') : t('detail.no'));
  const areaNames = useAreaNames([form.country]);
  const place = [form.country ? countryName(t, form.country) : null, areaNames(form.admin1), areaNames(form.admin2)]
    .filter((p): p is string => !!p);
  const part = { issues, onGo };
  return (
    <section className="review" aria-labelledby="review-title" data-testid="review">
      <h2 id="review-title">{t('steps.reviewTitle')}</h2>
      <p className="hint">{t('steps.reviewHint')}</p>
      <Part step={0} {...part}>
        <dl>
          <Item label={t('list.col.date')}>
            {form.occurredFrom ? dateRange(form.occurredFrom, form.occurredTo || null) : none}
            {form.dateEstimated && <span className="est"> {t('list.estimated')}</span>}
          </Item>
          <Item label={t('incident.place')}>{place.length ? list(place, lang) : none}</Item>
          <Item label={t('lookups.displayLevel.short')}>{t(`lookups.displayLevel.levels.${form.displayLevel}`)}</Item>
          <Item label={t('incident.locality')}>{form.locality.trim() ? <bdi>{form.locality}</bdi> : none}</Item>
          {form.hasCoordinates && (
            <Item label={t('incident.coordinates')}>
              <span dir="ltr">{form.lat}, {form.lon}</span>{form.precision && <> ({precisionLabel(t, form.precision)})</>}
            </Item>
          )}
          <Item label={t('incident.setting')}>{form.setting ? labels.setting(form.setting) : notKnown}</Item>
          <Item label={t('incident.timeOfDay')}>{form.timeOfDay ? timeOfDayLabel(t, form.timeOfDay) : notKnown}</Item>
          <Item label={t('incident.displacementStage')}>{form.displacementStage ? displacementLabel(t, form.displacementStage) : notKnown}</Item>
          <Item label={t('incident.abduction')}>{yesNo(triTo(form.abduction))}</Item>
          <Item label={t('incident.detention')}>{yesNo(triTo(form.detention))}</Item>
        </dl>
      </Part>
      <Part step={1} {...part}>
        {form.victimCountUnknown && <p className="note">{t('incident.countUnknown')}</p>}
        <TallyTable tally={shownTally(form.victims)} caption={t('incident.victims')} />
        {form.violations.map((v, i) => (
          <TallyTable
            key={v.key}
            tally={shownTally(v.victims)}
            caption={`${t('incident.violationN', { n: i + 1 })}: ${v.form ? formLabel(t, v.form) : t('detail.notSpecified')}`}
          />
        ))}
        <h4 id="review-survivors">{t('incident.survivors')}</h4>
        <SurvivorsTable rows={form.survivors.map(survivorView)} labelledBy="review-survivors" testId="review-survivors-table" />
      </Part>
      <Part step={2} {...part}>
        <PerpetratorsTable rows={form.perpetrators.map(perpetratorView)} labelledBy="review-perpetrators" testId="review-perpetrators-table" />
      </Part>
      <Part step={3} {...part}>
        <SourcesTable rows={form.sources.map(sourceView)} labelledBy="review-sources" testId="review-sources-table" />
      </Part>
      <Part step={4} {...part}>
        <dl>
          <Item label={t('incident.consent')}>{form.consent.length ? list(form.consent.map((c) => consentLabel(t, c)), lang) : none}</Item>
        </dl>
        <h4 id="review-referrals-title">{t('incident.referrals')}</h4>
        <ReferralsTable rows={form.referrals.map(referralView)} labelledBy="review-referrals-title" testId="review-referrals-table" />
      </Part>
    </section>
  );
}
