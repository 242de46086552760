import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiff } from '../../src/diff/format.ts';
import { diffReleases } from '../../src/diff/release-diff.ts';
import { configMap, deployment, ingress, secret, service } from './fixtures.ts';

describe('formatDiff', () => {
  it('prints one line per change, added and removed object, then a summary', () => {
    const d = diffReleases(
      [deployment('nginx:1.27'), service(80), configMap(), secret({ DB_PASSWORD: 'old-password-1' })],
      [
        deployment('nginx:1.28', [{ name: 'LOG_LEVEL', value: 'debug' }]),
        service(80),
        ingress(),
        secret({ DB_PASSWORD: 'new-password-2' }),
      ],
    );
    assert.equal(
      formatDiff(d),
      [
        '~ Deployment web  /spec/template/spec/containers/web/image: nginx:1.27 → nginx:1.28',
        '~ Deployment web  /spec/template/spec/containers/web/env/LOG_LEVEL: + {"name":"LOG_LEVEL","value":"debug"}',
        '~ Secret web-db  /stringData/DB_PASSWORD: (secret) → (secret)',
        '+ Ingress web',
        '- ConfigMap web-config',
        '2 changed, 1 added, 1 removed, 1 unchanged',
      ].join('\n'),
    );
  });

  it('shows namespaces on request, removed fields and long values cut short', () => {
    const to = service(80);
    (to.spec as Record<string, unknown>).selector = undefined;
    (to.metadata as Record<string, unknown>).annotations = { note: 'x'.repeat(200) };
    const text = formatDiff(diffReleases([service(80)], [to]), { namespaces: true, maxValueLength: 20 });
    assert.equal(
      text,
      [
        '~ Service shop-prod/web  /metadata/annotations: + {"note":"xxxxxxxxxx…',
        '~ Service shop-prod/web  /spec/selector: - {"app.kubernetes.io…',
        '1 changed, 0 added, 0 removed, 0 unchanged',
      ].join('\n'),
    );
  });

  it('says so when nothing changes', () => {
    assert.equal(formatDiff(diffReleases([service()], [service()])), 'No changes (1 unchanged)');
  });
});
