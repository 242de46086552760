/**
 * CEL policies written by platform engineers (docs/cel.md), end to end on the test cluster:
 * compiled on save, checked at deploy and promotion before anything is stored, with enforce,
 * warn and audit doing what they say, and a dry run over the releases running now.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { useTestNamespace } from '../harness/cluster.ts';
import { testEngines } from '../harness/databases.ts';
import { useDeployApp } from '../harness/deploy-app.ts';

const score = (image: string) => `
apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: ${image}
service:
  ports:
    http:
      port: 80
      targetPort: 8080
`;

/** No container may run an image tagged `latest`: the message names the first such container's image. */
const pinnedImages = {
  expression: "workload.containers.all(c, !workload.containers[c].image.endsWith(':latest'))",
  messageExpression:
    "{'message': 'image ' + workload.containers[workload.containers.filter(c, workload.containers[c].image.endsWith(':latest'))[0]].image + ' is not pinned', " +
    "'path': '/containers/' + workload.containers.filter(c, workload.containers[c].image.endsWith(':latest'))[0] + '/image'}",
  remedy: 'pin the image to a version, e.g. nginx:1.27.3',
};

for (const engine of testEngines) {
  describe(`CEL policies at deploy and promotion [${engine}]`, () => {
    const dev = useTestNamespace('cel-dev');
    const stage = useTestNamespace('cel-stage');
    const { api, settle, db } = useDeployApp(dev.kc, { engine });
    let pinned: { id: string; number: number };

    const put = (name: string, body: object) => api('PUT', `/policies/cel/${name}`, body);
    const remove = async (name: string) => assert.equal((await api('DELETE', `/policies/cel/${name}`)).statusCode, 204);
    const releaseCount = async () =>
      Number(
        (
          await db()
            .selectFrom('releases')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const audited = (policy: string) =>
      db()
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'celPolicyViolation')
        .execute()
        .then((rows) => rows.filter((r) => (r.detail as { policy?: string }).policy === policy));

    before(async () => {
      for (const [name, type, ns] of [
        ['dev', 'development', dev],
        ['stage', 'staging', stage],
      ] as const) {
        const res = await api('PUT', `/environments/${name}`, { type, namespace: ns.namespace() });
        assert.equal(res.statusCode, 200, res.body);
      }
      const res = await api('POST', '/deploys', { environment: 'dev', workload: score('nginx:1.27.3') });
      assert.equal(res.statusCode, 202, res.body);
      pinned = await settle(res.json().release.id);
      assert.equal((pinned as unknown as { status: string }).status, 'healthy');
    });

    it('refuses on save an expression that does not parse or type-check, with the field and line:column', async () => {
      const syntax = await put('broken', { expression: 'workload.containers.size() >', severity: 'enforce' });
      assert.equal(syntax.statusCode, 400, syntax.body);
      const [field] = syntax.json().error.fields;
      assert.equal(field.path, '/expression');
      assert.match(field.message, /^1:\d+: /);

      const typed = await put('broken', {
        expression: 'true',
        messageExpression: 'workload.metadata.name.size()\n  + 1 + "x"',
        severity: 'warn',
      });
      assert.equal(typed.statusCode, 400, typed.body);
      assert.equal(typed.json().error.fields[0].path, '/messageExpression');
      assert.match(typed.json().error.fields[0].message, /^(1|2):\d+: /);

      const notBool = await put('broken', { expression: 'workload.metadata.name + "x"', severity: 'enforce' });
      assert.equal(notBool.statusCode, 400, notBool.body);
      assert.match(notBool.json().error.fields[0].message, /expected bool/);

      const severity = await put('broken', { expression: 'true', severity: 'block' });
      assert.equal(severity.statusCode, 400, severity.body);
      assert.equal(severity.json().error.fields[0].path, '/severity');

      assert.deepEqual((await api('GET', '/policies/cel')).json().items, [], 'nothing was saved');
    });

    it('an enforced policy refuses a deploy with its message, path and fix, and stores nothing', async () => {
      const saved = await put('pinned-images', { ...pinnedImages, severity: 'enforce' });
      assert.equal(saved.statusCode, 201, saved.body);
      const before = await releaseCount();
      const res = await api('POST', '/deploys', { environment: 'dev', workload: score('nginx:latest') });
      assert.equal(res.statusCode, 400, res.body);
      const { error } = res.json();
      assert.equal(error.code, 'policy_violation');
      assert.match(error.message, /pinned-images: image nginx:latest is not pinned/);
      assert.deepEqual(error.fields, [
        { path: '/containers/main/image', message: 'pinned-images: image nginx:latest is not pinned' },
      ]);
      assert.match(error.hint, /pinned-images: pin the image to a version, e.g. nginx:1.27.3/);
      assert.equal(await releaseCount(), before, 'no release stored');
      const [entry] = await audited('pinned-images');
      assert.equal(entry?.result, 'failure');
      assert.equal(entry?.target, 'environments/dev/services/web');
      // …and a policy.violation event in the outbox, for whoever subscribed to them.
      const events = await db()
        .selectFrom('notification_events')
        .select('payload')
        .where('kind', '=', 'policy.violation')
        .execute();
      const event = events.map((e) => e.payload as { service: string; data: Record<string, unknown> }).at(-1);
      assert.equal(event?.service, 'web');
      assert.deepEqual([event?.data.policy, event?.data.refused], ['pinned-images', true]);

      const fine = await api('POST', '/deploys', { environment: 'dev', workload: score('nginx:1.27.4') });
      assert.equal(fine.statusCode, 202, fine.body);
      await settle(fine.json().release.id);
    });

    it('warn lets the deploy through with the warning in its answer', async () => {
      assert.equal((await put('pinned-images', { ...pinnedImages, severity: 'warn' })).statusCode, 200);
      const res = await api('POST', '/deploys', { environment: 'dev', workload: score('nginx:latest') });
      assert.equal(res.statusCode, 202, res.body);
      assert.deepEqual(res.json().warnings, [
        'policy pinned-images: image nginx:latest is not pinned (at /containers/main/image); fix: pin the image to a version, e.g. nginx:1.27.3',
      ]);
      const release = await settle(res.json().release.id);
      assert.equal((release as unknown as { status: string }).status, 'healthy');
      await remove('pinned-images');
    });

    it('audit lets the deploy through quietly and writes the violation to the audit log', async () => {
      const body = { expression: 'has(workload.metadata.annotations)', severity: 'audit', remedy: 'annotate it' };
      assert.equal((await put('annotated', body)).statusCode, 201);
      const res = await api('POST', '/deploys', { environment: 'dev', workload: score('nginx:1.27.5') });
      assert.equal(res.statusCode, 202, res.body);
      assert.deepEqual(res.json().warnings, []);
      await settle(res.json().release.id);
      const [entry] = await audited('annotated');
      assert.equal(entry?.result, 'success');
      assert.equal(entry?.actor, 'dev');
      assert.deepEqual(entry?.detail, {
        policy: 'annotated',
        severity: 'audit',
        message: 'failed: has(workload.metadata.annotations)',
        remedy: 'annotate it',
      });
      await remove('annotated');
    });

    it('an expression that fails at run time is a violation carrying the error, never a crash', async () => {
      const body = { expression: "workload.metadata.labels.team == 'payments'", severity: 'enforce' };
      assert.equal((await put('team-label', body)).statusCode, 201);
      const res = await api('POST', '/deploys', { environment: 'dev', workload: score('nginx:1.27.5') });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'policy_violation');
      assert.match(res.json().error.fields[0].message, /^team-label: policy expression failed: .*labels/);
      await remove('team-label');
    });

    it('applies only where it matches: environment type, team, service', async () => {
      const deny = (match: object) => put('deny', { expression: 'false', severity: 'enforce', match });
      const tryDeploy = async () =>
        (await api('POST', '/deploys', { environment: 'dev', workload: score('nginx:1.27.5') })).statusCode;
      for (const match of [{ environmentTypes: ['production'] }, { services: ['other'] }, { teams: ['payments'] }]) {
        assert.ok([200, 201].includes((await deny(match)).statusCode));
        const status = await tryDeploy();
        assert.equal(status, 202, `not refused under ${JSON.stringify(match)}`);
      }
      for (const match of [{ environmentTypes: ['development'] }, { services: ['web'] }, {}]) {
        assert.equal((await deny(match)).statusCode, 200);
        assert.equal(await tryDeploy(), 400, `refused under ${JSON.stringify(match)}`);
      }
      await remove('deny');
    });

    it('checks promotions too, before anything is stored', async () => {
      const body = {
        expression: 'false',
        messageExpression: "'no promotions to ' + environment.type",
        severity: 'enforce',
      };
      assert.equal((await put('frozen-stage', { ...body, match: { environmentTypes: ['staging'] } })).statusCode, 201);
      const before = await releaseCount();
      const res = await api('POST', '/promotions', { service: 'web', from: 'dev', to: 'stage' });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'policy_violation');
      assert.match(res.json().error.message, /frozen-stage: no promotions to staging/);
      assert.equal(await releaseCount(), before);
      await remove('frozen-stage');
    });

    it('a dry run lists the current releases that would break a policy, saved or not', async () => {
      // dev runs nginx:1.27.5 now (its newest healthy release); stage gets the first, nginx:1.27.3.
      const promoted = await api('POST', '/promotions', {
        service: 'web',
        from: 'dev',
        to: 'stage',
        number: pinned.number,
      });
      assert.equal(promoted.statusCode, 202, promoted.body);
      await settle(promoted.json().release.id);

      const run = await api('POST', '/policies/cel/dry-run', {
        policy: {
          name: 'no-version-1-27-5',
          expression: "workload.containers.main.image != 'nginx:1.27.5'",
          severity: 'enforce',
        },
      });
      assert.equal(run.statusCode, 200, run.body);
      assert.equal(run.json().evaluated, 2);
      assert.deepEqual(
        run.json().violators.map((v: { service: string; environment: string }) => [v.service, v.environment]),
        [['web', 'dev']],
      );

      assert.equal((await put('pinned-images', { ...pinnedImages, severity: 'audit' })).statusCode, 201);
      const saved = await api('POST', '/policies/cel/dry-run?name=pinned-images', {});
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.json().evaluated, 2);
      assert.deepEqual(saved.json().violators, []);

      const bad = await api('POST', '/policies/cel/dry-run', {
        policy: { name: 'x', expression: 'workload.', severity: 'enforce' },
      });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(bad.json().error.fields[0].path, '/policy/expression');
    });
  });
}
