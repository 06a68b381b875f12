// Why: holds who is signed in. The session itself is an HttpOnly cookie; here we only keep the `Me`
// answer (in the react-query cache, in memory) and clear every cached record when the session ends.
import { createContext, useContext, useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import type { Me } from '../../src/shared/auth.ts';
import type { Role } from '../../src/shared/taxonomy.ts';
import { api, setCsrfToken, setSessionHandlers } from './api.ts';

export const ME_KEY = ['me'] as const;

/** Forget everything cached about records (narratives included) and show the sign-in screen. */
export function endSession(qc: QueryClient): void {
  setCsrfToken(null);
  qc.setQueryData(ME_KEY, null);
  void qc.cancelQueries();
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
}

/** Store a fresh `Me` from the server (login, two-factor steps, /me). */
export function acceptMe(qc: QueryClient, me: Me): void {
  setCsrfToken(me.csrfToken);
  qc.setQueryData(ME_KEY, me);
}

/** Loads the session once at start-up and wires the API's session handlers (401, stage or CSRF change). */
export function useMeQuery() {
  const qc = useQueryClient();
  useEffect(() => {
    setSessionHandlers({
      unauthenticated: () => endSession(qc),
      changed: () => void qc.invalidateQueries({ queryKey: ME_KEY }),
    });
  }, [qc]);
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      const me = await api.me();
      setCsrfToken(me?.csrfToken ?? null);
      return me;
    },
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * Signs out (this session, or every session of the user); local state is cleared even when the server
 * cannot be reached, and the next person to sign in starts from the incident list.
 */
export function useLogout(everywhere = false) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => (everywhere ? api.logoutAll() : api.logout()),
    onSettled: () => {
      endSession(qc);
      void navigate('/', { replace: true });
    },
  });
}

const MeContext = createContext<Me | null>(null);
export const MeProvider = MeContext.Provider;

/** The signed-in, fully authenticated user; only used below the authenticated layout. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside an active session');
  return me;
}

/** Admins manage users and viewers only get protected aggregates: neither works on records. */
export const canSeeRecords = (role: Role): boolean => role !== 'admin' && role !== 'viewer';
export const canEditRecords = canSeeRecords;
export const canDecideVerification = (role: Role): boolean => role === 'coordinator';
/** Only coordinators assign records to monitors (the server refuses assignments from anyone else). */
export const canAssign = (role: Role): boolean => role === 'coordinator';
/** Soft deletion (with a reason) is a coordinator's act; the server refuses everyone else. */
export const canDeleteRecords = (role: Role): boolean => role === 'coordinator';
/** Erasing the identifying part when a survivor withdraws consent is a coordinator's act, like deletion. */
export const canEraseRecords = (role: Role): boolean => role === 'coordinator';
/** Deciding on likely duplicates (link as the same incident, mark distinct, undo) is a coordinator's act. */
export const canLinkDuplicates = (role: Role): boolean => role === 'coordinator';
/** Exports (CSV or JSON, audited) are for coordinators only; the server refuses everyone else. */
export const canExport = (role: Role): boolean => role === 'coordinator';
/** Spreadsheet imports (CSV, XLSX): whoever records incidents; each import stays its uploader's. */
export const canImport = canEditRecords;
/** Account administration and the audit view are the administrators' (the server refuses everyone else). */
export const canManageAccounts = (role: Role): boolean => role === 'admin';
export const canReadAudit = canManageAccounts;
/** Who may list the organisation's members (GET /api/users): coordinators and administrators. */
export const canListMembers = (role: Role): boolean => role === 'coordinator' || role === 'admin';
/** The organisation's own list values (add, relabel, retire) are a coordinator's to manage; every member reads them. */
export const canManageLookups = (role: Role): boolean => role === 'coordinator';
/** The parties registry's page (own parties, confirmations, merges, the reference layer) is the coordinators'. */
export const canManageParties = (role: Role): boolean => role === 'coordinator';
/** Whoever records may propose a party from a form (unconfirmed until a coordinator confirms it). */
export const canProposeParties = canEditRecords;
/** Loading lists of administrative areas (shared by the whole server) is a coordinator's act. */
export const canLoadAreas = (role: Role): boolean => role === 'coordinator';
/** The organisation's settings: administrators change them, coordinators read them. */
export const canReadSettings = (role: Role): boolean => role === 'admin' || role === 'coordinator';
export const canManageSettings = (role: Role): boolean => role === 'admin';
/** Coordinators may be designated reviewers of another organisation (the server decides which records). */
export const canReview = (role: Role): boolean => role === 'coordinator';
/** Commitments, listings and assessments: every member but administrators reads them; coordinators record them. */
export const canReadCommitments = (role: Role): boolean => role !== 'admin';
export const canManageCommitments = (role: Role): boolean => role === 'coordinator';
/** The dashboard and the map: exact figures for those who read records, protected ones for viewers; not administrators. */
export const canReadFigures = (role: Role): boolean => role !== 'admin';
/** Incidents by party are counted from records: for those who read records (over the ones they may read). */
export const canCountPartyIncidents = canSeeRecords;
/** Early warning: alerts, rules and indicators carry exact counts over the whole organisation: coordinators only. */
export const canReadAlerts = (role: Role): boolean => role === 'coordinator';
/** The alert summary that may leave the organisation (no figures): coordinators, and viewers such as headquarters. */
export const canReadAlertSummary = (role: Role): boolean => role === 'coordinator' || role === 'viewer';
/** Observations of early-warning indicators: whoever records (each reads their own; coordinators read all). */
export const canRecordObservations = (role: Role): boolean => role === 'coordinator' || role === 'monitor' || role === 'partner';
/** Reports: coordinators write, generate and move them along; viewers (headquarters) read approved and submitted versions. */
export const canReadReports = (role: Role): boolean => role === 'coordinator' || role === 'viewer';
export const canWriteReports = (role: Role): boolean => role === 'coordinator';
