import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

export type TemplateView = Schemas['TemplateView'];
export type TemplateRunView = Schemas['TemplateRunView'];

/** Runs under one prefix: a run's page, reading it again as it ends, refreshes the gallery's list too. */
export const createKeys = {
  templates: ['templates'] as const,
  template: (namespace: string, name: string) => ['templates', namespace, name] as const,
  runs: ['template-runs'] as const,
  run: (id: string) => ['template-runs', id] as const,
};

export function useTemplates() {
  return useQuery({ queryKey: createKeys.templates, queryFn: () => call(api.GET('/api/v1/templates')) });
}

export function useTemplate(namespace: string, name: string) {
  return useQuery({
    queryKey: createKeys.template(namespace, name),
    queryFn: () => call(api.GET('/api/v1/templates/{namespace}/{name}', { params: { path: { namespace, name } } })),
  });
}

export function useTemplateRuns() {
  return useQuery({ queryKey: createKeys.runs, queryFn: () => call(api.GET('/api/v1/template-runs')) });
}

/** `template:slipway/node-service` → `slipway/node-service`. */
export function shortRef(ref: string): string {
  return ref.replace(/^template:/, '');
}
