/**
 * What the commitments tests share: a party of the organisation made through the registry's API, and a
 * joint communiqué with three measures (one deadline already passed). Not a test file itself.
 */
import { expect } from 'vitest';
import type { Client } from '../../test/helpers/http.ts';
import { isoDay } from '../incidents/incident-test-kit.ts';
import type { CommitmentDetail } from '../shared/commitments.ts';

/** A confirmed party of the caller's organisation (a coordinator's client). */
export async function ownParty(coordinator: Client, name: string): Promise<string> {
  const made = await coordinator.post<{ id: string }>('/api/parties', { name, category: 'non_state_armed_group', countries: ['CAF'] });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body.id;
}

export const communique = (partyIds: string[], overrides: Record<string, unknown> = {}) => ({
  kind: 'joint_communique',
  title: 'Joint communiqué of the TEST group and the United Nations',
  signedOn: '2024-03-20',
  partyIds,
  signatories: 'SIGNATORY-MARKER, commander-in-chief; Special Representative of the Secretary-General',
  referenceUrl: 'https://www.un.org/sexualviolenceinconflict/joint-communique.pdf',
  measures: [
    { kind: 'command_orders', description: 'Issue command orders prohibiting sexual violence', deadline: isoDay(30), responsibleBody: 'Chief of staff' },
    { kind: 'focal_point', description: 'Appoint a high-level focal point', deadline: isoDay(-10), progress: 'in_progress' },
    { kind: 'un_access', description: 'Give the United Nations access to monitor compliance', deadline: isoDay(60) },
  ],
  ...overrides,
});

export async function createCommunique(coordinator: Client, partyIds: string[], overrides: Record<string, unknown> = {}): Promise<CommitmentDetail> {
  const made = await coordinator.post<CommitmentDetail>('/api/commitments', communique(partyIds, overrides));
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body;
}
