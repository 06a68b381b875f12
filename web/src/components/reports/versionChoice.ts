// Why: the version the Read and Comments tabs are about, kept in the address (?version=N) so a link names it:
// the one asked for when the report has it, the latest otherwise.
import { useSearchParams } from 'react-router';
import type { Report, ReportVersion } from '../../../../src/shared/reports.ts';

export function useChosenVersion(report: Report): [ReportVersion | null, (n: number) => void] {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('version'));
  const latest = report.versions.reduce<ReportVersion | null>((a, v) => (a === null || v.number > a.number ? v : a), null);
  const chosen = report.versions.find((v) => v.number === asked) ?? latest;
  const choose = (n: number) => setParams((p) => { const next = new URLSearchParams(p); next.set('version', String(n)); return next; }, { replace: true });
  return [chosen, choose];
}
