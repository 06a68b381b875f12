// Why: the organisation's recording rules (completeness, narrative limit, four-eyes mode and its reviewers),
// loaded once and shared by the entry form, the decision panel and the partner-reviewer panel. The server
// enforces the same rules (src/shared/organisation.ts is the one copy of them).
import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';

export const RULES_KEY = ['organisation-rules'] as const;

export function useRules() {
  return useQuery({ queryKey: RULES_KEY, queryFn: api.recordingRules, staleTime: 5 * 60_000 });
}
