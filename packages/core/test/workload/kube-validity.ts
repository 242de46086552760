import assert from 'node:assert/strict';
import type { KubeObject } from '../../src/index.ts';

/**
 * The rules a kube-apiserver applies to the fields the renderer writes (names, labels, ports,
 * keys, references between objects), checked here so the fixtures fail fast, before the engine
 * applies them to a real cluster.
 */
const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1035Label = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const qualifiedName = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const configKey = /^[-._a-zA-Z0-9]+$/;
const envName = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

// biome-ignore lint/suspicious/noExplicitAny: tests read rendered objects of any kind freely
type Any = Record<string, any>;

const isSubdomain = (s: string) => s.length <= 253 && s.split('.').every((p) => p.length <= 63 && dns1123Label.test(p));

function checkLabelKey(key: string, where: string): void {
  const [prefix, name] = key.includes('/') ? key.split('/') : [undefined, key];
  if (prefix !== undefined) assert.ok(isSubdomain(prefix), `${where}: label prefix ${prefix}`);
  assert.ok(name && name.length <= 63 && qualifiedName.test(name), `${where}: label key ${key}`);
}

function checkLabels(labels: Record<string, string> | undefined, where: string): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    checkLabelKey(k, where);
    assert.equal(typeof v, 'string', `${where}: label ${k}`);
    assert.ok(v.length <= 63 && labelValue.test(v), `${where}: label value ${k}=${v}`);
  }
}

function checkPort(p: unknown, where: string): void {
  assert.ok(Number.isInteger(p) && (p as number) >= 1 && (p as number) <= 65535, `${where}: port ${String(p)}`);
}

export function assertKubeValid(objects: KubeObject[], namespace: string): void {
  assert.deepEqual(JSON.parse(JSON.stringify(objects)), objects, 'objects are plain JSON');
  const seen = new Set<string>();
  for (const o of objects) {
    const where = `${o.kind}/${o.metadata.name}`;
    assert.ok(!seen.has(where), `${where} rendered twice`);
    seen.add(where);
    assert.equal(o.metadata.namespace, namespace, `${where}: namespace`);
    assert.ok(o.metadata.name.length <= 63 && dns1123Label.test(o.metadata.name), `${where}: name`);
    if (o.kind === 'Service')
      assert.ok(dns1035Label.test(o.metadata.name), `${where}: Service name starts with a letter`);
    checkLabels(o.metadata.labels, where);
    for (const k of Object.keys(o.metadata.annotations ?? {})) checkLabelKey(k, `${where} annotation`);
  }
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind) as Any[];
  const configMaps = byKind('ConfigMap');
  const secrets = byKind('Secret');
  const services = byKind('Service');
  for (const cm of configMaps) checkData(cm.data, cm.binaryData, `ConfigMap/${cm.metadata.name}`);
  for (const s of secrets) checkData(s.data, undefined, `Secret/${s.metadata.name}`, true);
  for (const svc of services) checkService(svc);
  for (const w of [...byKind('Deployment'), ...byKind('StatefulSet')]) checkWorkload(w, configMaps, secrets);
  for (const ing of byKind('Ingress')) checkIngress(ing, services);
  for (const route of byKind('HTTPRoute')) checkHttpRoute(route, services);
}

function checkData(data: Any | undefined, binary: Any | undefined, where: string, base64 = false): void {
  for (const [k, v] of Object.entries({ ...data, ...binary })) {
    assert.ok(k.length <= 253 && configKey.test(k), `${where}: key ${k}`);
    assert.equal(typeof v, 'string', `${where}: ${k}`);
    if (base64 || binary?.[k] !== undefined)
      assert.match(v as string, /^[A-Za-z0-9+/]*={0,2}$/, `${where}: ${k} base64`);
  }
}

function checkService(svc: Any): void {
  const where = `Service/${svc.metadata.name}`;
  const ports = svc.spec.ports ?? [];
  if (svc.spec.clusterIP !== 'None') assert.ok(ports.length > 0, `${where}: ports`);
  const names = new Set<string>();
  for (const p of ports) {
    checkPort(p.port, where);
    checkPort(p.targetPort, where);
    assert.ok(['TCP', 'UDP', 'SCTP'].includes(p.protocol), `${where}: protocol`);
    if (ports.length > 1) assert.ok(p.name && dns1123Label.test(p.name) && !names.has(p.name), `${where}: port name`);
    names.add(p.name);
  }
  assert.ok(Object.keys(svc.spec.selector ?? {}).length > 0, `${where}: selector`);
}

