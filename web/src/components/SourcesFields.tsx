// Why: where the information came from: the kind of source, how reliable and how close to the events, when
// it was received and which organisation contributed it. Never who the source is.
import { useTranslation } from 'react-i18next';
import { SOURCE_CONNECTIONS, SOURCE_RELIABILITY, SOURCE_TYPES } from '../../../src/shared/taxonomy.ts';
import { connectionLabel, reliabilityLabel, sourceTypeLabel } from '../format.ts';
import { emptySource } from '../formRows.ts';
import type { SourceState } from '../formRows.ts';
import { currentLanguage } from '../i18n/index.ts';
import { fieldId } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import { ownChoices, useLookups } from '../lookups.ts';
import { DateInput, SelectInput, TextInput } from './Controls.tsx';
import { FieldError, Hint } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';
import { RepeatableRows } from './RepeatableRows.tsx';

interface Props {
  form: FormState;
  onChange: (sources: SourceState[], path: string | null) => void;
  errors: Errors;
}

export function SourcesFields({ form, onChange, errors }: Props) {
  const { t } = useTranslation();
  const own = useLookups().data;
  const lang = currentLanguage();
  return (
    <fieldset className="section" id={fieldId('sources')} tabIndex={-1} aria-describedby="sources-hint" data-testid="sources-fields">
      <legend>{t('incident.sources')}</legend>
      <Hint id="sources-hint">{t('source.hint')}</Hint>
      <FieldError path="sources" errors={errors} form={form} />
      <RepeatableRows
        name="sources"
        rows={form.sources}
        onChange={onChange}
        make={emptySource}
        first="type"
        legend={(n) => t('source.entryN', { n })}
        addLabel={t('source.add')}
        removeLabel={(n) => t('source.remove', { n })}
        max={100}
        errors={errors}
        form={form}
      >
        {(row, path, update) => (
          <div className="grid">
            <SelectInput
              path={`${path}.type`}
              label={t('source.type')}
              value={row.type}
              options={[{ value: '', label: t('form.choose') }, ...SOURCE_TYPES.map((s) => ({ value: s, label: sourceTypeLabel(t, s) }))]}
              groups={[{ label: t('lookups.ownValues'), options: ownChoices(t, own, 'sourceType', row.type, lang) }]}
              onChange={(type) => update({ type }, 'type')}
              errors={errors}
            />
            <SelectInput
              path={`${path}.reliability`}
              label={t('source.reliability')}
              value={row.reliability}
              options={SOURCE_RELIABILITY.map((r) => ({ value: r, label: reliabilityLabel(t, r) }))}
              onChange={(reliability) => update({ reliability }, 'reliability')}
              errors={errors}
            />
            <SelectInput
              path={`${path}.connection`}
              label={t('source.connection')}
              value={row.connection}
              options={SOURCE_CONNECTIONS.map((c) => ({ value: c, label: connectionLabel(t, c) }))}
              onChange={(connection) => update({ connection }, 'connection')}
              errors={errors}
            />
            <DateInput path={`${path}.date`} label={t('source.date')} value={row.date} onChange={(date) => update({ date }, 'date')} errors={errors} />
            <TextInput path={`${path}.organisation`} label={t('source.organisation')} hint={t('source.organisationHint')} value={row.organisation} onChange={(organisation) => update({ organisation }, 'organisation')} errors={errors} />
          </div>
        )}
      </RepeatableRows>
    </fieldset>
  );
}
