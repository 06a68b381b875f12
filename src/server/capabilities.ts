/**
 * The composition root's list: every capability the server runs. Adding a capability is a new folder with
 * its own capability.ts and one line here.
 */
import type { Capability } from '../platform/capability.ts';
import { identity } from '../identity/capability.ts';
import { incidents } from '../incidents/capability.ts';
import { imports } from '../imports/capability.ts';
import { drafts } from '../drafts/capability.ts';
import { lookups } from '../lookups/capability.ts';
import { places } from '../places/capability.ts';
import { audit } from '../audit/capability.ts';
import { organisation } from '../organisation/capability.ts';
import { parties } from '../parties/capability.ts';
import { commitments } from '../commitments/capability.ts';
import { stats } from '../stats/capability.ts';
import { warnings } from '../warnings/capability.ts';
import { reference } from '../reference/capability.ts';
import { reports } from '../reports/capability.ts';

export const CAPABILITIES: readonly Capability[] = [identity, organisation, incidents, imports, drafts, lookups, places, parties, commitments, reference, stats, warnings, reports, audit];
