// Why: decides which screen to show from the session stage (sign in, two-factor code, replacing a password
// an administrator handed out, two-factor enrolment, or the app), and declares the app's routes.
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiErrorMessage } from './components/ApiErrorMessage.tsx';
import { Layout } from './components/Layout.tsx';
import { PasswordChangePage } from './pages/PasswordChangePage.tsx';
import { EnrolmentPage } from './pages/EnrolmentPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { TotpPage } from './pages/TotpPage.tsx';
import { canManageAccounts, canReadAlerts, canRecordObservations, MeProvider, useMeQuery } from './session.tsx';

// Every screen after signing in is its own chunk, loaded when first visited: the first download carries the
// app's frame and the sign-in only (docs/PERFORMANCE.md). The dashboard and the map bring ECharts and MapLibre.
const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const MapPage = lazy(() => import('./pages/MapPage.tsx').then((m) => ({ default: m.MapPage })));
const AccountPage = lazy(() => import('./pages/AccountPage.tsx').then((m) => ({ default: m.AccountPage })));
const AuditPage = lazy(() => import('./pages/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const DuplicatesPage = lazy(() => import('./pages/DuplicatesPage.tsx').then((m) => ({ default: m.DuplicatesPage })));
const IncidentDetailPage = lazy(() => import('./pages/IncidentDetailPage.tsx').then((m) => ({ default: m.IncidentDetailPage })));
const IncidentEditPage = lazy(() => import('./pages/IncidentFormPage.tsx').then((m) => ({ default: m.IncidentEditPage })));
const IncidentNewPage = lazy(() => import('./pages/IncidentFormPage.tsx').then((m) => ({ default: m.IncidentNewPage })));
const IncidentListPage = lazy(() => import('./pages/IncidentListPage.tsx').then((m) => ({ default: m.IncidentListPage })));
const ImportPage = lazy(() => import('./pages/ImportPage.tsx').then((m) => ({ default: m.ImportPage })));
const ListsPage = lazy(() => import('./pages/ListsPage.tsx').then((m) => ({ default: m.ListsPage })));
const PlacesPage = lazy(() => import('./pages/PlacesPage.tsx').then((m) => ({ default: m.PlacesPage })));
const PartiesPage = lazy(() => import('./pages/PartiesPage.tsx').then((m) => ({ default: m.PartiesPage })));
const PartyNamesPage = lazy(() => import('./pages/PartyNamesPage.tsx').then((m) => ({ default: m.PartyNamesPage })));
const PartyPage = lazy(() => import('./pages/PartyPage.tsx').then((m) => ({ default: m.PartyPage })));
const VerificationQueuePage = lazy(() => import('./pages/VerificationQueuePage.tsx').then((m) => ({ default: m.VerificationQueuePage })));
const OrganisationSettingsPage = lazy(() => import('./pages/OrganisationSettingsPage.tsx').then((m) => ({ default: m.OrganisationSettingsPage })));
const ReviewPage = lazy(() => import('./pages/ReviewsPage.tsx').then((m) => ({ default: m.ReviewPage })));
const ReviewsPage = lazy(() => import('./pages/ReviewsPage.tsx').then((m) => ({ default: m.ReviewsPage })));
const CommitmentNewPage = lazy(() => import('./pages/CommitmentsPage.tsx').then((m) => ({ default: m.CommitmentNewPage })));
const CommitmentsPage = lazy(() => import('./pages/CommitmentsPage.tsx').then((m) => ({ default: m.CommitmentsPage })));
const CommitmentPage = lazy(() => import('./pages/CommitmentPage.tsx').then((m) => ({ default: m.CommitmentPage })));
const ReferencePage = lazy(() => import('./pages/ReferencePage.tsx').then((m) => ({ default: m.ReferencePage })));
const ReferenceMatchingPage = lazy(() => import('./pages/ReferenceMatchingPage.tsx').then((m) => ({ default: m.ReferenceMatchingPage })));
const PartyCompliancePage = lazy(() => import('./pages/PartyCompliancePage.tsx').then((m) => ({ default: m.PartyCompliancePage })));
const AlertsPage = lazy(() => import('./pages/AlertsPage.tsx').then((m) => ({ default: m.AlertsPage })));
const AlertPage = lazy(() => import('./pages/AlertPage.tsx').then((m) => ({ default: m.AlertPage })));
const RulesPage = lazy(() => import('./pages/RulesPage.tsx').then((m) => ({ default: m.RulesPage })));
const RuleNewPage = lazy(() => import('./pages/RulePage.tsx').then((m) => ({ default: m.RuleNewPage })));
const RulePage = lazy(() => import('./pages/RulePage.tsx').then((m) => ({ default: m.RulePage })));
const IndicatorsPage = lazy(() => import('./pages/IndicatorsPage.tsx').then((m) => ({ default: m.IndicatorsPage })));
const ObservationsPage = lazy(() => import('./pages/ObservationsPage.tsx').then((m) => ({ default: m.ObservationsPage })));
const ReportsPage = lazy(() => import('./pages/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })));
const ReportPage = lazy(() => import('./pages/ReportPage.tsx').then((m) => ({ default: m.ReportPage })));
const ReportTemplatesPage = lazy(() => import('./pages/ReportTemplatesPage.tsx').then((m) => ({ default: m.ReportTemplatesPage })));
const AlertReportPage = lazy(() => import('./pages/AlertReportPage.tsx').then((m) => ({ default: m.AlertReportPage })));

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
          {/* Everyone starts at the figures (each sees what their tier allows); administrators, who see no
              figures, at the accounts. */}
          <Route path="/" element={<Navigate to={canManageAccounts(me.data.user.role) ? '/users' : '/dashboard'} replace />} />
          <Route path="/dashboard" element={<Lazy><DashboardPage /></Lazy>} />
          <Route path="/map" element={<Lazy><MapPage /></Lazy>} />
          <Route path="/incidents" element={<Lazy><IncidentListPage /></Lazy>} />
          <Route path="/incidents/new" element={<Lazy><IncidentNewPage /></Lazy>} />
          <Route path="/incidents/:id" element={<Lazy><IncidentDetailPage /></Lazy>} />
          <Route path="/incidents/:id/edit" element={<Lazy><IncidentEditPage /></Lazy>} />
          <Route path="/verification" element={<Lazy><VerificationQueuePage /></Lazy>} />
          <Route path="/duplicates" element={<Lazy><DuplicatesPage /></Lazy>} />
          <Route path="/import" element={<Lazy><ImportPage /></Lazy>} />
          <Route path="/lists" element={<Lazy><ListsPage /></Lazy>} />
          <Route path="/places" element={<Lazy><PlacesPage /></Lazy>} />
          <Route path="/parties" element={<Lazy><PartiesPage /></Lazy>} />
          <Route path="/parties/names" element={<Lazy><PartyNamesPage /></Lazy>} />
          <Route path="/parties/:id" element={<Lazy><PartyPage /></Lazy>} />
          <Route path="/reference" element={<Lazy><ReferencePage /></Lazy>} />
          <Route path="/reference/matching" element={<Lazy><ReferenceMatchingPage /></Lazy>} />
          <Route path="/account" element={<Lazy><AccountPage /></Lazy>} />
          <Route path="/users" element={<Lazy><UsersPage /></Lazy>} />
          <Route path="/audit" element={<Lazy><AuditPage /></Lazy>} />
          <Route path="/settings" element={<Lazy><OrganisationSettingsPage /></Lazy>} />
          <Route path="/reviews" element={<Lazy><ReviewsPage /></Lazy>} />
          <Route path="/reviews/:id" element={<Lazy><ReviewPage /></Lazy>} />
          <Route path="/commitments" element={<Lazy><CommitmentsPage /></Lazy>} />
          <Route path="/commitments/new" element={<Lazy><CommitmentNewPage /></Lazy>} />
          <Route path="/commitments/parties/:id" element={<Lazy><PartyCompliancePage /></Lazy>} />
          <Route path="/commitments/:id" element={<Lazy><CommitmentPage /></Lazy>} />
          {/* Early warning: coordinators start at the alerts; monitors and partners have the observations only. */}
          <Route path="/warnings" element={canReadAlerts(me.data.user.role) ? <Lazy><AlertsPage /></Lazy> : <Navigate to={canRecordObservations(me.data.user.role) ? '/warnings/observations' : '/warnings/report'} replace />} />
          <Route path="/warnings/alerts/:id" element={<Lazy><AlertPage /></Lazy>} />
          <Route path="/warnings/rules" element={<Lazy><RulesPage /></Lazy>} />
          <Route path="/warnings/rules/new" element={<Lazy><RuleNewPage /></Lazy>} />
          <Route path="/warnings/rules/:id" element={<Lazy><RulePage /></Lazy>} />
          <Route path="/warnings/indicators" element={<Lazy><IndicatorsPage /></Lazy>} />
          <Route path="/warnings/observations" element={<Lazy><ObservationsPage /></Lazy>} />
          <Route path="/warnings/report" element={<Lazy><AlertReportPage /></Lazy>} />
          {/* Reports: coordinators write and move them along; viewers read approved and submitted versions. */}
          <Route path="/reports" element={<Lazy><ReportsPage /></Lazy>} />
          <Route path="/reports/templates" element={<Lazy><ReportTemplatesPage /></Lazy>} />
          <Route path="/reports/:id" element={<Lazy><ReportPage /></Lazy>} />
          <Route path="/reports/:id/:tab" element={<Lazy><ReportPage /></Lazy>} />
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
