// Why: the version the Read and Comments tabs are about, kept in the address (?version=N) so a link names it:
// the one asked for when the report has it, the latest otherwise; and its select, newest first.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Report, ReportVersion } from '../../../../src/shared/reports.ts';
import { reportStatusLabel } from '../../reports.ts';

/**
 * A choice kept in the address under `name`: held here too, so a control shows it at once (the router applies
 * an address change in a transition, after the control has been redrawn with the old value).
 */
export function useAddressChoice(name: string): [string | null, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const inAddress = params.get(name);
  const [value, setValue] = useState(inAddress);
  // A link to another choice (a new version's "Read it") moves it too.
  useEffect(() => setValue(inAddress), [inAddress]);
  const choose = (v: string) => {
    setValue(v);
    setParams((p) => { const next = new URLSearchParams(p); next.set(name, v); return next; }, { replace: true });
  };
  return [value, choose];
}

export function useChosenVersion(report: Report): [ReportVersion | null, (n: number) => void] {
  const [asked, choose] = useAddressChoice('version');
  const latest = report.versions.reduce<ReportVersion | null>((a, v) => (a === null || v.number > a.number ? v : a), null);
  const chosen = report.versions.find((v) => String(v.number) === asked) ?? latest;
  return [chosen, (n) => choose(String(n))];
}

export function VersionSelect({ id, report, value, onChange }: { id: string; report: Report; value: number; onChange: (n: number) => void }) {
  const { t } = useTranslation();
  const versions = [...report.versions].sort((a, b) => b.number - a.number);
  return (
    <div className="field">
      <label htmlFor={id}>{t('reports.read.version')}</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={id}>
        {versions.map((v) => <option key={v.number} value={v.number}>{t('reports.read.versionOption', { version: v.number, status: reportStatusLabel(t, v.status) })}</option>)}
      </select>
    </div>
  );
}
