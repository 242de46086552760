/**
 * The environment types as the admin pages read them. The list, the editor, its fields and the
 * Access section's binding form all use them: here, so that none imports another page for it.
 */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../../api/client';

export const typesKey = ['admin', 'environment-types'] as const;

export function useEnvironmentTypes() {
  return useQuery({ queryKey: typesKey, queryFn: () => call(api.GET('/api/v1/environment-types')) });
}
