/** The audit view: administrators only (see matrix-kit.ts). */
import { describeMatrix, FORBIDDEN, table, UNAUTH, type Matrix } from './matrix-kit.ts';

const MATRIX: Matrix<undefined> = {
  // The audit view: administrators only; no job system on this server, so a verification cannot start.
  'GET /api/audit': {
    method: 'GET', path: () => '/api/audit',
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'GET /api/audit/backup': {
    method: 'GET', path: () => '/api/audit/backup',
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'GET /api/audit/verification': {
    method: 'GET', path: () => '/api/audit/verification',
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/audit/verification': {
    method: 'POST', path: () => '/api/audit/verification',
    expect: table(UNAUTH, { 'A:admin': '503 jobs_unavailable', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
};

describeMatrix('audit', MATRIX, async () => undefined);
