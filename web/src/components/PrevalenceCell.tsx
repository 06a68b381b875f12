// Why: one prevalence figure as every reference table shows it: the level in words, shaded by level, with
// "no report" set apart (hatched) so that it never reads as "none".
import { useTranslation } from 'react-i18next';
import type { Prevalence } from '../../../src/shared/reference.ts';
import { levelWords } from '../reference.ts';

export function PrevalenceCell({ level, strong = false, year }: { level: Prevalence; strong?: boolean; year?: number }) {
  const { t } = useTranslation();
  const words = levelWords(t, level);
  return (
    <td className={`prevalence level-${level === null ? 'none' : level}`} data-level={level ?? 'no-report'}>
      {strong ? <strong>{words}</strong> : words}{year !== undefined && <> <span dir="ltr">({year})</span></>}
    </td>
  );
}
