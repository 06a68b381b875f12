/**
 * Moving through the incident form's steps in the browser tests: jump to a step from the step list, press
 * Next (which stays on the step while it has problems), and record a plain incident the way a user would.
 */
import type { Page } from 'playwright-core';

export type StepId = 'when' | 'victims' | 'perpetrators' | 'sources' | 'consent' | 'review';

/** Waits until the form shows the step (marked current in the step list). */
export async function onStep(page: Page, id: StepId): Promise<void> {
  await page.locator(`[data-testid="step-${id}"][aria-current="step"]`).waitFor();
}

/** Jumps to a step from the step list. */
export async function goToStep(page: Page, id: StepId): Promise<void> {
  await page.getByTestId(`step-${id}`).click();
  await onStep(page, id);
}

/** Presses Next and waits for the following step. */
export async function next(page: Page, to: StepId): Promise<void> {
  await page.getByTestId('step-next').click();
  await onStep(page, to);
}

export interface PlainIncident {
  date: string;
  /** A region of the Central African Republic by code, or the first in the list. */
  admin1?: string;
  women: number;
  form?: string;
  party?: string;
  narrative: string;
}

/** Fills every step with the minimum a record needs (one violation, one perpetrator if given) and records it. */
export async function recordPlainIncident(page: Page, i: PlainIncident): Promise<string> {
  await page.getByTestId('incident-form').waitFor();
  await page.locator('#f-occurredFrom').fill(i.date);
  await page.getByTestId('place.country').selectOption('CAF');
  await page.locator('#f-place-admin1').selectOption(i.admin1 ?? { index: 1 });
  await next(page, 'victims');
  await page.getByTestId('victims.women').fill(String(i.women));
  await page.getByTestId('violations.0.form').selectOption(i.form ?? 'rape');
  await page.getByTestId('violations.0.victims.women').fill(String(i.women));
  await next(page, 'perpetrators');
  if (i.party) {
    await page.getByRole('button', { name: 'Add an alleged perpetrator' }).click();
    await page.locator('#f-perpetrators-0-party').fill(i.party);
  }
  await goToStep(page, 'review');
  await page.locator('#f-narrative').fill(i.narrative);
  await page.getByTestId('save-incident').click();
  await page.getByTestId('incident-detail').waitFor();
  return (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
}
