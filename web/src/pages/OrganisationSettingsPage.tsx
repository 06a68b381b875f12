// Why: the organisation's settings: how a second pair of eyes is provided (strict by default), which partner
// reviewers are designated, the minimum completeness of a record, the narrative's length limit, and whether
// two-factor is mandatory. Administrators change them; coordinators read them (the form is shown disabled).
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FOUR_EYES_MODES, NARRATIVE_CEILING } from '../../../src/shared/organisation.ts';
import type { FourEyesMode, OrganisationSettings, OrganisationSettingsUpdate } from '../../../src/shared/organisation.ts';
import { api, ApiRequestError } from '../api.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { timestamp } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { RULES_KEY } from '../rules.ts';
import { canManageSettings, canReadSettings, useMe } from '../session.tsx';
import { issueRule } from '../issues.ts';

const SETTINGS_KEY = ['organisation-settings'] as const;

export function OrganisationSettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: api.organisationSettings, enabled: canReadSettings(me.user.role) });
  return (
    <>
      <PageHeading pageName={t('verify.settings.title')}>{t('verify.settings.title')}</PageHeading>
      {!canReadSettings(me.user.role) && <p className="note">{t('errors.forbidden')}</p>}
      {settings.isPending && canReadSettings(me.user.role) && <p className="loading">{t('app.loading')}</p>}
      {settings.isError && <ApiErrorMessage error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && <SettingsForm s={settings.data} editable={canManageSettings(me.user.role)} />}
    </>
  );
}

const toUpdate = (s: OrganisationSettings): OrganisationSettingsUpdate => ({
  fourEyes: { mode: s.fourEyes.mode, reviewers: s.fourEyes.reviewers.map((r) => r.email) },
  completeness: s.completeness, narrativeMaxLength: s.narrativeMaxLength, requireTotp: s.requireTotp, disclosure: s.disclosure,
});

