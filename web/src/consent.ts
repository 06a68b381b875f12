// Why: the survivor's consent as the screens handle it: ticking "agency only" clears every sharing scope
// and ticking a sharing scope clears "agency only" (the shared contract refuses the mix), always in the
// taxonomy's order so that an unchanged choice never shows up as a change.
import { CONSENT_SCOPES } from '../../src/shared/taxonomy.ts';
import type { ConsentScope } from '../../src/shared/taxonomy.ts';

export const AGENCY_ONLY: ConsentScope = 'agency_only';

/** Puts scopes in the taxonomy's order, without repeats. */
export const ordered = (scopes: Iterable<ConsentScope>): ConsentScope[] => {
  const chosen = new Set(scopes);
  return CONSENT_SCOPES.filter((s) => chosen.has(s));
};

/** The consent after ticking (`on`) or unticking one scope; unticking the last one leaves none (an error to show). */
export function toggleScope(current: readonly ConsentScope[], scope: ConsentScope, on: boolean): ConsentScope[] {
  if (!on) return ordered(current.filter((s) => s !== scope));
  if (scope === AGENCY_ONLY) return [AGENCY_ONLY];
  return ordered([...current.filter((s) => s !== AGENCY_ONLY), scope]);
}

/** What may remain after consent is withdrawn: "agency only", or any scope already consented to (never more). */
export const remainingChoices = (consented: readonly ConsentScope[]): ConsentScope[] => ordered([AGENCY_ONLY, ...consented]);
