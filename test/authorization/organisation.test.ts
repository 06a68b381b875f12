/** An organisation's settings and recording rules (see matrix-kit.ts). */
import { all, describeMatrix, FORBIDDEN, partnerReviewSettings, table, UNAUTH, type Matrix } from './matrix-kit.ts';

interface Fixture {
  /** A's settings keeping its partner reviewer (B's coordinator) designated. */
  settings: Record<string, unknown>;
}

const MATRIX: Matrix<Fixture> = {
  // Settings: administrators change them, coordinators read them; every member reads the recording rules.
  'GET /api/organisation/settings': {
    method: 'GET', path: () => '/api/organisation/settings',
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'PUT /api/organisation/settings': {
    method: 'PUT', path: () => '/api/organisation/settings', body: (f) => f.settings,
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'GET /api/organisation/rules': { method: 'GET', path: () => '/api/organisation/rules', expect: all('200', UNAUTH) },
};

describeMatrix('organisation', MATRIX, async (world) => ({ settings: partnerReviewSettings(world) }));
