// Why: the Place section: country, admin areas from the server's list (the bundled one until it loads; codes
// stored, names shown in the reader's language), locality and optional coordinates (both identifying,
// encrypted by the server), and how finely the place may be shown when shared (coarser where a small district
// could point to a survivor). Once erased on the survivor's request, locality and coordinates give way to a
// note: they cannot come back.
import { useTranslation } from 'react-i18next';
import { DISPLAY_LEVELS, LOCATION_PRECISIONS } from '../../../src/shared/taxonomy.ts';
import { countryName, precisionLabel } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { fieldId } from '../incidentForm.ts';
import type { DisplayLevel, FormState, Precision } from '../incidentForm.ts';
import { admin1Of, admin2Of, areaLabel, hasAdmin2, usePlaceCountries, usePlaces } from '../places.ts';
import { controlProps, FieldError, Hint, IdentifyingMark } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';

interface Props {
  form: FormState;
  set: (patch: Partial<FormState>, path: string) => void;
  errors: Errors;
  /** Identifying details were erased on the survivor's request: no locality or coordinates inputs any more. */
  erased?: boolean;
}

const OTHER = '__other';
const isPrecision = (v: string): v is Precision => LOCATION_PRECISIONS.some((p) => p === v);
const isDisplayLevel = (v: string): v is DisplayLevel => DISPLAY_LEVELS.some((l) => l === v);

export function PlaceFields({ form, set, errors, erased = false }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const countries = usePlaceCountries();
  // "Other" is the user's choice, or a stored country the pickers do not offer (shown as its code).
  const other = form.otherCountry || (form.country !== '' && !countries.includes(form.country));
  const areas = usePlaces(form.country);
  const admin1Options = admin1Of(areas, lang);
  const admin2Options = form.admin1 ? admin2Of(areas, form.admin1, lang) : [];
  const noCountry = !other && form.country === '';
  // Areas: a list where the country has one (a typed code too), free text where none exists for it.
  const mode1 = noCountry ? 'none' : admin1Options.length > 0 ? 'list' : 'text';
  const mode2 = noCountry ? 'none' : hasAdmin2(areas) ? 'list' : 'text';
  /** Keeps a stored value selectable even if it is no longer in the list. */
  const extra = (value: string, codes: string[]) =>
    value && !codes.includes(value) ? <option value={value}>{value}</option> : null;

  const onCountry = (v: string) => {
    if (v === OTHER) set({ otherCountry: true, country: '', admin1: '', admin2: '' }, 'place.country');
    else set({ otherCountry: false, country: v, admin1: '', admin2: '' }, 'place.country');
  };

  return (
    <fieldset className="section" id={fieldId('place')} tabIndex={-1}>
      <legend>{t('form.sectionPlace')}</legend>
      <FieldError path="place" errors={errors} form={form} />
      <div className="grid">
        <div className="field">
          <label htmlFor={other ? 'country-select' : fieldId('place.country')}>{t('incident.country')}</label>
          <select
            value={other ? OTHER : form.country}
            onChange={(e) => onCountry(e.target.value)}
            data-testid="place.country"
            {...(other ? { id: 'country-select' } : controlProps('place.country', errors))}
          >
            <option value="">{t('form.chooseCountry')}</option>
            {countries.map((c) => <option key={c} value={c}>{countryName(t, c)}</option>)}
            <option value={OTHER}>{t('form.otherCountry')}</option>
          </select>
          {!other && <FieldError path="place.country" errors={errors} form={form} />}
        </div>
        {other && (
          <div className="field">
            <label htmlFor={fieldId('place.country')}>{t('form.otherCountryCode')}</label>
            <input
              type="text"
              value={form.country}
              maxLength={3}
              autoComplete="off"
              spellCheck={false}
              className="code-input"
              onChange={(e) => set({ otherCountry: true, country: e.target.value.toUpperCase().replace(/[^A-Z]/g, '') }, 'place.country')}
              {...controlProps('place.country', errors, 'country-hint')}
            />
            <Hint id="country-hint">{t('form.otherCountryHint')}</Hint>
            <FieldError path="place.country" errors={errors} form={form} />
          </div>
        )}
        <div className="field">
          <label htmlFor={fieldId('place.admin1')}>{t('incident.admin1')}</label>
          {mode1 === 'list' && (
            <select value={form.admin1} onChange={(e) => set({ admin1: e.target.value, admin2: '' }, 'place.admin1')} {...controlProps('place.admin1', errors)}>
              <option value="">{t('form.chooseArea')}</option>
              {admin1Options.map((a) => <option key={a.code} value={a.code}>{areaLabel(a, lang)}</option>)}
              {extra(form.admin1, admin1Options.map((a) => a.code))}
            </select>
          )}
          {mode1 === 'text' && (
            <input type="text" dir="auto" maxLength={120} value={form.admin1} onChange={(e) => set({ admin1: e.target.value }, 'place.admin1')} {...controlProps('place.admin1', errors, 'admin1-hint')} />
          )}
          {mode1 === 'none' && (
            <select disabled {...controlProps('place.admin1', errors, 'admin1-hint')}><option>{t('form.chooseArea')}</option></select>
          )}
          {mode1 !== 'list' && <Hint id="admin1-hint">{mode1 === 'text' ? t('form.areaFreeTextHint') : t('form.chooseCountryFirst')}</Hint>}
          <FieldError path="place.admin1" errors={errors} form={form} />
        </div>
        <div className="field">
          <label htmlFor={fieldId('place.admin2')}>{t('incident.admin2')}</label>
          {mode2 === 'list' && (
            <select value={form.admin2} disabled={!form.admin1} onChange={(e) => set({ admin2: e.target.value }, 'place.admin2')} {...controlProps('place.admin2', errors, form.admin1 ? undefined : 'admin2-hint')}>
              <option value="">{t('form.chooseArea')}</option>
              {admin2Options.map((a) => <option key={a.code} value={a.code}>{areaLabel(a, lang)}</option>)}
              {extra(form.admin2, admin2Options.map((a) => a.code))}
            </select>
          )}
          {mode2 === 'text' && (
            <input type="text" dir="auto" maxLength={120} value={form.admin2} onChange={(e) => set({ admin2: e.target.value }, 'place.admin2')} {...controlProps('place.admin2', errors)} />
          )}
          {mode2 === 'none' && (
            <select disabled {...controlProps('place.admin2', errors, 'admin2-hint')}><option>{t('form.chooseArea')}</option></select>
          )}
          {mode2 === 'none' && <Hint id="admin2-hint">{t('form.chooseCountryFirst')}</Hint>}
          {mode2 === 'list' && !form.admin1 && <Hint id="admin2-hint">{t('form.chooseAdmin1First')}</Hint>}
          <FieldError path="place.admin2" errors={errors} form={form} />
        </div>
        {!erased && <div className="field">
          <label htmlFor={fieldId('place.locality')}>{t('incident.locality')}<IdentifyingMark /></label>
          {/* Identifying: no spell-check (some browsers send the text to an online service). */}
          <input type="text" maxLength={200} autoComplete="off" spellCheck={false} value={form.locality} onChange={(e) => set({ locality: e.target.value }, 'place.locality')} {...controlProps('place.locality', errors, 'locality-hint')} />
          <Hint id="locality-hint">{t('form.localityHint')}</Hint>
          <FieldError path="place.locality" errors={errors} form={form} />
        </div>}
      </div>
      <div className="grid wide">
        <div className="field">
          <label htmlFor={fieldId('place.displayLevel')}>{t('lookups.displayLevel.label')}</label>
          <select
            value={form.displayLevel}
            onChange={(e) => { if (isDisplayLevel(e.target.value)) set({ displayLevel: e.target.value }, 'place.displayLevel'); }}
            {...controlProps('place.displayLevel', errors, 'display-level-hint')}
          >
            {DISPLAY_LEVELS.map((l) => <option key={l} value={l}>{t(`lookups.displayLevel.levels.${l}`)}</option>)}
          </select>
          <Hint id="display-level-hint">{t('lookups.displayLevel.hint')}</Hint>
          <FieldError path="place.displayLevel" errors={errors} form={form} />
        </div>
      </div>

      {erased
        ? <p className="erased-note" data-testid="place-erased">{t('erased.placeNote')}</p>
        : <CoordinateFields form={form} set={set} errors={errors} />}
    </fieldset>
  );
}

