// Why: the simple frame of the sign-in, two-factor and enrolment screens (product name, language switcher).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';

export function AuthFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth-frame">
      <header className="auth-header">
        <span className="product">{t('app.name')}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="auth-card" tabIndex={-1}>{children}</main>
    </div>
  );
}