function checkWorkload(w: Any, configMaps: Any[], secrets: Any[]): void {
  const where = `${w.kind}/${w.metadata.name}`;
  const template = w.spec.template;
  checkLabels(template.metadata.labels, `${where} template`);
  for (const [k, v] of Object.entries(w.spec.selector.matchLabels)) {
    assert.equal(template.metadata.labels[k], v, `${where}: selector ${k} matches the template`);
  }
  assert.ok(w.spec.replicas === undefined || Number.isInteger(w.spec.replicas), `${where}: replicas`);
  const pod = template.spec;
  const volumes = new Set<string>();
  for (const v of pod.volumes ?? []) {
    assert.ok(dns1123Label.test(v.name) && v.name.length <= 63 && !volumes.has(v.name), `${where}: volume ${v.name}`);
    assert.equal(Object.keys(v).length, 2, `${where}: volume ${v.name} has one source`);
    volumes.add(v.name);
    for (const item of v.configMap?.items ?? v.secret?.items ?? []) {
      assert.ok(item.mode === undefined || (Number.isInteger(item.mode) && item.mode <= 0o777), `${where}: mode`);
    }
  }
  for (const t of w.spec.volumeClaimTemplates ?? []) volumes.add(t.metadata.name);
  const all = [...(pod.initContainers ?? []), ...pod.containers];
  assert.ok(pod.containers.length > 0, `${where}: containers`);
  const names = new Set<string>();
  for (const c of all) {
    assert.ok(dns1123Label.test(c.name) && c.name.length <= 63 && !names.has(c.name), `${where}: container ${c.name}`);
    names.add(c.name);
    checkContainer(c, `${where}/${c.name}`, volumes, configMaps, secrets);
  }
}

function checkContainer(c: Any, where: string, volumes: Set<string>, configMaps: Any[], secrets: Any[]): void {
  assert.ok(typeof c.image === 'string' && c.image !== '' && c.image !== '.', `${where}: image`);
  for (const e of c.env ?? []) {
    assert.ok(envName.test(e.name), `${where}: env ${e.name}`);
    const cm = e.valueFrom?.configMapKeyRef;
    const sec = e.valueFrom?.secretKeyRef;
    if (cm)
      assert.ok(
        configMaps.some((m) => m.metadata.name === cm.name && cm.key in (m.data ?? {})),
        `${where}: ${e.name} ref`,
      );
    if (sec)
      assert.ok(
        secrets.some((s) => s.metadata.name === sec.name && sec.key in s.data),
        `${where}: ${e.name} ref`,
      );
    assert.ok((e.value !== undefined) !== (e.valueFrom !== undefined), `${where}: env ${e.name} has one value`);
  }
  const paths = new Set<string>();
  for (const m of c.volumeMounts ?? []) {
    assert.ok(volumes.has(m.name), `${where}: mount of unknown volume ${m.name}`);
    assert.ok(m.mountPath.startsWith('/') && !paths.has(m.mountPath), `${where}: mountPath ${m.mountPath}`);
    assert.ok(m.subPath === undefined || (!m.subPath.startsWith('/') && !m.subPath.split('/').includes('..')));
    paths.add(m.mountPath);
  }
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe].filter(Boolean)) {
    assert.equal(Object.keys(probe).length, 1, `${where}: one probe handler`);
    if (probe.httpGet) {
      checkPort(probe.httpGet.port, where);
      assert.ok(probe.httpGet.scheme === undefined || ['HTTP', 'HTTPS'].includes(probe.httpGet.scheme));
    }
  }
  for (const kind of ['limits', 'requests']) {
    for (const q of Object.values(c.resources?.[kind] ?? {})) assert.equal(typeof q, 'string', `${where}: quantity`);
  }
}

function servicePort(services: Any[], name: string, port: number, where: string): void {
  const svc = services.find((s) => s.metadata.name === name && s.spec.clusterIP !== 'None');
  assert.ok(svc, `${where}: backend Service ${name}`);
  assert.ok(
    svc.spec.ports.some((p: Any) => p.port === port),
    `${where}: backend port ${port}`,
  );
}

function checkIngress(ing: Any, services: Any[]): void {
  const where = `Ingress/${ing.metadata.name}`;
  for (const rule of ing.spec.rules) {
    if (rule.host !== undefined) assert.ok(isSubdomain(rule.host.replace(/^\*\./, '')), `${where}: host`);
    for (const p of rule.http.paths) {
      assert.ok(p.path.startsWith('/') && ['Prefix', 'Exact', 'ImplementationSpecific'].includes(p.pathType));
      servicePort(services, p.backend.service.name, p.backend.service.port.number, where);
    }
  }
}

function checkHttpRoute(route: Any, services: Any[]): void {
  const where = `HTTPRoute/${route.metadata.name}`;
  assert.ok(route.spec.parentRefs?.length > 0, `${where}: parentRefs`);
  for (const rule of route.spec.rules) {
    for (const ref of rule.backendRefs) servicePort(services, ref.name, ref.port, where);
  }
}
