// Why: individual victims, optional, beside the tally: each a pseudonymous code (never a name) and a profile.
// Identifying as a whole (sex, age and nationality together can single a person out), so the server seals
// them with the narrative. Each entry says which tally category it falls in, since entries per category may
// not exceed the count.
import { useTranslation } from 'react-i18next';
import { survivorCategory } from '../../../src/shared/incident.ts';
import { AGE_GROUPS, DISPLACEMENT_STATUSES, SEXES } from '../../../src/shared/taxonomy.ts';
import { ageGroupLabel, displacementStatusLabel, sexLabel, victimLabel } from '../format.ts';
import { emptySurvivor, survivorView } from '../formRows.ts';
import type { SurvivorState } from '../formRows.ts';
import { fieldId } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import { NumberInput, SelectInput, TextInput, TriChoice } from './Controls.tsx';
import { FieldError, Hint, IdentifyingMark } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';
import { RepeatableRows } from './RepeatableRows.tsx';

interface Props {
  form: FormState;
  onChange: (survivors: SurvivorState[], path: string | null) => void;
  errors: Errors;
  /** Erased on the survivor's request: the entries are gone for good. */
  erased?: boolean;
}

function CountedAs({ row }: { row: SurvivorState }) {
  const { t } = useTranslation();
  const v = survivorView(row);
  const category = survivorCategory({ ...v, sex: v.sex ?? 'unknown' });
  return <p className="hint counted-as">{t('survivor.countedAs', { category: victimLabel(t, category) })}</p>;
}

export function SurvivorsFields({ form, onChange, errors, erased = false }: Props) {
  const { t } = useTranslation();
  const notKnown = { value: '' as const, label: t('form.notKnown') };
  return (
    <fieldset className="section" id={fieldId('survivors')} tabIndex={-1} aria-describedby="survivors-hint" data-testid="survivors-fields">
      <legend>{t('incident.survivors')}<IdentifyingMark /></legend>
      <Hint id="survivors-hint">{t('survivor.hint')}</Hint>
      <FieldError path="survivors" errors={errors} form={form} />
      {erased ? <p className="erased-note">{t('erased.survivorsNote')}</p> : (
        <RepeatableRows
          name="survivors"
          rows={form.survivors}
          onChange={onChange}
          make={emptySurvivor}
          first="code"
          legend={(n) => t('survivor.entryN', { n })}
          addLabel={t('survivor.add')}
          removeLabel={(n) => t('survivor.remove', { n })}
          max={500}
          errors={errors}
          form={form}
        >
          {(row, path, update) => (
            <>
              <div className="grid">
                <TextInput path={`${path}.code`} label={t('survivor.code')} hint={t('survivor.codeHint')} code maxLength={40} value={row.code} onChange={(code) => update({ code }, 'code')} errors={errors} />
                <SelectInput
                  path={`${path}.sex`}
                  label={t('survivor.sex')}
                  value={row.sex}
                  options={[{ value: '', label: t('form.choose') }, ...SEXES.map((s) => ({ value: s, label: sexLabel(t, s) }))]}
                  onChange={(sex) => update({ sex }, 'sex')}
                  errors={errors}
                />
                <NumberInput path={`${path}.age`} label={t('survivor.age')} min={0} max={130} value={row.age} onChange={(age) => update({ age }, 'age')} errors={errors} />
                <SelectInput
                  path={`${path}.ageGroup`}
                  label={t('survivor.ageGroup')}
                  value={row.ageGroup}
                  options={[notKnown, ...AGE_GROUPS.map((a) => ({ value: a, label: ageGroupLabel(t, a) }))]}
                  onChange={(ageGroup) => update({ ageGroup }, 'ageGroup')}
                  errors={errors}
                />
                <SelectInput
                  path={`${path}.displacement`}
                  label={t('survivor.displacement')}
                  value={row.displacement}
                  options={[notKnown, ...DISPLACEMENT_STATUSES.map((d) => ({ value: d, label: displacementStatusLabel(t, d) }))]}
                  onChange={(displacement) => update({ displacement }, 'displacement')}
                  errors={errors}
                />
                <TextInput
                  path={`${path}.nationality`}
                  label={t('survivor.nationality')}
                  hint={t('survivor.nationalityHint')}
                  code
                  maxLength={3}
                  value={row.nationality}
                  onChange={(v) => update({ nationality: v.toUpperCase().replace(/[^A-Z]/g, '') }, 'nationality')}
                  errors={errors}
                />
              </div>
              <div className="grid wide">
                <TriChoice path={`${path}.child`} legend={t('survivor.child')} value={row.child} onChange={(child) => update({ child }, 'child')} errors={errors} />
                <TriChoice path={`${path}.disability`} legend={t('survivor.disability')} value={row.disability} onChange={(disability) => update({ disability }, 'disability')} errors={errors} />
              </div>
              <CountedAs row={row} />
            </>
          )}
        </RepeatableRows>
      )}
    </fieldset>
  );
}
