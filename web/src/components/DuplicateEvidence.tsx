// Why: the evidence behind a duplicate score, field by field: which way each field weighs (symbol and word, not
// colour alone), its signed points and what was found, in words with the values' labels (evidenceWords.ts).
// Shared by a record's Possible duplicates and the organisation-wide review of scanned pairs.
import { useTranslation } from 'react-i18next';
import { evidenceField, formatPoints, weighs, type Evidence } from '../duplicates.ts';
import { evidenceWords, type EvidenceNames } from '../evidenceWords.ts';
import { currentLanguage } from '../i18n/index.ts';
import { useListLabels } from '../lookups.ts';
import { useAreaNames } from '../places.ts';

const MARKS = { for: '▲', against: '▼', neutral: '•' } as const;

export function DuplicateEvidence({ caption, fields, countries }: { caption: string; fields: readonly Evidence[]; countries: readonly string[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const names: EvidenceNames = { areas: useAreaNames(countries), setting: useListLabels().setting, lang };
  return (
    <table className="evidence" data-testid="evidence">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('duplicates.col.field')}</th>
          <th scope="col">{t('duplicates.col.weighs')}</th>
          <th scope="col" className="num">{t('duplicates.col.points')}</th>
          <th scope="col">{t('duplicates.col.note')}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => {
          const way = weighs(f.points);
          return (
            <tr key={f.field} data-testid={`evidence-${f.field}`}>
              <th scope="row">{evidenceField(t, f.field)}</th>
              <td className={`weighs ${way}`}><span aria-hidden="true" className="weigh-mark">{MARKS[way]}</span> {t(`duplicates.weighs.${way}`)}</td>
              <td className="num"><span dir="ltr">{formatPoints(f.points, lang)}</span></td>
              {((words) => (words === null ? <td lang="en" dir="ltr">{f.note}</td> : <td>{words}</td>))(evidenceWords(t, f, names))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
