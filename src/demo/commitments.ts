/**
 * The demo's commitments and compliance, for each mission: a joint communiqué with its state forces and an
 * action plan with an armed group - coded demo parties that the mission's synthetic incidents name, so their
 * pages show incidents beside the commitments - each with measures due before and after the day the demo is
 * loaded (one done with its evidence, one in progress, one overdue), two report years of listing, and an
 * assessment. Everything goes through the commitments services (audited like real entries) and says it is
 * synthetic; no real party is given a commitment, a listing or an assessment.
 */
import type { AppContext } from '../platform/context.ts';
import type { Actor } from '../policy/policy.ts';
import { saveAssessment } from '../commitments/assessment.ts';
import { addListing } from '../commitments/listing.ts';
import { addEvidence } from '../commitments/measures.ts';
import { createCommitment } from '../commitments/service.ts';
import type { CommitmentKind, MeasureInput } from '../shared/commitments.ts';
import type { ListingStatus } from '../shared/compliance.ts';

/** A day counted from the day the demo is loaded (as the incidents' dates are). */
const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

interface DemoCommitment {
  kind: CommitmentKind;
  title: string;
  /** Days before the load. */
  signedDaysAgo: number;
  signatories: string;
  measures: MeasureInput[];
  /** The measure (by position) made done by its evidence, days after signature. */
  done: { measure: number; afterDays: number; text: string };
  listing: [yearsAgo: number, status: ListingStatus][];
  assessment: string;
}

const SYNTHETIC = 'No real party or event is described.';

const COMMITMENTS = (country: string): { party: string; commitment: DemoCommitment }[] => [
  {
    party: 'State armed forces (DEMO-SAF)',
    commitment: {
      kind: 'joint_communique',
      title: `Joint communiqué of the state armed forces (DEMO-SAF) and the United Nations – ${country} (synthetic)`,
      signedDaysAgo: 540,
      signatories: 'Chief of defence staff (DEMO-SIG-1); Special Representative (DEMO-SIG-2) (synthetic)',
      measures: [
        { kind: 'command_orders', description: 'Issue command orders prohibiting sexual violence to every unit (synthetic)', deadline: day(-450), responsibleBody: 'Chief of defence staff (synthetic)', progress: 'not_started' },
        { kind: 'focal_point', description: 'Appoint a high-level focal point for the communiqué (synthetic)', deadline: day(120), responsibleBody: 'Ministry of defence (synthetic)', progress: 'in_progress' },
        { kind: 'investigation', description: 'Investigate the alleged cases and prosecute those responsible (synthetic)', deadline: day(-60), responsibleBody: 'Military justice (synthetic)', progress: 'not_started' },
        { kind: 'un_access', description: 'Give the United Nations access to barracks and detention sites (synthetic)', deadline: day(240), progress: 'not_started' },
      ],
      done: { measure: 0, afterDays: 75, text: `Command order DEMO-CO-17 issued to all units and read on parade (synthetic). ${SYNTHETIC}` },
      listing: [[2, 'listed'], [1, 'continued']],
      assessment: '[SYNTHETIC DEMO ASSESSMENT] The command order came within its deadline, and a focal point is being appointed. '
        + 'The investigations the communiqué promised have not started and are overdue, while incidents attributed to the forces go on. '
        + SYNTHETIC,
    },
  },
  {
    party: 'Non-state armed group (DEMO-NSAG-A)',
    commitment: {
      kind: 'action_plan',
      title: `Action plan of the armed group DEMO-NSAG-A to end sexual violence – ${country} (synthetic)`,
      signedDaysAgo: 300,
      signatories: 'Commander (DEMO-SIG-3) (synthetic)',
      measures: [
        { kind: 'command_orders', description: 'Order every commander to prohibit sexual violence (synthetic)', deadline: day(-240), progress: 'not_started' },
        { kind: 'release', description: 'Identify and release women and children from the ranks (synthetic)', deadline: day(-30), progress: 'in_progress' },
        { kind: 'training', description: 'Train commanders on the prohibition (synthetic)', deadline: day(180), progress: 'not_started' },
      ],
      done: { measure: 0, afterDays: 40, text: `Order DEMO-NSAG-A/3 signed by the commander and handed to the United Nations (synthetic). ${SYNTHETIC}` },
      listing: [[2, 'listed'], [1, 'continued']],
      assessment: '[SYNTHETIC DEMO ASSESSMENT] The group issued its order, but the release of women and children from its ranks is late. '
        + SYNTHETIC,
    },
  },
];

/** One mission's commitments, listings and assessments, for its coded parties (by name: the mission's own parties). */
export async function demoCommitments(ctx: AppContext, coordinator: Actor, country: string, partyIds: ReadonlyMap<string, string>): Promise<void> {
  const year = new Date().getUTCFullYear();
  for (const { party, commitment: c } of COMMITMENTS(country)) {
    const partyId = partyIds.get(party)!;
    const made = await createCommitment(ctx, coordinator, {
      kind: c.kind, title: c.title, signedOn: day(-c.signedDaysAgo), partyIds: [partyId], signatories: c.signatories, measures: c.measures,
    }, 'en', null);
    await addEvidence(ctx, coordinator, made.measures[c.done.measure]!.id, { date: day(-c.signedDaysAgo + c.done.afterDays), text: c.done.text, progress: 'done' }, 'en', null);
    for (const [yearsAgo, listing] of c.listing) {
      await addListing(ctx, coordinator, partyId, { reportYear: year - yearsAgo, listing, reportSymbol: `DEMO-S/${year - yearsAgo}/1 (synthetic)`, paragraph: 'annex (synthetic)' }, null);
    }
    await saveAssessment(ctx, coordinator, partyId, { text: c.assessment, previousId: null }, null);
  }
}
