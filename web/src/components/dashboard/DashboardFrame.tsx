// Why: what the dashboard's two pages (figures, map) share: the heading, the tabs between them (which keep the
// choices), the switch between exact and protected figures (viewers have only the protected ones), and the
// choices, all read from and written to the URL.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useSearchParams } from 'react-router';
import { DASHBOARD_VIEWS, readDashboard, writeDashboard, type DashboardState } from '../../dashboardQuery.ts';
import { useMe } from '../../session.tsx';
import { PageHeading } from '../PageHeading.tsx';
import { DashboardControls } from './DashboardControls.tsx';
import { RadioChoice } from './RadioChoice.tsx';

/**
 * The page's choices from the URL; viewers read the protected tier only, whatever the URL says. As on the
 * incident list, controls follow a local copy updated at once, and the URL (updated in a router transition)
 * catches up; a change of the URL from elsewhere (back button, a link) replaces the copy.
 */
export function useDashboardState(): [DashboardState, (patch: Partial<DashboardState>) => void] {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const fromUrl = writeDashboard(readDashboard(params)).toString();
  const [local, setLocal] = useState(() => readDashboard(params));
  const current = useRef(local);
  // Addresses this page wrote that the router has not shown yet: when one arrives, the copy is already as new
  // (or newer: two quick choices), so only an address nobody here wrote replaces it.
  const written = useRef<string[]>([]);
  useEffect(() => {
    const mine = written.current.indexOf(fromUrl);
    if (mine >= 0) {
      written.current = written.current.slice(mine + 1);
      return;
    }
    const next = readDashboard(new URLSearchParams(fromUrl));
    current.current = next;
    setLocal(next);
  }, [fromUrl]);
  const update = useCallback((patch: Partial<DashboardState>) => {
    const next = { ...current.current, ...patch };
    current.current = next;
    setLocal(next);
    const query = writeDashboard(next);
    written.current.push(query.toString());
    setParams(query);
  }, [setParams]);
  // Viewers read only the protected tier; monitors and partners only their own exact figures (they do not
  // read the protected tier: knowing their own records, they could take them away from a published cell).
  const role = me.user.role;
  return [role === 'viewer' ? { ...local, view: 'protected' } : role === 'coordinator' ? local : { ...local, view: 'restricted' }, update];
}

interface Props {
  state: DashboardState;
  onChange: (patch: Partial<DashboardState>) => void;
  units?: readonly DashboardState['unit'][];
  /** Shown above the choices, which do not apply to it (coordinators' feed of early-warning alerts). */
  above?: ReactNode;
  children: ReactNode;
}

export function DashboardFrame({ state, onChange, units, above, children }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const query = writeDashboard(state).toString();
  const viewer = me.user.role === 'viewer';
  const switches = me.user.role === 'coordinator';
  return (
    <div className="dashboard-page">
      <PageHeading pageName={t('dashboard.title')}>{t('dashboard.title')}</PageHeading>
      <nav className="dashboard-tabs" aria-label={t('dashboard.tabs.label')}>
        <NavLink to={{ pathname: '/dashboard', search: query }} end data-testid="tab-figures">{t('dashboard.tabs.figures')}</NavLink>
        <NavLink to={{ pathname: '/map', search: query }} end data-testid="tab-map">{t('dashboard.tabs.map')}</NavLink>
      </nav>
      {above}
      {viewer && <p className="note" data-testid="viewer-note">{t('dashboard.viewerNote')}</p>}
      {switches && (
        <RadioChoice
          name="dash-view" legend={t('dashboard.view.legend')} value={state.view} onChange={(view) => onChange({ view })} className="view-switch" testId="view-switch"
          options={DASHBOARD_VIEWS.map((v) => ({ value: v, label: t(`dashboard.view.${v}`) }))} hint={t(`dashboard.view.${state.view}Hint`)}
        />
      )}
      <DashboardControls state={state} onChange={onChange} units={units} />
      {children}
    </div>
  );
}
