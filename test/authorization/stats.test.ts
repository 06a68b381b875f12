/** Figures: the restricted tier, the map's points, the protected catalogue and its exports (see matrix-kit.ts). */
import { describeMatrix, FORBIDDEN, table, UNAUTH, type Matrix } from './matrix-kit.ts';

const MATRIX: Matrix<Record<string, never>> = {
  // Exact figures: those who read records, within their scope (B's members see their own organisation's).
  'GET /api/stats/counts': {
    method: 'GET', path: () => '/api/stats/counts?by=form&unit=violations',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  // Points open records (identifying coordinates): the same readers, record by record.
  'GET /api/stats/points': {
    method: 'GET', path: () => '/api/stats/points',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  // Protected figures: viewers and coordinators; not those who know their own records exactly; never administrators.
  'GET /api/stats/releases/:release': {
    method: 'GET', path: () => '/api/stats/releases/violations',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': '200', 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  // Statistics exports leave the organisation: coordinators and viewers (headquarters readers).
  'GET /api/stats/releases/:release/export': {
    method: 'GET', path: () => '/api/stats/releases/victims/export?format=csv',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': '200', 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
};

describeMatrix('stats', MATRIX, async () => ({}));
