/**
 * The caller's token list, which the section reads and the create form invalidates: here,
 * not in the section, so the form need not import the section that renders it.
 */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../../api/client';

export const tokensKey = ['tokens'] as const;

export function useTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: () => call(api.GET('/api/v1/tokens')) });
}
