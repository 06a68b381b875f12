// Why: the frame around every signed-in page: skip link, header (product, organisation, user, role),
// main navigation, language switcher and sign-out. On a tablet the navigation and the tools fold into a
// menu behind one button (the language choice stays in view), so the page starts right under a one-line header.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { roleLabel } from '../format.ts';
import { canDecideVerification, canEditRecords, canImport, canLinkDuplicates, canLoadAreas, canManageAccounts, canManageLookups, canManageParties, canReadAudit, canReadSettings, canReview, useLogout, useMe } from '../session.tsx';
import { useCompact } from '../media.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { canReadAlerts, canReadAlertSummary, canReadCommitments, canReadFigures, canReadReports, canRecordObservations } from '../session.tsx';

// The count of new alerts brings the early-warning contract with it: loaded after the frame, never in the first download.
const AlertBadge = lazy(() => import('./warnings/AlertBadge.tsx'));

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const compact = useCompact();
  const [menuOpen, setMenuOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  // Choosing a page closes the menu; so does widening the window (the menu is then the header itself).
  useEffect(() => setMenuOpen(false), [pathname, compact]);
  const folded = compact && !menuOpen;
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
        {compact && (
          <button
            type="button"
            ref={toggle}
            className="secondary nav-toggle"
            aria-expanded={menuOpen}
            aria-controls="app-menu"
            onClick={() => setMenuOpen((open) => !open)}
            data-testid="nav-toggle"
          >
            <span aria-hidden="true" className="menu-mark" />{t('nav.menu')}
          </button>
        )}
        <div
          id="app-menu"
          className="app-menu"
          hidden={folded}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && compact) {
              setMenuOpen(false);
              toggle.current?.focus();
            }
          }}
        >
          <nav aria-label={t('app.mainNav')} className="main-nav">
            <ul>
              {canReadFigures(me.user.role) && <li><Link to="/dashboard" aria-current={pathname === '/dashboard' || pathname === '/map' ? 'page' : undefined} data-testid="nav-dashboard">{t('nav.dashboard')}</Link></li>}
              {!canManageAccounts(me.user.role) && <li><NavLink to="/incidents" end>{t('nav.incidents')}</NavLink></li>}
              {canManageAccounts(me.user.role) && <li><NavLink to="/users">{t('users.nav')}</NavLink></li>}
              {canReadAudit(me.user.role) && <li><NavLink to="/audit">{t('audit.nav')}</NavLink></li>}
              {canEditRecords(me.user.role) && <li><NavLink to="/incidents/new">{t('nav.newIncident')}</NavLink></li>}
              {canDecideVerification(me.user.role) && <li><NavLink to="/verification">{t('nav.verificationQueue')}</NavLink></li>}
              {canLinkDuplicates(me.user.role) && <li><NavLink to="/duplicates">{t('duplicatesPage.nav')}</NavLink></li>}
              {canReadCommitments(me.user.role) && <li><NavLink to="/commitments">{t('commitments.nav')}</NavLink></li>}
              {canReadAlerts(me.user.role)
                ? <li><NavLink to="/warnings" data-testid="nav-warnings">{t('warnings.nav')}<Suspense fallback={null}><AlertBadge /></Suspense></NavLink></li>
                : canRecordObservations(me.user.role) ? <li><NavLink to="/warnings/observations" data-testid="nav-warnings">{t('warnings.nav')}</NavLink></li>
                  : canReadAlertSummary(me.user.role) && <li><NavLink to="/warnings/report" data-testid="nav-warnings">{t('warnings.nav')}</NavLink></li>}
              {canReadReports(me.user.role) && <li><NavLink to="/reports" data-testid="nav-reports">{t('nav.reports')}</NavLink></li>}
              {canImport(me.user.role) && <li><NavLink to="/import">{t('import.nav.link')}</NavLink></li>}
              {canManageLookups(me.user.role) && <li><NavLink to="/lists">{t('lookups.nav')}</NavLink></li>}
              {canManageParties(me.user.role) && <li><NavLink to="/parties">{t('parties.nav')}</NavLink></li>}
              {canLoadAreas(me.user.role) && <li><NavLink to="/places">{t('areas.nav')}</NavLink></li>}
              {canManageParties(me.user.role) && <li><NavLink to="/reference">{t('reference.nav')}</NavLink></li>}
              {canReview(me.user.role) && <li><NavLink to="/reviews">{t('verify.reviews.nav')}</NavLink></li>}
              {canReadSettings(me.user.role) && <li><NavLink to="/settings">{t('verify.settings.nav')}</NavLink></li>}
              <li><NavLink to="/account">{t('nav.account')}</NavLink></li>
            </ul>
          </nav>
          <div className="header-tools">
            <span className="user" data-testid="current-user">
              {t('app.signedInAs', { email: me.user.email, role: roleLabel(t, me.user.role) })}
            </span>
            <button type="button" className="secondary" onClick={() => logout.mutate()} disabled={logout.isPending}>
              {t('app.signOut')}
            </button>
          </div>
        </div>
        {/* Always in view, menu or not: someone who cannot read the current language must find it at once. */}
        <LanguageSwitcher />
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
      <footer className="app-footer">
        <p>{t('words.attribution')}</p>
      </footer>
    </>
  );
}
