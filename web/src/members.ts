// Why: the organisation's members (GET /api/users), loaded only for the roles the server lets list them,
// and the one rule for naming a person on screen: an email when the list is available, otherwise "you" or
// a neutral "another user". Raw user ids are never shown.
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { OrgMember } from '../../src/shared/auth.ts';
import { api } from './api.ts';
import { canListMembers, useMe } from './session.tsx';

export const MEMBERS_KEY = ['members'] as const;

/** The members query; disabled (never sent) for roles that would get 403 forbidden. */
export function useMembers() {
  const me = useMe();
  return useQuery({
    queryKey: MEMBERS_KEY,
    queryFn: api.listMembers,
    enabled: canListMembers(me.user.role),
    staleTime: 5 * 60_000,
    select: (d) => d.items,
  });
}

/** Partners never see assigned records and disabled accounts cannot sign in: offer active monitors and coordinators. */
export const isAssignable = (m: OrgMember): boolean => !m.disabled && (m.role === 'monitor' || m.role === 'coordinator');

/** How to name a user id: their email when known, else "you" or "another user". */
export function personName(t: TFunction, id: string, meId: string, members: readonly OrgMember[] | undefined): string {
  const member = members?.find((m) => m.id === id);
  if (member) return member.email;
  return id === meId ? t('people.you') : t('people.anotherUser');
}
