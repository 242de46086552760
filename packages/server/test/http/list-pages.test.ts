/**
 * GET /services and GET /environments a page at a time: every item the caller may see once, in
 * name order, following nextCursor; a page skips what the caller may not see without coming up
 * short; a forged cursor is a 400 naming it. On both databases.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { createRoleBinding, ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureService } from '../../src/db/stores/services.ts';
import { addMember, createTeam } from '../../src/db/stores/teams.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { storeEnvironment } from '../harness/environments.ts';

describeEachDatabase('GET /services and /environments, a page at a time', (getDb) => {
  let app: FastifyInstance;
  const auth: Record<'admin' | 'alpha', { authorization: string }> = {} as never;

  before(async () => {
    const db = getDb().db;
    app = await buildApp({ config: loadConfig({ env: {} }), database: getDb(), kube: null });
    for (const team of ['alpha', 'beta']) await createTeam(db, { name: team });
    for (const who of ['admin', 'alpha'] as const) {
      const user = await ensureUser(db, `pager-${who}`);
      const { secret } = await createToken(db, { userId: user.id, name: 't', scopes: ['read'] });
      auth[who] = { authorization: `Bearer ${secret}` };
      if (who === 'admin') await ensureGlobalRole(db, user.username, 'admin', 'test');
      else {
        await addMember(db, 'alpha', user.id);
        await createRoleBinding(
          db,
          {
            role: 'viewer',
            subject: { kind: 'user', name: user.username },
            scope: { kind: 'team', team: 'alpha' },
            environmentTypes: [],
          },
          'test',
        );
      }
    }
    // Alpha's and beta's interleaved by name: a page of alpha's must skip beta's and read on.
    for (let i = 0; i < 7; i++) {
      await ensureService(db, `svc-${i}-a`, 'alpha');
      await ensureService(db, `svc-${i}-b`, 'beta');
      const env = async (name: string, owner: string) => {
        const e = await storeEnvironment(db, {
          name,
          type: 'development',
          namespace: name,
          routeKind: 'Ingress',
          defaults: { replicas: 1, progressDeadlineSeconds: 60 },
        });
        await db.updateTable('environments').set({ owner_team: owner }).where('id', '=', e.id).execute();
        return e;
      };
      await env(`env-${i}-a`, 'alpha');
      await env(`env-${i}-b`, 'beta');
    }
  });
  after(async () => {
    await app.close();
  });

  /** Every page of `url` as `who`, with `limit`: the names seen and the size of each page. */
  const walk = async (url: string, who: 'admin' | 'alpha', limit: number) => {
    const names: string[] = [];
    const pages: number[] = [];
    let cursor: string | undefined;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const res = await app.inject({
        url: `/api/v1${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        headers: auth[who],
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      names.push(...body.items.map((x: { name: string }) => x.name));
      pages.push(body.items.length);
      cursor = body.nextCursor;
    } while (cursor);
    return { names, pages };
  };

  it('walks every service once, by name, and a team member only through their own', async () => {
    const all = await walk('/services', 'admin', 5);
    assert.equal(all.names.length, 14);
    assert.deepEqual(all.names, [...all.names].sort());
    assert.deepEqual(all.pages, [5, 5, 4]);
    const own = await walk('/services', 'alpha', 3);
    assert.deepEqual(
      own.names,
      Array.from({ length: 7 }, (_, i) => `svc-${i}-a`),
    );
    assert.deepEqual(own.pages, [3, 3, 1], 'full pages although half the rows are beta’s');
  });

  it('walks environments the same way, a deleted one beside a live one of the same name', async () => {
    const db = getDb().db;
    // env-3-b deleted (its history stays), then made again: two rows named env-3-b.
    await db
      .updateTable('environments')
      .set({ status: 'deleted', deleted_at: new Date() })
      .where('name', '=', 'env-3-b')
      .execute();
    const again = await storeEnvironment(db, {
      name: 'env-3-b',
      type: 'development',
      namespace: 'env-3-b-again',
      routeKind: 'Ingress',
      defaults: { replicas: 1, progressDeadlineSeconds: 60 },
    });
    await db.updateTable('environments').set({ owner_team: 'beta' }).where('id', '=', again.id).execute();
    const own = await walk('/environments', 'alpha', 2);
    assert.deepEqual(
      own.names,
      Array.from({ length: 7 }, (_, i) => `env-${i}-a`),
    );
    assert.deepEqual(own.pages, [2, 2, 2, 1]);
    const live = await walk('/environments', 'admin', 4);
    assert.equal(live.names.length, 14);
    // A page boundary between the two env-3-b rows loses neither: the cursor holds name and id.
    const withDeleted = await walk('/environments?deleted=true', 'admin', 1);
    assert.equal(withDeleted.names.length, 15);
    assert.deepEqual(
      withDeleted.names.filter((n) => n === 'env-3-b'),
      ['env-3-b', 'env-3-b'],
    );
  });

  it('refuses a cursor it did not hand out with 400 naming it', async () => {
    for (const [url, cursor] of [
      ['/services', 'nope'],
      ['/environments', Buffer.from('["env-1-a","not-a-uuid"]').toString('base64url')],
      ['/environments', Buffer.from('{"a":1}').toString('base64url')],
      ['/services', Buffer.from('["svc\\u0000"]').toString('base64url')],
    ] as const) {
      const res = await app.inject({ url: `/api/v1${url}?cursor=${cursor}`, headers: auth.admin });
      assert.equal(res.statusCode, 400, `${url} ${res.body}`);
      assert.equal(res.json().error.code, 'invalid_input');
      assert.equal(res.json().error.fields[0].path, '/cursor');
    }
  });
});
