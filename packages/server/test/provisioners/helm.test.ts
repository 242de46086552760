import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  type EnvironmentContext,
  type HelmRenderRequest,
  type KubeObject,
  parseProvisioners,
  resolveResources,
  SlipwayError,
} from '@slipway/core';
import {
  findHelmBinary,
  helmArgs,
  helmMessage,
  helmTemplate,
  renderHelmReleases,
} from '../../src/provisioners/helm.ts';

const chart = join(import.meta.dirname, 'fixtures', 'demo-chart');
const request = (over: Partial<HelmRenderRequest> = {}): HelmRenderRequest => ({
  resource: 'greeter',
  resourceId: 'web.greeter',
  resourceSlug: 'web-greeter',
  provisioner: 'demo',
  releaseName: 'web-greeter',
  namespace: 'shop-dev',
  chart: { path: chart },
  values: { image: 'nginx:1.27', replicas: 2, greeting: 'hi there' },
  ...over,
});

function rejectsWith(code: string, pattern: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof SlipwayError, String(e));
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    return true;
  };
}

const scratch = mkdtempSync(join(tmpdir(), 'slipway-helm-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A stand-in for Helm: a shell script at `path` (relative to the scratch folder). */
function fakeHelm(name: string, script: string): string {
  const path = join(scratch, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('helm template with the real Helm', () => {
  it('renders a local chart with values from stdin into objects', async () => {
    const objects = await helmTemplate(request());
    type Deployment = {
      spec: {
        replicas: number;
        template: { spec: { containers: Array<{ image: string; ports: Array<{ containerPort: number }> }> } };
      };
    };
    const byKind = Object.fromEntries(objects.map((o) => [o.kind, o])) as Record<string, KubeObject & Deployment>;
    assert.deepEqual(Object.keys(byKind).sort(), ['ConfigMap', 'Deployment']);
    assert.deepEqual(byKind.ConfigMap?.data, { greeting: 'hi there', namespace: 'shop-dev' });
    assert.equal(byKind.Deployment?.metadata.name, 'web-greeter');
    assert.equal(byKind.Deployment?.spec.replicas, 2);
    const [container] = byKind.Deployment?.spec.template.spec.containers ?? [];
    assert.equal(container?.image, 'nginx:1.27');
    assert.equal(container?.ports[0]?.containerPort, 8080);
    for (const o of objects) {
      assert.equal(o.metadata.namespace, 'shop-dev');
      assert.equal(o.metadata.labels?.['slipway.dev/resource'], 'web-greeter');
      assert.equal(o.metadata.labels?.['app.kubernetes.io/instance'], 'web-greeter');
    }
  });

  it('renders conditional templates when their values are set', async () => {
    const objects = await helmTemplate(request({ values: { image: 'nginx', extraService: true } }));
    assert.deepEqual(objects.map((o) => o.kind).sort(), ['ConfigMap', 'Deployment', 'Service']);
  });

  it("reports Helm's own message when the chart fails", async () => {
    await assert.rejects(helmTemplate(request({ values: {} })), (e: unknown) => {
      rejectsWith(
        'invalid_input',
        /^Helm could not render the chart of resource "greeter" \(provisioner "demo"\): .*image is required/,
      )(e);
      assert.deepEqual(
        (e as SlipwayError).fields?.map((f) => f.path),
        ['/resources/greeter'],
      );
      return true;
    });
  });

  it('reports a chart path that does not exist', async () => {
    await assert.rejects(
      helmTemplate(request({ chart: { path: 'no-such-chart' } }), { chartRoot: scratch }),
      rejectsWith('invalid_input', /no-such-chart.*not found/),
    );
  });

  it('resolves relative chart paths against chartRoot', async () => {
    const objects = await helmTemplate(request({ chart: { path: 'fixtures/demo-chart' } }), {
      chartRoot: import.meta.dirname,
    });
    assert.equal(objects.length, 2);
  });
});

describe('helm provisioners end to end', () => {
  const environment: EnvironmentContext = {
    name: 'development',
    type: 'development',
    namespace: 'shop-dev',
    domain: 'dev.example.com',
    routeKind: 'Ingress',
    defaults: { replicas: 1, progressDeadlineSeconds: 600 },
  };
  const provisioners = parseProvisioners(`
- id: demo-chart
  kind: helm
  match: { type: greeter }
  params: { type: object, properties: { greeting: { type: string, default: hello } } }
  chart: { path: ${JSON.stringify(chart)} }
  values:
    image: nginx:1.27
    greeting: "{{ .resource.params.greeting }} from {{ .workload.name }}"
  outputs:
    url: "http://{{ .release.name }}:{{ .values.port | default 8080 }}"
`);

  it('puts the rendered objects on the resource that asked for the chart', async () => {
    const result = resolveResources({
      workloadName: 'web',
      resources: { greeter: { type: 'greeter', params: { greeting: 'hey' } }, scratch: { type: 'volume' } },
      environment,
      provisioners,
      seed: 'seed',
    });
    const resolved = await renderHelmReleases(result);
    assert.deepEqual(resolved.greeter?.outputs, { url: 'http://web-greeter:8080' });
    const config = resolved.greeter?.manifests.find((m) => m.kind === 'ConfigMap');
    assert.equal(config?.data?.greeting, 'hey from web');
    assert.deepEqual(resolved.scratch, result.resolved.scratch);
  });
});

describe('finding and running the Helm binary', () => {
  it('prefers the argument, then SLIPWAY_HELM, then the newest build in the cache', () => {
    const cache = join(scratch, 'cache');
    for (const v of ['4.2.0', '4.10.1', '4.9.9']) fakeHelm(`cache/bin/helm-v${v}/helm`, 'exit 0');
    mkdirSync(join(cache, 'bin', 'helm-v5.0.0'), { recursive: true }); // an unfinished build: no binary
    const env = { SLIPWAY_CACHE: cache };
    assert.equal(findHelmBinary({ env }), join(cache, 'bin', 'helm-v4.10.1', 'helm'));
    assert.equal(findHelmBinary({ env: { ...env, SLIPWAY_HELM: '/opt/helm' } }), '/opt/helm');
    assert.equal(findHelmBinary({ env, helmBinary: '/x/helm' }), '/x/helm');
    assert.throws(
      () => findHelmBinary({ env: { SLIPWAY_CACHE: join(scratch, 'empty') } }),
      rejectsWith('unavailable', /Helm was not found/),
    );
  });

  it('reports a binary that cannot be run as unavailable', async () => {
    await assert.rejects(
      helmTemplate(request(), { helmBinary: join(scratch, 'missing') }),
      rejectsWith('unavailable', /could not be run/),
    );
  });

  it('gives up after the timeout', async () => {
    const slow = fakeHelm('slow', 'sleep 5');
    await assert.rejects(
      helmTemplate(request(), { helmBinary: slow, timeoutMs: 200 }),
      rejectsWith('timeout', /within 200 ms/),
    );
  });

  it('refuses output that is not YAML', async () => {
    const garbage = fakeHelm('garbage', 'cat >/dev/null; echo "kind: [unclosed"');
    await assert.rejects(
      helmTemplate(request(), { helmBinary: garbage }),
      rejectsWith('invalid_input', /does not parse/),
    );
  });

  it('never lets a request add flags', () => {
    const args = helmArgs(request({ chart: { path: '--post-renderer=/bin/sh' } }), '/charts');
    assert.deepEqual(args.slice(-3), ['--', 'web-greeter', '/charts/--post-renderer=/bin/sh']);
    assert.throws(
      () => helmArgs(request({ releaseName: '--debug' })),
      rejectsWith('invalid_input', /not a valid Helm release name/),
    );
    assert.throws(() => helmArgs(request({ namespace: 'a b' })), /not a valid namespace/);
    assert.throws(
      () => helmArgs(request({ chart: { repo: 'file:///etc', name: 'x', version: '1' } })),
      /not an http\(s\) or oci URL/,
    );
    assert.deepEqual(
      helmArgs(request({ chart: { repo: 'https://charts.example.com', name: 'pg', version: '1.2.3' } })).slice(5),
      ['--repo', 'https://charts.example.com', '--version', '1.2.3', '--', 'web-greeter', 'pg'],
    );
  });

  it("keeps Helm's error lines and drops its advice", () => {
    const stderr =
      'level=ERROR msg="x"\nError: execution error at (demo/templates/a.yaml:1:2): image is required\n\nUse --debug flag to render out invalid YAML\n';
    assert.equal(helmMessage(stderr), 'execution error at (demo/templates/a.yaml:1:2): image is required');
  });
});
