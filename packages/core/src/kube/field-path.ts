/**
 * Turns a Kubernetes field path as the API server reports it (`spec.template.spec.containers[0].image`,
 * `metadata.labels[app.kubernetes.io/name]`) into a JSON Pointer (`/spec/template/spec/containers/0/image`).
 */
export function kubeFieldToPointer(field: string): string {
  const segments: string[] = [];
  const pattern = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (const match of field.matchAll(pattern)) segments.push(match[1] ?? match[2] ?? '');
  return segments.map((s) => `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
