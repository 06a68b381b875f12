// Why: the administrator sees whether the server's daily backup worked, without a shell: when it last ran,
// whether it worked (and why not), and how many backups are kept. Never where they are kept.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { timestamp } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';

export function BackupStatusPanel() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const status = useQuery({ queryKey: ['backup-status'], queryFn: api.backupStatus });
  const s = status.data;
  let summary = '';
  let tone = 'neutral';
  if (s && !s.scheduled) summary = t('audit.backup.off');
  else if (s && !s.last) summary = t('audit.backup.never');
  else if (s?.last?.ok) { summary = t('audit.backup.ok', { when: timestamp(s.last.at, lang), count: s.last.kept.length }); tone = 'ok'; }
  else if (s?.last) { summary = t('audit.backup.failed', { when: timestamp(s.last.at, lang) }); tone = 'bad'; }
  return (
    <section className={`panel verification-status tone-${tone}`} aria-labelledby="backup-status-title" data-testid="backup-status">
      <h2 id="backup-status-title">{t('audit.backup.title')}</h2>
      {s && <p role="status" data-testid="backup-status-summary"><strong>{summary}</strong></p>}
      {s?.last && !s.last.ok && s.last.error && <p lang="en" dir="ltr">{s.last.error}</p>}
      <p className="hint">{t('audit.backup.hint')}</p>
      {status.isError && <ApiErrorMessage error={status.error} />}
    </section>
  );
}
