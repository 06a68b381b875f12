// Why: the alleged perpetrators, one entry per party or group (party, category, how many, in uniform, rank).
// The party is named as in reporting (an armed force, group or unit), never a person.
import { useTranslation } from 'react-i18next';
import { PERPETRATOR_CATEGORIES } from '../../../src/shared/taxonomy.ts';
import { perpetratorCategoryLabel } from '../format.ts';
import { emptyPerpetrator } from '../formRows.ts';
import type { PerpetratorState } from '../formRows.ts';
import { fieldId } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import { NumberInput, SelectInput, TextInput, TriChoice } from './Controls.tsx';
import { FieldError, Hint } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';
import { RepeatableRows } from './RepeatableRows.tsx';

interface Props {
  form: FormState;
  onChange: (perpetrators: PerpetratorState[], path: string | null) => void;
  errors: Errors;
}

export function PerpetratorsFields({ form, onChange, errors }: Props) {
  const { t } = useTranslation();
  return (
    <fieldset className="section" id={fieldId('perpetrators')} tabIndex={-1} aria-describedby="perpetrators-hint" data-testid="perpetrators-fields">
      <legend>{t('incident.perpetrators')}</legend>
      <Hint id="perpetrators-hint">{t('perpetrator.hint')}</Hint>
      <FieldError path="perpetrators" errors={errors} form={form} />
      <RepeatableRows
        name="perpetrators"
        rows={form.perpetrators}
        onChange={onChange}
        make={emptyPerpetrator}
        first="party"
        legend={(n) => t('perpetrator.entryN', { n })}
        addLabel={t('perpetrator.add')}
        removeLabel={(n) => t('perpetrator.remove', { n })}
        max={50}
        errors={errors}
        form={form}
      >
        {(row, path, update) => (
          <>
            <div className="grid">
              <TextInput path={`${path}.party`} label={t('perpetrator.party')} hint={t('perpetrator.partyHint')} value={row.party} onChange={(party) => update({ party }, 'party')} errors={errors} />
              <SelectInput
                path={`${path}.category`}
                label={t('perpetrator.category')}
                value={row.category}
                options={PERPETRATOR_CATEGORIES.map((c) => ({ value: c, label: perpetratorCategoryLabel(t, c) }))}
                onChange={(category) => update({ category }, 'category')}
                errors={errors}
              />
              <NumberInput path={`${path}.number`} label={t('perpetrator.number')} hint={t('perpetrator.numberHint')} min={1} max={100000} value={row.number} onChange={(number) => update({ number }, 'number')} errors={errors} />
              <TextInput path={`${path}.rank`} label={t('perpetrator.rank')} maxLength={100} value={row.rank} onChange={(rank) => update({ rank }, 'rank')} errors={errors} />
            </div>
            <TriChoice path={`${path}.inUniform`} legend={t('perpetrator.inUniform')} value={row.inUniform} onChange={(inUniform) => update({ inUniform }, 'inUniform')} errors={errors} />
          </>
        )}
      </RepeatableRows>
    </fieldset>
  );
}
