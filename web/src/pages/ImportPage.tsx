// Why: the import wizard: upload a CSV or XLSX file, map its columns to incident fields and its values to
// codes, check it in a dry run, then import it as a background job. The mapping lives in this page's memory
// (and, when the user says so, as a saved mapping); progress is read from the server while a job runs.
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportDetail, ImportRun, ImportSummary } from '../../../src/shared/import.ts';
import { api } from '../api.ts';
import { ColumnsStep } from '../components/import/ColumnsStep.tsx';
import { ImportError } from '../components/import/ImportParts.tsx';
import { CheckStep, ImportStep } from '../components/import/RunSteps.tsx';
import { UploadStep } from '../components/import/UploadStep.tsx';
import { ValuesStep } from '../components/import/ValuesStep.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { draftFrom, mappingKey, toMapping } from '../importMapping.ts';
import type { MappingDraft } from '../importMapping.ts';
import { canImport, useMe } from '../session.tsx';
import '../import.css';

const STEPS = ['upload', 'columns', 'values', 'check', 'import'] as const;
type Step = (typeof STEPS)[number];

export function ImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeading pageName={t('import.title')}>{t('import.title')}</PageHeading>
      {canImport(me.user.role) ? <ImportWizard /> : <p className="note" data-testid="role-note">{t('import.notAllowed')}</p>}
    </>
  );
}

/** Where a reopened import continues: its report if it ran, otherwise the mapping. */
function stepOf(d: ImportSummary): Step {
  if (d.mode === 'import') return 'import';
  if (d.mode === 'dry_run') return 'check';
  return 'columns';
}

function ImportWizard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [importId, setImportId] = useState<string | null>(null);
  const [draft, setDraft] = useState<MappingDraft | null>(null);
  const [step, setStep] = useState<Step>('upload');
  // The step heading takes focus only once the user moves between steps (the page heading has it first).
  const [moved, setMoved] = useState(false);

  const detail = useQuery({
    queryKey: ['import', importId],
    queryFn: async () => {
      const d = await api.getImport(importId!);
      // New records: the incident list must not show what it cached before the import.
      if (d.mode === 'import' && d.state === 'done') void qc.invalidateQueries({ queryKey: ['incidents'] });
      return d;
    },
    enabled: importId !== null,
    // While a job runs, its progress and counts are read every second.
    refetchInterval: (q) => (q.state.data && (q.state.data.state === 'checking' || q.state.data.state === 'importing') ? 1000 : false),
    staleTime: 0,
  });
  // What the import does with rows already imported whose content changed (chosen after the dry run).
  const [onChanged, setOnChanged] = useState<ImportRun['onChanged']>('leave');
  const run = useMutation({
    mutationFn: ({ id, dryRun }: { id: string; dryRun: boolean }) => {
      const mapping = draft ? toMapping(draft) : null;
      if (!mapping) throw new Error('the mapping has a problem to fix first');
      return api.runImport(id, mapping, dryRun, onChanged);
    },
    onSuccess: (summary) => {
      // Show the job as started at once; the next reads bring progress and, at the end, the problems.
      qc.setQueryData<ImportDetail>(['import', summary.id], (old) => (old ? { ...old, ...summary, problems: [] } : old));
      void qc.invalidateQueries({ queryKey: ['import', summary.id] });
      void qc.invalidateQueries({ queryKey: ['imports'] });
    },
  });

  const go = (next: Step) => {
    setMoved(true);
    setStep(next);
    run.reset();
    window.scrollTo(0, 0);
  };
  const open = (d: ImportDetail, next: Step) => {
    qc.setQueryData(['import', d.id], d);
    setImportId(d.id);
    // A mapping in progress was kept on the server: leaving the page lost nothing.
    setDraft(draftFrom(d.mappingDraft ?? d.mapping ?? d.suggested));
    void qc.invalidateQueries({ queryKey: ['imports'] });
    go(next);
  };
  const reopen = useMutation({
    mutationFn: (item: ImportSummary) => api.getImport(item.id),
    onSuccess: (d) => open(d, stepOf(d)),
  });

  const current = detail.data;
  const mapping = draft ? toMapping(draft) : null;
  // The mapping in progress goes to the server a moment after each change (tablets are shared: never to
  // browser storage), so reopening the import continues where the user was.
  const draftKey = mapping ? mappingKey(mapping) : null;
  useEffect(() => {
    if (!importId || !mapping || !draftKey) return undefined;
    const timer = setTimeout(() => { void api.saveImportDraft(importId, mapping).catch(() => undefined); }, 700);
    return () => clearTimeout(timer);
    // Keyed by the mapping's text: a new object with the same mapping saves nothing again.
  }, [importId, draftKey]);
  const checkedCurrent = Boolean(current?.mapping && mapping && current.mode === 'dry_run' && current.state === 'checked'
    && mappingKey(current.mapping) === mappingKey(mapping));
  const reachable = (s: Step): boolean => {
    if (s === 'upload') return true;
    if (!current || !draft) return false;
    if (s === 'import') return current.mode === 'import' || checkedCurrent;
    return true;
  };
  const runProps = current && draft ? {
    focus: moved,
    detail: current,
    mapping,
    checkedCurrent,
    run: {
      start: (dryRun: boolean) => run.mutate({ id: current.id, dryRun }),
      pending: run.isPending,
      error: run.error,
    },
    onColumns: () => go('columns'),
    onValues: () => go('values'),
    onChanged: { value: onChanged, set: setOnChanged },
  } : null;

  return (
    <div className="import-wizard">
      <nav aria-label={t('import.steps.label')}>
        <ol className="import-steps">
          {STEPS.map((s, i) => (
            <li key={s}>
              <button
                type="button"
                className="step-link"
                aria-current={s === step ? 'step' : undefined}
                disabled={!reachable(s)}
                onClick={() => go(s)}
                data-testid={`step-link-${s}`}
              >
                <span className="step-number" aria-hidden="true">{i + 1}</span> {t(`import.steps.${s}`)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      {reopen.isError && <ImportError error={reopen.error} />}
      {importId && detail.isError && <ImportError error={detail.error} onRetry={() => void detail.refetch()} />}
      {step === 'upload' && <UploadStep focus={moved} current={current} onUploaded={(d) => open(d, 'columns')} onOpen={(item) => reopen.mutate(item)} />}
      {step === 'columns' && current && draft && (
        <ColumnsStep focus={moved} detail={current} draft={draft} onChange={setDraft} onBack={() => go('upload')} onNext={() => go('values')}
          onReread={(d) => { qc.setQueryData(['import', d.id], d); setDraft(draftFrom(d.suggested)); }} />
      )}
      {step === 'values' && current && draft && (
        <ValuesStep focus={moved} detail={current} draft={draft} onChange={setDraft} onBack={() => go('columns')} onNext={() => go('check')} />
      )}
      {step === 'check' && runProps && <CheckStep {...runProps} onNext={() => go('import')} />}
      {step === 'import' && runProps && <ImportStep {...runProps} />}
    </div>
  );
}
