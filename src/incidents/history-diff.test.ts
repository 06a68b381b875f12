import { describe, expect, it } from 'vitest';
import { diffVersions, sealedChanges, type SnapshotLike } from './history-diff.ts';

const base = (): SnapshotLike => ({
  occurredFrom: '2025-03-14', occurredTo: null, dateEstimated: false,
  place: { country: 'CAF', admin1: 'CF-BGF', admin2: null, displayLevel: 'admin2', locality: 'Village V-1', coordinates: null },
  victims: { women: 2, girls: 0, men: 0, boys: 0, unknown: 0 }, victimCountUnknown: false,
  violations: [{ form: 'rape', victims: { women: 2, girls: 0, men: 0, boys: 0, unknown: 0 } }],
  perpetrators: [], sources: [], referrals: [], consent: ['agency_only'], assignedTo: [],
  verification: { status: 'pending', notVerifiedReason: null },
  context: { setting: null },
  narrative: 'first account', survivors: [],
});

describe('history: old -> new per field', () => {
  it('gives restricted fields old and new values, treating absent, null and empty alike', () => {
    const before = base();
    const after = { ...base(), place: { ...base().place, admin1: 'CF-HK' }, verification: { status: 'verified', notVerifiedReason: undefined, standard: 'reasonable_grounds_to_believe', reliedOnSources: [] }, context: { setting: 'market' } };
    const changes = diffVersions(before, after, { identifying: true, sealed: [], changedFields: ['place', 'verification', 'context'] });
    expect(changes).toEqual([
      { kind: 'value', field: 'place.admin1', from: 'CF-BGF', to: 'CF-HK' },
      { kind: 'value', field: 'context.setting', from: null, to: 'market' },
      { kind: 'value', field: 'verification.status', from: 'pending', to: 'verified' },
      { kind: 'value', field: 'verification.standard', from: null, to: 'reasonable_grounds_to_believe' },
    ]);
  });

  it('shows identifying values only to a reader allowed to see them; others learn only that a sealed field changed', () => {
    const before = base();
    const after = { ...base(), narrative: 'second account', place: { ...base().place, locality: 'Village V-2' } };
    expect(sealedChanges(before, after)).toEqual(['narrative', 'place.locality']);
    expect(diffVersions(before, after, { identifying: true, sealed: ['narrative', 'place.locality'], changedFields: ['narrative', 'place'] })).toEqual([
      { kind: 'value', field: 'narrative', from: 'first account', to: 'second account' },
      { kind: 'value', field: 'place.locality', from: 'Village V-1', to: 'Village V-2' },
    ]);
    // The reader who may not see them had empty snapshots: no values, only the names the version kept.
    const closed = { ...base(), narrative: '', place: { ...base().place, locality: null } };
    const changes = diffVersions(closed, closed, { identifying: false, sealed: ['narrative', 'place.locality'], changedFields: ['narrative', 'place'] });
    expect(changes).toEqual([{ kind: 'sealed', field: 'narrative' }, { kind: 'sealed', field: 'place.locality' }]);
    expect(JSON.stringify(changes)).not.toContain('account');
  });

  it('reads older versions (saved before sealed changes were kept) from their changed fields', () => {
    const closed = { ...base(), narrative: '' };
    expect(diffVersions(closed, closed, { identifying: false, sealed: null, changedFields: ['narrative', 'survivors'] }))
      .toEqual([{ kind: 'sealed', field: 'narrative' }, { kind: 'sealed', field: 'survivors' }]);
    // A place change with no restricted part changed was its sealed part.
    expect(diffVersions(closed, closed, { identifying: false, sealed: null, changedFields: ['place'] })).toEqual([{ kind: 'sealed', field: 'place.locality' }]);
  });
});
