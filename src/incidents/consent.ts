/**
 * Consent rules, as plain functions. A record's consent scopes say where its information may go:
 * - the organisation holding it may always work on it (its own agency);
 * - `mara_working_group`: shared with the MARA working group (other organisations, once sharing exists);
 * - `aggregate_statistics`: counted in figures that leave the organisation;
 * - `referral`, `justice`: passed to service providers, or to justice mechanisms.
 * Every place where data is seen outside the agency or leaves it (sharing, aggregates, exports, duplicate
 * review across organisations) must ask `consentAllows` first.
 */
import type { ConsentScope } from '../shared/taxonomy.ts';

export type Purpose = 'agency' | Exclude<ConsentScope, 'agency_only'>;

export function consentAllows(scopes: readonly string[], purpose: Purpose): boolean {
  if (purpose === 'agency') return true;
  return !scopes.includes('agency_only') && scopes.includes(purpose);
}

/** After consent is withdrawn, what remains may only be narrower than before (or the agency alone). */
export function narrowingProblem(before: readonly string[], remaining: readonly string[]): string | null {
  const widened = remaining.filter((s) => s !== 'agency_only' && !before.includes(s));
  return widened.length ? `remainingConsent: withdrawing consent cannot add ${widened.join(', ')}` : null;
}
