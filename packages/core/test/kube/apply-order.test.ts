import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyWaves, type KubeObject, kubeFieldToPointer, pruneSet } from '../../src/index.ts';

const obj = (kind: string, name: string, apiVersion = 'v1'): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, namespace: 'ns' },
});

describe('apply order', () => {
  it('applies what others need first and groups independent objects into waves', () => {
    const waves = applyWaves([
      obj('Ingress', 'web', 'networking.k8s.io/v1'),
      obj('Deployment', 'web', 'apps/v1'),
      obj('ConfigMap', 'web-env'),
      obj('Service', 'web'),
      obj('Secret', 'web-secret'),
      obj('Widget', 'w', 'example.com/v1'),
      obj('Namespace', 'ns'),
    ]);
    assert.deepEqual(
      waves.map((w) => w.map((o) => o.kind)),
      [['Namespace'], ['ConfigMap', 'Secret'], ['Service'], ['Deployment'], ['Ingress'], ['Widget']],
    );
  });

  it('prunes what the new release dropped, dependants first', () => {
    const ref = (kind: string, name: string, apiVersion = 'v1') => ({ apiVersion, kind, name, namespace: 'ns' });
    const previous = [
      ref('ConfigMap', 'old'),
      ref('Deployment', 'web', 'apps/v1'),
      ref('Ingress', 'web', 'networking.k8s.io/v1'),
    ];
    const current = [ref('Deployment', 'web', 'apps/v1')];
    assert.deepEqual(
      pruneSet(previous, current).map((r) => r.kind),
      ['Ingress', 'ConfigMap'],
    );
  });

  it('does not prune an object whose API version changed but whose group and kind did not', () => {
    const previous = [{ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', name: 'web', namespace: 'ns' }];
    const current = [{ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', name: 'web', namespace: 'ns' }];
    assert.deepEqual(pruneSet(previous, current), []);
  });
});

describe('Kubernetes field paths', () => {
  it('become JSON pointers', () => {
    assert.equal(
      kubeFieldToPointer('spec.template.spec.containers[0].image'),
      '/spec/template/spec/containers/0/image',
    );
    assert.equal(
      kubeFieldToPointer('metadata.labels[app.kubernetes.io/name]'),
      '/metadata/labels/app.kubernetes.io~1name',
    );
    assert.equal(kubeFieldToPointer('metadata.name'), '/metadata/name');
  });
});