/** "Add coordinates" and, once ticked, latitude, longitude and precision (identifying, encrypted). */
function CoordinateFields({ form, set, errors }: Omit<Props, 'erased'>) {
  const { t } = useTranslation();
  return (
    <>
      <div className="checkbox">
        <input
          type="checkbox"
          checked={form.hasCoordinates}
          onChange={(e) => set({ hasCoordinates: e.target.checked }, 'place.coordinates')}
          {...controlProps('place.coordinates', errors, 'coordinates-hint')}
        />
        <label htmlFor={fieldId('place.coordinates')}>{t('form.addCoordinates')}<IdentifyingMark /></label>
      </div>
      <Hint id="coordinates-hint">{t('form.coordinatesHint')}</Hint>
      <FieldError path="place.coordinates" errors={errors} form={form} />
      {form.hasCoordinates && (
        <div className="grid">
          {(['lat', 'lon'] as const).map((k) => (
            <div className="field" key={k}>
              <label htmlFor={fieldId(`place.coordinates.${k}`)}>{t(`incident.${k}`)}</label>
              <input
                type="number"
                inputMode="decimal"
                step="any"
                min={k === 'lat' ? -90 : -180}
                max={k === 'lat' ? 90 : 180}
                autoComplete="off"
                value={form[k]}
                onChange={(e) => set({ [k]: e.target.value }, `place.coordinates.${k}`)}
                {...controlProps(`place.coordinates.${k}`, errors)}
              />
              <FieldError path={`place.coordinates.${k}`} errors={errors} form={form} />
            </div>
          ))}
          <div className="field">
            <label htmlFor={fieldId('place.coordinates.precision')}>{t('incident.precision')}</label>
            <select
              value={form.precision}
              onChange={(e) => set({ precision: isPrecision(e.target.value) ? e.target.value : '' }, 'place.coordinates.precision')}
              {...controlProps('place.coordinates.precision', errors)}
            >
              <option value="">{t('form.choosePrecision')}</option>
              {LOCATION_PRECISIONS.map((p) => <option key={p} value={p}>{precisionLabel(t, p)}</option>)}
            </select>
            <FieldError path="place.coordinates.precision" errors={errors} form={form} />
          </div>
        </div>
      )}
    </>
  );
}
