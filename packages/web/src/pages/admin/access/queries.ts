/**
 * The reads of the Access section that only it makes: users and role bindings, in a file of
 * their own so the panels that read and invalidate them need not import the section (see
 * pages/service/queries.ts). Teams are shared with other pages (src/queries/teams.ts).
 */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../../api/client';

export const accessKeys = {
  users: ['users'] as const,
  bindings: ['role-bindings'] as const,
};

export function useUsers() {
  return useQuery({ queryKey: accessKeys.users, queryFn: () => call(api.GET('/api/v1/users')) });
}

export function useRoleBindings() {
  return useQuery({ queryKey: accessKeys.bindings, queryFn: () => call(api.GET('/api/v1/role-bindings')) });
}
