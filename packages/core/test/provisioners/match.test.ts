import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SlipwayError } from '../../src/errors/index.ts';
import { builtinProvisioners } from '../../src/provisioners/builtin/index.ts';
import { selectProvisioner } from '../../src/provisioners/match.ts';
import type { Provisioner, ProvisionerMatch } from '../../src/provisioners/model.ts';
import type { ResourceRequest } from '../../src/resources/resolved.ts';

const p = (id: string, match: Omit<ProvisionerMatch, 'type'> = {}, type = 'postgres'): Provisioner => ({
  id,
  kind: 'static',
  match: { type, ...match },
  outputs: {},
});

const candidates = [
  p('type-only'),
  p('env-prod', { environmentType: 'production' }),
  p('class-large', { class: 'large' }),
  p('class-large-prod', { class: 'large', environmentType: 'production' }),
  p('id-main', { id: 'main' }),
  p('id-main-dev', { id: 'main', environmentType: 'development' }),
  p('class-default', { class: 'default' }),
];

describe('selectProvisioner: the most specific match wins', () => {
  const table: Array<[string, Partial<ResourceRequest>, string, string]> = [
    ['nothing set matches class default (set and equal)', {}, 'development', 'class-default'],
    ['environment type beats type-only', { class: 'other' }, 'production', 'env-prod'],
    ['type-only when no criterion is set and equal', { class: 'other' }, 'development', 'type-only'],
    ['class beats environment type', { class: 'large' }, 'development', 'class-large'],
    ['class + environment type beats class', { class: 'large' }, 'production', 'class-large-prod'],
    ['id beats class + environment type', { class: 'large', id: 'main' }, 'production', 'id-main'],
    ['id + environment type beats id', { id: 'main' }, 'development', 'id-main-dev'],
    ['a set id that differs excludes', { id: 'other', class: 'large' }, 'staging', 'class-large'],
  ];
  for (const [title, request, envType, expected] of table) {
    it(title, () => {
      const chosen = selectProvisioner({ name: 'db', type: 'postgres', ...request }, envType, candidates, []);
      assert.equal(chosen.id, expected);
    });
  }

  it('breaks ties by the order provisioners are listed in', () => {
    const list = [p('first', { class: 'x' }), p('second', { class: 'x' })];
    assert.equal(selectProvisioner({ name: 'db', type: 'postgres', class: 'x' }, 'dev', list, []).id, 'first');
  });

  it('never matches another type', () => {
    const list = [p('redis', {}, 'redis')];
    assert.throws(() => selectProvisioner({ name: 'db', type: 'postgres' }, 'dev', list, []), SlipwayError);
  });
});

describe('selectProvisioner: user provisioners and built-ins', () => {
  it('falls back to the built-ins', () => {
    assert.equal(selectProvisioner({ name: 'cache', type: 'redis' }, 'dev', []).id, 'builtin/redis');
    assert.equal(
      selectProvisioner({ name: 'v', type: 'volume', class: 'persistent' }, 'dev', []).id,
      'builtin/volume-persistent',
    );
    assert.equal(selectProvisioner({ name: 'v', type: 'volume', class: 'fast' }, 'dev', []).id, 'builtin/volume');
  });

  it('lets a user provisioner beat a more specific built-in', () => {
    const mine = p('my-volume', {}, 'volume');
    assert.equal(selectProvisioner({ name: 'v', type: 'volume', class: 'persistent' }, 'dev', [mine]).id, 'my-volume');
  });

  it('uses the built-ins where the user provisioner does not match', () => {
    const prodOnly = p('prod-redis', { environmentType: 'production' }, 'redis');
    assert.equal(selectProvisioner({ name: 'c', type: 'redis' }, 'production', [prodOnly]).id, 'prod-redis');
    assert.equal(selectProvisioner({ name: 'c', type: 'redis' }, 'development', [prodOnly]).id, 'builtin/redis');
  });
});

describe('selectProvisioner: no match', () => {
  it('names the types that exist', () => {
    assert.throws(
      () => selectProvisioner({ name: 'queue', type: 'rabbitmq' }, 'dev', [p('mine', {}, 'kafka')]),
      (e: unknown) => {
        assert.ok(e instanceof SlipwayError);
        assert.equal(e.code, 'invalid_input');
        assert.match(e.message, /^No provisioner for resource type "rabbitmq"/);
        assert.deepEqual(
          e.fields?.map((f) => f.path),
          ['/resources/queue/type'],
        );
        const types = [...new Set(['kafka', ...builtinProvisioners.map((b) => b.match.type)])].sort();
        assert.equal(e.hint, `types that exist: ${types.join(', ')}`);
        return true;
      },
    );
  });

  it('says which criteria failed when the type exists', () => {
    assert.throws(
      () =>
        selectProvisioner({ name: 'db', type: 'postgres', class: 'huge' }, 'dev', [p('big', { class: 'large' })], []),
      (e: unknown) => {
        assert.ok(e instanceof SlipwayError);
        assert.match(e.message, /with class "huge" in environment type "dev"/);
        assert.deepEqual(
          e.fields?.map((f) => f.path),
          ['/resources/db/class'],
        );
        assert.match(e.hint ?? '', /big \(class large\)/);
        return true;
      },
    );
  });
});
