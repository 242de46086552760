/** The services the caller may see, read by Home and by the admin form that binds a role to one. */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

export const serviceKeys = { all: ['services'] as const };

export function useServices() {
  return useQuery({ queryKey: serviceKeys.all, queryFn: () => call(api.GET('/api/v1/services')) });
}

/** The metric checks a service declares for its own releases (its Overview tab). */
export function useServiceVerification(service: string) {
  return useQuery({
    queryKey: [...serviceKeys.all, service, 'verification'] as const,
    queryFn: () => call(api.GET('/api/v1/services/{name}/verification', { params: { path: { name: service } } })),
  });
}
