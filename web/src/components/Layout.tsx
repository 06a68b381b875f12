// Why: the frame around every signed-in page: skip link, header (product, organisation, user, role),
// main navigation, language switcher and sign-out.
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { roleLabel } from '../format.ts';
import { AREAS_ATTRIBUTION } from '../places.ts';
import { canDecideVerification, canEditRecords, canImport, canLinkDuplicates, canLoadAreas, canManageLookups, canReadSettings, canReview, useLogout, useMe } from '../session.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="product">{t('app.name')}</span>
          <span className="org" title={t('app.organisation')}>{me.organisation.name}</span>
        </div>
        <nav aria-label={t('app.mainNav')} className="main-nav">
          <ul>
            <li><NavLink to="/incidents" end>{t('nav.incidents')}</NavLink></li>
            {canEditRecords(me.user.role) && <li><NavLink to="/incidents/new">{t('nav.newIncident')}</NavLink></li>}
            {canDecideVerification(me.user.role) && <li><NavLink to="/verification">{t('nav.verificationQueue')}</NavLink></li>}
            {canLinkDuplicates(me.user.role) && <li><NavLink to="/duplicates">{t('duplicatesPage.nav')}</NavLink></li>}
            {canImport(me.user.role) && <li><NavLink to="/import">{t('import.nav.link')}</NavLink></li>}
            {canManageLookups(me.user.role) && <li><NavLink to="/lists">{t('lookups.nav')}</NavLink></li>}
            {canLoadAreas(me.user.role) && <li><NavLink to="/places">{t('areas.nav')}</NavLink></li>}
            {canReview(me.user.role) && <li><NavLink to="/reviews">{t('verify.reviews.nav')}</NavLink></li>}
            {canReadSettings(me.user.role) && <li><NavLink to="/settings">{t('verify.settings.nav')}</NavLink></li>}
            <li><NavLink to="/account">{t('nav.account')}</NavLink></li>
          </ul>
        </nav>
        <div className="header-tools">
          <span className="user" data-testid="current-user">
            {t('app.signedInAs', { email: me.user.email, role: roleLabel(t, me.user.role) })}
          </span>
          <LanguageSwitcher />
          <button type="button" className="secondary" onClick={() => logout.mutate()} disabled={logout.isPending}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
      <footer className="app-footer">
        <p lang="en" dir="ltr">{AREAS_ATTRIBUTION}</p>
      </footer>
    </>
  );
}
