// Why: the alleged perpetrators, one entry per party or group (party, category, how many, in uniform, rank).
// The party is chosen from the registry (or "not known", "unidentified armed men", or proposed), never a
// person; a name imported or typed before the registry shows as written until a party is chosen for it.
import { useTranslation } from 'react-i18next';
import { PERPETRATOR_CATEGORIES } from '../../../src/shared/taxonomy.ts';
import { perpetratorCategoryLabel } from '../format.ts';
import { emptyPerpetrator } from '../formRows.ts';
import type { PerpetratorState } from '../formRows.ts';
import { errorId, fieldId } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import { NumberInput, SelectInput, TextInput, TriChoice } from './Controls.tsx';
import { PartyPicker, type PartyChoice } from './PartyPicker.tsx';
import { FieldError, Hint } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';
import { RepeatableRows } from './RepeatableRows.tsx';

/** The picker's value for a row: its linked party (under the name it was recorded with), or its explicit choice. */
const choiceOf = (row: PerpetratorState): PartyChoice | null =>
  row.partyId ? { kind: 'party', party: { id: row.partyId, name: row.party } } : row.partyChoice ? { kind: row.partyChoice } : null;

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
              <div className="field" data-testid="perpetrator-party">
                <PartyPicker
                  id={fieldId(`${path}.party`)} label={t('perpetrator.party')} hint={t('perpetrator.partyHint')} specials propose
                  value={choiceOf(row)} written={row.party}
                  errorId={(errors.get(`${path}.partyId`)?.length ?? 0) > 0 ? errorId(`${path}.partyId`) : undefined}
                  onText={(party) => update({ party, partyId: null, partyChoice: null }, 'party')}
                  onChange={(c) => update(c === null ? { party: '', partyId: null, partyChoice: null }
                    // A party chosen brings its category (the perpetrator's category is the party's).
                    : c.kind === 'party' ? { party: c.party.name, partyId: c.party.id, partyChoice: null, ...(c.party.category ? { category: c.party.category } : {}) }
                      : { party: '', partyId: null, partyChoice: c.kind }, 'party')}
                />
                {row.party && !row.partyId && !row.partyChoice && (
                  <p className="hint" data-testid="party-written">{t('perpetrator.writtenAs', { name: row.party })}</p>
                )}
                <FieldError path={`${path}.partyId`} errors={errors} form={form} />
              </div>
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
