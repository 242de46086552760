/** The services the caller may see, read by Home and by the admin form that binds a role to one. */
import { useQuery } from '@tanstack/react-query';
import { allPages, api, call } from '../api/client';

export const serviceKeys = { all: ['services'] as const };

export function useServices() {
  return useQuery({
    queryKey: serviceKeys.all,
    queryFn: async () => ({
      items: await allPages((cursor) =>
        call(api.GET('/api/v1/services', { params: { query: { limit: 1000, ...(cursor ? { cursor } : {}) } } })),
      ),
    }),
  });
}

/** The metric checks a service declares for its own releases (its Overview tab). */
export function useServiceVerification(service: string) {
  return useQuery({
    queryKey: [...serviceKeys.all, service, 'verification'] as const,
    queryFn: () => call(api.GET('/api/v1/services/{name}/verification', { params: { path: { name: service } } })),
  });
}
