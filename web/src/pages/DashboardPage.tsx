// Why: the dashboard (route /dashboard, loaded lazily with ECharts): exact figures over the records one may read,
// or the protected tables that viewers see, under choices kept in the URL.
import { lazy, Suspense } from 'react';
import '../dashboard.css';
import { DashboardFrame, useDashboardState } from '../components/dashboard/DashboardFrame.tsx';
import { ProtectedFigures } from '../components/dashboard/ProtectedFigures.tsx';
import { RestrictedFigures } from '../components/dashboard/RestrictedFigures.tsx';
import { ReferencePanel } from '../components/dashboard/ReferencePanel.tsx';
import { canReadAlerts, useMe } from '../session.tsx';

// Coordinators' feed of open alerts: its own small chunk, so the dashboard's does not grow.
const AlertFeed = lazy(() => import('../components/warnings/AlertFeed.tsx'));

export function DashboardPage() {
  const [state, update] = useDashboardState();
  const me = useMe();
  return (
    <DashboardFrame state={state} onChange={update} above={canReadAlerts(me.user.role) && <Suspense fallback={null}><AlertFeed /></Suspense>}>
      {state.view === 'restricted' ? <RestrictedFigures state={state} /> : <ProtectedFigures state={state} />}
      <ReferencePanel state={state} />
    </DashboardFrame>
  );
}