function SettingsForm({ s, editable }: { s: OrganisationSettings; editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const [v, setV] = useState<OrganisationSettingsUpdate>(() => toUpdate(s));
  const [reviewers, setReviewers] = useState(() => v.fourEyes.reviewers.join('\n'));
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: OrganisationSettingsUpdate) => api.saveOrganisationSettings(body),
    onSuccess: (next) => {
      qc.setQueryData(SETTINGS_KEY, next);
      void qc.invalidateQueries({ queryKey: RULES_KEY });
      setSaved(true);
    },
  });
  const issues = save.error instanceof ApiRequestError ? save.error.issues : [];
  const issueOf = (prefix: string) => issues.filter((i) => i.field === prefix || i.field.startsWith(`${prefix}.`));
  const problem = (prefix: string, id: string) => {
    const found = issueOf(prefix);
    return found.length ? <p className="field-error" id={id}>{found.map((i) => issueRule(t, i)).join(' · ')}</p> : null;
  };
  const completeness = (patch: Partial<OrganisationSettingsUpdate['completeness']>) => setV((x) => ({ ...x, completeness: { ...x.completeness, ...patch } }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const list = reviewers.split(/[\s,;]+/).map((r) => r.trim()).filter(Boolean);
    save.mutate({ ...v, fourEyes: { ...v.fourEyes, reviewers: v.fourEyes.mode === 'partner_reviewer' ? list : [] } });
  };
  const number = (raw: string, fallback: number) => (raw.trim() === '' || !Number.isFinite(Number(raw)) ? fallback : Number(raw));
  return (
    <form className="settings-form" onSubmit={onSubmit} noValidate data-testid="settings-form">
      <p className="muted">{s.updatedAt ? t('verify.settings.updated', { when: timestamp(s.updatedAt, lang) }) : t('verify.settings.never')}</p>
      {!editable && <p className="note" data-testid="settings-read-only">{t('verify.settings.readOnly')}</p>}
      {save.error !== null && issues.length === 0 && <ApiErrorMessage error={save.error} />}
      {saved && <p className="alert success" role="status" data-testid="settings-saved">{t('verify.settings.saved')}</p>}
      <fieldset disabled={!editable || save.isPending}>
        <fieldset className="section" aria-describedby="four-eyes-hint">
          <legend>{t('verify.settings.fourEyes')}</legend>
          <p className="hint" id="four-eyes-hint">{t('verify.settings.fourEyesHint')}</p>
          {FOUR_EYES_MODES.map((m: FourEyesMode) => (
            <div className="choice" key={m}>
              <input type="radio" id={`mode-${m}`} name="four-eyes-mode" checked={v.fourEyes.mode === m} onChange={() => setV((x) => ({ ...x, fourEyes: { ...x.fourEyes, mode: m } }))} />
              <label htmlFor={`mode-${m}`}>{t(`verify.settings.mode.${m}`)}</label>
            </div>
          ))}
          {problem('fourEyes.mode', 'mode-error')}
          {v.fourEyes.mode === 'partner_reviewer' && (
            <div className="field">
              <label htmlFor="settings-reviewers">{t('verify.settings.reviewers')}</label>
              <textarea id="settings-reviewers" rows={3} dir="ltr" spellCheck={false} value={reviewers} onChange={(e) => setReviewers(e.target.value)}
                aria-describedby="settings-reviewers-hint settings-reviewers-error" aria-invalid={issueOf('fourEyes.reviewers').length > 0 || undefined} />
              <p className="hint" id="settings-reviewers-hint">{t('verify.settings.reviewersHint')}</p>
              {problem('fourEyes.reviewers', 'settings-reviewers-error')}
              {s.fourEyes.reviewers.length > 0 && (
                <ul className="plain" data-testid="settings-reviewers">
                  {s.fourEyes.reviewers.map((r) => <li key={r.id}><bdi>{r.email}</bdi> ({r.organisation.name}){!r.active && <> – {t('verify.settings.reviewerInactive')}</>}</li>)}
                </ul>
              )}
            </div>
          )}
        </fieldset>
        <fieldset className="section">
          <legend>{t('verify.settings.completeness')}</legend>
          <div className="field">
            <label htmlFor="settings-min-sources">{t('verify.settings.minSources')}</label>
            <input id="settings-min-sources" type="number" inputMode="numeric" min={0} max={10} value={v.completeness.minSourcesToVerify}
              onChange={(e) => completeness({ minSourcesToVerify: number(e.target.value, 0) })} aria-describedby="settings-min-sources-error" />
            {problem('completeness.minSourcesToVerify', 'settings-min-sources-error')}
          </div>
          {(['requireAdmin1', 'requireAdmin2', 'requirePerpetratorToVerify'] as const).map((k) => (
            <div className="checkbox" key={k}>
              <input type="checkbox" id={`settings-${k}`} checked={v.completeness[k]} onChange={(e) => completeness({ [k]: e.target.checked })} />
              <label htmlFor={`settings-${k}`}>{t(k === 'requirePerpetratorToVerify' ? 'verify.settings.requirePerpetrator' : `verify.settings.${k}`)}</label>
            </div>
          ))}
          <div className="field">
            <label htmlFor="settings-narrative-max">{t('verify.settings.narrativeMax')}</label>
            <input id="settings-narrative-max" type="number" inputMode="numeric" min={200} max={NARRATIVE_CEILING} value={v.narrativeMaxLength}
              onChange={(e) => setV((x) => ({ ...x, narrativeMaxLength: number(e.target.value, NARRATIVE_CEILING) }))} aria-describedby="settings-narrative-max-error" />
            {problem('narrativeMaxLength', 'settings-narrative-max-error')}
          </div>
        </fieldset>
        <fieldset className="section">
          <legend>{t('verify.settings.disclosure')}</legend>
          <p className="hint">{t('verify.settings.disclosureHint')}</p>
          <div className="field">
            <label htmlFor="settings-threshold">{t('verify.settings.threshold')}</label>
            <input id="settings-threshold" type="number" inputMode="numeric" min={2} max={50} value={v.disclosure?.threshold ?? s.disclosure.threshold}
              onChange={(e) => setV((x) => ({ ...x, disclosure: { ...(x.disclosure ?? s.disclosure), threshold: number(e.target.value, s.disclosure.threshold) } }))}
              aria-describedby="settings-threshold-error" data-testid="settings-threshold" />
            {problem('disclosure.threshold', 'settings-threshold-error')}
          </div>
          <div className="checkbox">
            <input type="checkbox" id="settings-protect-zeros" checked={v.disclosure?.protectZeros ?? s.disclosure.protectZeros}
              onChange={(e) => setV((x) => ({ ...x, disclosure: { ...(x.disclosure ?? s.disclosure), protectZeros: e.target.checked } }))} />
            <label htmlFor="settings-protect-zeros">{t('verify.settings.protectZeros')}</label>
          </div>
        </fieldset>
        <fieldset className="section">
          <legend>{t('verify.settings.security')}</legend>
          <div className="checkbox">
            <input type="checkbox" id="settings-require-totp" checked={v.requireTotp} onChange={(e) => setV((x) => ({ ...x, requireTotp: e.target.checked }))} />
            <label htmlFor="settings-require-totp">{t('verify.settings.requireTotp')}</label>
          </div>
        </fieldset>
        {editable && <button type="submit" data-testid="settings-save">{save.isPending ? t('verify.settings.saving') : t('verify.settings.save')}</button>}
      </fieldset>
    </form>
  );
}
