// Why: the dashboard (route /dashboard, loaded lazily with ECharts): exact figures over the records one may read,
// or the protected tables that viewers see, under choices kept in the URL.
import '../dashboard.css';
import { DashboardFrame, useDashboardState } from '../components/dashboard/DashboardFrame.tsx';
import { ProtectedFigures } from '../components/dashboard/ProtectedFigures.tsx';
import { RestrictedFigures } from '../components/dashboard/RestrictedFigures.tsx';
import { ReferencePanel } from '../components/dashboard/ReferencePanel.tsx';

export function DashboardPage() {
  const [state, update] = useDashboardState();
  return (
    <DashboardFrame state={state} onChange={update}>
      {state.view === 'restricted' ? <RestrictedFigures state={state} /> : <ProtectedFigures state={state} />}
      <ReferencePanel state={state} />
    </DashboardFrame>
  );
}
