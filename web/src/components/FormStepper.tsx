// Why: where the user is in the incident form and how to move: the ordered list of steps (the current one
// marked aria-current="step", any step with problems flagged in words, every step a button to jump to), the
// step's heading (focused after each move so screen readers announce it), and the actions at the bottom.
// Next is the form's first submit button, so Enter in a field moves on (after checking the step).
import type { ReactNode, Ref } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LAST_STEP, STEPS } from '../formSteps.ts';

export function StepList({ step, onGo, flagged }: { step: number; onGo: (n: number) => void; flagged: ReadonlySet<number> }) {
  const { t } = useTranslation();
  return (
    <nav className="stepper" aria-label={t('steps.label')}>
      <ol>
        {STEPS.map((s, i) => (
          <li key={s.id} className={i === step ? 'current' : i < step ? 'before' : undefined}>
            <button type="button" aria-current={i === step ? 'step' : undefined} onClick={() => onGo(i)} data-testid={`step-${s.id}`}>
              <span className="step-number" aria-hidden="true">{i + 1}</span>
              <span className="step-name">
                <span className="visually-hidden">{t('steps.stepN', { n: i + 1 })}: </span>
                {t(`steps.${s.id}`)}
                {flagged.has(i) && <span className="step-flag"> ({t('steps.hasProblems')})</span>}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function StepHeading({ step, ref }: { step: number; ref?: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation();
  return (
    <h2 className="step-heading" id="step-heading" tabIndex={-1} ref={ref} data-testid="step-heading">
      {t('steps.heading', { n: step + 1, total: STEPS.length, name: t(`steps.${STEPS[step]!.id}`) })}
    </h2>
  );
}

interface ActionsProps {
  step: number;
  onBack: () => void;
  /** Editing a recorded incident: changes can be saved from any step. */
  editing: boolean;
  saving: boolean;
  cancelTo: string;
  /** The draft's status line (new incidents). */
  status?: ReactNode;
}

export function StepActions({ step, onBack, editing, saving, cancelTo, status }: ActionsProps) {
  const { t } = useTranslation();
  const next = STEPS[step + 1];
  return (
    <div className="form-actions">
      {/* Back is a plain button: Next stays the first submit button, the one Enter in a field presses. */}
      {step > 0 && <button type="button" className="secondary" onClick={onBack} data-testid="step-back">{t('steps.back')}</button>}
      {step < LAST_STEP && next && (
        <button type="submit" data-action="next" data-testid="step-next">{t('steps.next', { name: t(`steps.${next.id}`) })}</button>
      )}
      {(step === LAST_STEP || editing) && (
        <button type="submit" data-action="save" disabled={saving} data-testid="save-incident" className={step < LAST_STEP ? 'secondary' : undefined}>
          {saving ? t('form.saving') : editing ? t('form.saveChanges') : t('form.record')}
        </button>
      )}
      <Link className="button secondary" to={cancelTo}>{t('form.cancel')}</Link>
      {status}
    </div>
  );
}
