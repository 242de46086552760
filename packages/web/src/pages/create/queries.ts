import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

export type TemplateView = Schemas['TemplateView'];
export type TemplateRunView = Schemas['TemplateRunView'];

export function useTemplates() {
  return useQuery({ queryKey: ['templates'], queryFn: () => call(api.GET('/api/v1/templates')) });
}

export function useTemplate(namespace: string, name: string) {
  return useQuery({
    queryKey: ['templates', namespace, name],
    queryFn: () => call(api.GET('/api/v1/templates/{namespace}/{name}', { params: { path: { namespace, name } } })),
  });
}

export function useTemplateRuns() {
  return useQuery({ queryKey: ['template-runs'], queryFn: () => call(api.GET('/api/v1/template-runs')) });
}

/** `template:slipway/node-service` → `slipway/node-service`. */
export function shortRef(ref: string): string {
  return ref.replace(/^template:/, '');
}
