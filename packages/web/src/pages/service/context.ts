import { createContext, useContext } from 'react';
import type { Environment, EnvironmentSummary, EnvironmentType, Release } from './model';

/** An action the page can ask for; each opens its confirmation dialog. */
export type Action =
  | { kind: 'deploy'; environment?: string | undefined }
  | { kind: 'promote'; from?: string | undefined; to?: string | undefined }
  | { kind: 'rollback'; environment: string; target?: Release | undefined }
  | { kind: 'approve' | 'reject'; release: Release }
  | { kind: 'pause' | 'resume'; environment: string };

/** What every tab of the Service page shares: the service, where it runs, and its actions. */
export interface ServiceContextValue {
  service: string;
  owner: string | null;
  /** One per environment the service has releases in, development first. */
  summaries: EnvironmentSummary[];
  /** Every environment the caller can see (promotion and deploy targets). */
  environments: Environment[];
  types: EnvironmentType[];
  /** The environment the Live, Events and Logs tabs look at (?env= in the address). */
  environment: string | null;
  setEnvironment: (name: string) => void;
  act: (action: Action) => void;
}

export const ServiceContext = createContext<ServiceContextValue | null>(null);

export function useServiceContext(): ServiceContextValue {
  const value = useContext(ServiceContext);
  if (!value) throw new Error('useServiceContext is used outside of the Service page');
  return value;
}

/** The type of an environment by name, and whether releases into it wait for approval. */
export function typeOf(ctx: Pick<ServiceContextValue, 'environments' | 'types'>, environment: string) {
  const env = ctx.environments.find((e) => e.name === environment);
  const type = env ? ctx.types.find((t) => t.name === env.type) : undefined;
  return { env, type, requiresApproval: type?.requiresApproval ?? false };
}
