// Why: decides which screen to show from the session stage (sign in, two-factor code, replacing a password
// an administrator handed out, two-factor enrolment, or the app), and declares the app's routes.
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiErrorMessage } from './components/ApiErrorMessage.tsx';
import { Layout } from './components/Layout.tsx';
import { AccountPage } from './pages/AccountPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { PasswordChangePage } from './pages/PasswordChangePage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { DuplicatesPage } from './pages/DuplicatesPage.tsx';
import { EnrolmentPage } from './pages/EnrolmentPage.tsx';
import { IncidentDetailPage } from './pages/IncidentDetailPage.tsx';
import { IncidentEditPage, IncidentNewPage } from './pages/IncidentFormPage.tsx';
import { IncidentListPage } from './pages/IncidentListPage.tsx';
import { ImportPage } from './pages/ImportPage.tsx';
import { ListsPage } from './pages/ListsPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PlacesPage } from './pages/PlacesPage.tsx';
import { PartiesPage } from './pages/PartiesPage.tsx';
import { PartyNamesPage } from './pages/PartyNamesPage.tsx';
import { PartyPage } from './pages/PartyPage.tsx';
import { TotpPage } from './pages/TotpPage.tsx';
import { VerificationQueuePage } from './pages/VerificationQueuePage.tsx';
import { OrganisationSettingsPage } from './pages/OrganisationSettingsPage.tsx';
import { ReviewPage, ReviewsPage } from './pages/ReviewsPage.tsx';
import { CommitmentNewPage, CommitmentsPage } from './pages/CommitmentsPage.tsx';
import { CommitmentPage } from './pages/CommitmentPage.tsx';
import { PartyCompliancePage } from './pages/PartyCompliancePage.tsx';
import { canManageAccounts, MeProvider, useMeQuery } from './session.tsx';

// The dashboard and the map bring ECharts and MapLibre: loaded when first visited, not with the app.
const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const MapPage = lazy(() => import('./pages/MapPage.tsx').then((m) => ({ default: m.MapPage })));

export function App() {
  const { t } = useTranslation();
  const me = useMeQuery();

  if (me.isPending) return <p className="loading boot" role="status">{t('app.loading')}</p>;
  if (me.isError) return <main id="main" className="auth-card"><ApiErrorMessage error={me.error} onRetry={() => void me.refetch()} /></main>;
  // The address stays as it is: after signing in, the user lands where they were going.
  if (!me.data) return <LoginPage />;
  if (me.data.stage === 'totp_required') return <TotpPage />;
  if (me.data.stage === 'password_change_required') return <PasswordChangePage />;
  if (me.data.stage === 'totp_enrolment_required') return <EnrolmentPage />;

  return (
    <MeProvider value={me.data}>
      <Layout>
        <Routes>
          {/* Administrators do not work on records: they start at the accounts. */}
          <Route path="/" element={<Navigate to={canManageAccounts(me.data.user.role) ? '/users' : '/incidents'} replace />} />
          <Route path="/dashboard" element={<Lazy><DashboardPage /></Lazy>} />
          <Route path="/map" element={<Lazy><MapPage /></Lazy>} />
          <Route path="/incidents" element={<IncidentListPage />} />
          <Route path="/incidents/new" element={<IncidentNewPage />} />
          <Route path="/incidents/:id" element={<IncidentDetailPage />} />
          <Route path="/incidents/:id/edit" element={<IncidentEditPage />} />
          <Route path="/verification" element={<VerificationQueuePage />} />
          <Route path="/duplicates" element={<DuplicatesPage />} />
          <Route path="/import" element={<ImportPage />} />
          <Route path="/lists" element={<ListsPage />} />
          <Route path="/places" element={<PlacesPage />} />
          <Route path="/parties" element={<PartiesPage />} />
          <Route path="/parties/names" element={<PartyNamesPage />} />
          <Route path="/parties/:id" element={<PartyPage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/users" element={<UsersPage />} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="/settings" element={<OrganisationSettingsPage />} />
          <Route path="/reviews" element={<ReviewsPage />} />
          <Route path="/reviews/:id" element={<ReviewPage />} />
          <Route path="/commitments" element={<CommitmentsPage />} />
          <Route path="/commitments/new" element={<CommitmentNewPage />} />
          <Route path="/commitments/parties/:id" element={<PartyCompliancePage />} />
          <Route path="/commitments/:id" element={<CommitmentPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Layout>
    </MeProvider>
  );
}

function Lazy({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <Suspense fallback={<p className="loading" role="status">{t('app.loading')}</p>}>{children}</Suspense>;
}
