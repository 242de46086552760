/**
 * The policies, with the guardrails of each environment type and the deploy freezes: read by
 * the Policies section and the environment type editor (which offers them as checkboxes).
 */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

export const policyKeys = { all: ['policies'] as const };

export function usePolicies() {
  return useQuery({ queryKey: policyKeys.all, queryFn: () => call(api.GET('/api/v1/policies')) });
}
