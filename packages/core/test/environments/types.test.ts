import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinEnvironmentTypes, defaultsFor, environmentTypePresets, isDnsLabel } from '../../src/index.ts';

const byName = (name: string) => {
  const type = builtinEnvironmentTypes.find((t) => t.name === name);
  assert.ok(type, `built-in type ${name}`);
  return type;
};

describe('builtinEnvironmentTypes', () => {
  it('has one type per preset, named as a DNS label', () => {
    assert.deepEqual(
      builtinEnvironmentTypes.map((t) => t.name),
      ['development', 'preview', 'staging', 'production'],
    );
    assert.deepEqual(builtinEnvironmentTypes.map((t) => t.name).sort(), Object.keys(environmentTypePresets).sort());
    for (const t of builtinEnvironmentTypes) assert.ok(isDnsLabel(t.name));
  });

  it('takes its defaults from the presets, which keep working as before', () => {
    for (const t of builtinEnvironmentTypes) assert.deepEqual(t.defaults, environmentTypePresets[t.name]);
    assert.deepEqual(defaultsFor('unknown'), environmentTypePresets.development);
    assert.equal(defaultsFor('production', { replicas: 5 }).replicas, 5);
  });

  it('caps development and preview with a small quota and container defaults', () => {
    for (const name of ['development', 'preview']) {
      const t = byName(name);
      assert.deepEqual(t.quota, { 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.memory': '16Gi', pods: '50' });
      assert.deepEqual(t.limits, { defaultRequest: { cpu: '50m', memory: '64Mi' }, default: { memory: '256Mi' } });
    }
  });

  it('makes previews ephemeral and nothing else', () => {
    assert.equal(byName('preview').ttlSeconds, 7 * 24 * 3600);
    for (const name of ['development', 'staging', 'production']) assert.equal(byName(name).ttlSeconds, null);
  });

  it('guards staging and production with policies, production with approvals', () => {
    assert.deepEqual(byName('staging').policies, ['no-latest-tag']);
    assert.deepEqual(byName('production').policies, ['no-latest-tag', 'require-resource-limits']);
    assert.deepEqual(
      builtinEnvironmentTypes.filter((t) => t.requiresApproval).map((t) => t.name),
      ['production'],
    );
    for (const t of builtinEnvironmentTypes) {
      assert.equal(t.approvalTtlSeconds, 86400);
      assert.equal(t.provisioners, undefined, 'every provisioner allowed');
    }
  });
});
