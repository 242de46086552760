// biome-ignore-all lint/suspicious/noTemplateCurlyInString: template expressions are written ${{ }} in plain strings
/**
 * The Nunjucks sandbox on its own: Backstage's syntax and filters, a lone expression keeping
 * its type, and the known ways out of Nunjucks failing — code through `constructor`, the
 * environment, files, processes, an endless loop, a memory bomb — with the parent unharmed.
 * Real processes, real Nunjucks; no cluster or database.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RenderBudget, SlipwayError } from '@slipway/core';
import { sandboxFlags } from '../../src/templates/sandbox/process.ts';
import { TemplateSandbox } from '../../src/templates/sandbox/sandbox.ts';
import { renderSkeleton } from '../../src/templates/sandbox/skeleton.ts';

const site = { what: 'Step x', path: '/spec/steps/0/input' };

describe('the template sandbox', () => {
  const sandbox = new TemplateSandbox(undefined, { timeoutMs: 2000, heapBytes: 64 * 1024 * 1024 });
  after(() => sandbox.close());
  const value = (input: unknown, values: Record<string, unknown> = {}) => sandbox.value(input, values, site);

  /** The render fails with invalid_input whose message matches; what it says is returned. */
  async function refused(input: string, values: Record<string, unknown>, pattern: RegExp): Promise<string> {
    const error = await value({ field: input }, values).then(
      (v) => assert.fail(`rendered ${JSON.stringify(v)}`),
      (e: unknown) => e,
    );
    assert.ok(error instanceof SlipwayError, String(error));
    assert.equal(error.code, 'invalid_input');
    assert.match(error.message, pattern);
    return error.message;
  }

  it('renders Nunjucks as Backstage configures it: +, a if c else b, {% if %}', async () => {
    const values = { parameters: { name: 'web', on: true, off: false } };
    assert.equal(await value('${{ parameters.name + "-" + "site" }}', values), 'web-site');
    assert.equal(await value('${{ "yes" if parameters.on else "no" }}', values), 'yes');
    assert.equal(await value('${{ "yes" if parameters.off else "no" }}', values), 'no');
    assert.equal(
      await sandbox.text('a{% if values.on %} on{% endif %}{% if values.off %} off{% endif %}\n', { values }, 'f'),
      'a\n',
    );
    assert.equal(await sandbox.text('{% if values.parameters.on %}on{% else %}off{% endif %}', { values }, 'f'), 'on');
  });

  it('keeps the JSON type of a string that is one expression, and makes text of embedded ones', async () => {
    const values = { parameters: { n: 3, yes: true, obj: { a: [1, 'b'] }, list: ['x', 'y'], s: '42' } };
    const out = await value(
      {
        n: '${{ parameters.n }}',
        yes: '${{ parameters.yes }}',
        obj: '${{ parameters.obj }}',
        list: '${{ parameters.list }}',
        sum: '${{ parameters.n + 1 }}',
        text: 'n is ${{ parameters.n }}',
        missing: '${{ parameters.nothing }}',
        nested: ['${{ parameters.yes }}', { deep: '${{ parameters.list[1] }}' }],
      },
      values,
    );
    assert.deepEqual(out, {
      n: 3,
      yes: true,
      obj: { a: [1, 'b'] },
      list: ['x', 'y'],
      sum: 4,
      text: 'n is 3',
      nested: [true, { deep: 'y' }],
    });
  });

  it("has Backstage's filters: parseRepoUrl, projectSlug, parseEntityRef, pick", async () => {
    const values = { parameters: { repoUrl: 'github.com?owner=acme&repo=web', ref: 'group:team/platform' } };
    assert.deepEqual(await value('${{ parameters.repoUrl | parseRepoUrl }}', values), {
      host: 'github.com',
      owner: 'acme',
      repo: 'web',
    });
    assert.equal(await value('${{ parameters.repoUrl | projectSlug }}', values), 'acme/web');
    assert.deepEqual(await value('${{ parameters.ref | parseEntityRef }}', values), {
      kind: 'group',
      namespace: 'team',
      name: 'platform',
    });
    assert.deepEqual(await value("${{ 'web' | parseEntityRef({ defaultKind: 'component' }) }}", values), {
      kind: 'component',
      namespace: 'default',
      name: 'web',
    });
    assert.equal(await value("${{ parameters.repoUrl | parseRepoUrl | pick('owner') }}", values), 'acme');
    await refused("${{ parameters | pick('constructor') }}", values, /pick: "constructor" cannot be picked/);
  });

  it('names the field and says what Nunjucks says when a render fails', async () => {
    const message = await refused('${{ parameters.x | nope }}', {}, /filter not found: nope/);
    assert.match(message, /^Step x, \/spec\/steps\/0\/input\/field: /);
    await refused('${{ parameters.x ', {}, /expected variable end/);
  });

  it('finds unknown filters, constructor-like names and syntax errors before a run', async () => {
    const problems = await sandbox.check(
      { a: '${{ x | nope }}', b: ['${{ x.constructor }}'], c: '${{ x["__proto__"] }}', d: '{% if %}', e: 'plain' },
      '/spec/steps/0/input',
    );
    assert.deepEqual(
      problems.map((p) => p.path),
      ['/spec/steps/0/input/a', '/spec/steps/0/input/b/0', '/spec/steps/0/input/c', '/spec/steps/0/input/d'],
    );
    assert.match(problems[0]?.message ?? '', /filter not found: nope/);
    assert.match(problems[1]?.message ?? '', /"constructor" cannot be accessed/);
  });

  describe('known ways out of Nunjucks fail', () => {
    const secret = `SLIPWAY_SANDBOX_TEST_${randomBytes(4).toString('hex')}`;
    process.env[secret] = 'leaked';
    after(() => delete process.env[secret]);

    it('range.constructor("return process")() finds no process', async () => {
      await refused('${{ range.constructor("return process")() }}', {}, /process is not defined/);
      // Spelled so the check before a run cannot see it: the sandbox still holds.
      await refused('${{ range["constr" + "uctor"]("return process.env")() }}', {}, /process is not defined/);
    });

    it('"".constructor.constructor reaches no require: no file is read', async () => {
      await refused(
        `\${{ "".constructor.constructor("return this.process.mainModule.require('fs').readFileSync('/etc/passwd', 'utf8')")() }}`,
        {},
        /Cannot read properties of undefined \(reading 'mainModule'\)/,
      );
      assert.equal(
        await value(
          '${{ "".constructor.constructor("return [typeof globalThis.require, typeof globalThis.module, typeof globalThis.fetch, typeof globalThis.Buffer].join()")() }}',
        ),
        'undefined,undefined,undefined,undefined',
      );
    });

    it('reads no environment variable of the server', async () => {
      const env = await value(
        '${{ "".constructor.constructor("try { return JSON.stringify(process.env) } catch (e) { return e.message }")() }}',
      );
      assert.equal(env, 'process is not defined');
      assert.doesNotMatch(String(env), new RegExp(secret));
    });

    it('writes no file and starts no process', async () => {
      const file = join(tmpdir(), `slipway-sandbox-${randomBytes(4).toString('hex')}`);
      await refused(
        `\${{ "".constructor.constructor("return process.mainModule.require('fs').writeFileSync('${file}', 'x')")() }}`,
        {},
        /process is not defined/,
      );
      await refused(
        `\${{ "".constructor.constructor("return process.mainModule.require('child_process').execSync('touch ${file}')")() }}`,
        {},
        /process is not defined/,
      );
      assert.equal(existsSync(file), false);
    });

    it('even code that got out of the vm context meets the permission model: no reads, writes, processes, workers', () => {
      const file = join(tmpdir(), `slipway-sandbox-${randomBytes(4).toString('hex')}`);
      for (const code of [
        "require('fs').readFileSync('/etc/passwd')",
        `require('fs').writeFileSync('${file}', 'x')`,
        "require('child_process').execSync('true')",
        "new (require('worker_threads').Worker)('1', { eval: true })",
      ]) {
        const run = spawnSync(process.execPath, [...sandboxFlags(), '-e', code], { env: {}, encoding: 'utf8' });
        assert.notEqual(run.status, 0, code);
        assert.match(run.stderr, /ERR_ACCESS_DENIED/, code);
      }
      assert.equal(existsSync(file), false);
    });

    it('kills an endless loop at the time limit; the next render starts a new process', async () => {
      const before = sandbox.processesStarted;
      await refused(
        '{% for a in range(0, 100000) %}{% for b in range(0, 100000) %}{% endfor %}{% endfor %}',
        {},
        /^The template took too long to render: the limit is 2000 ms \(renderMillis\)$/,
      );
      assert.equal(await value('${{ 1 + 1 }}'), 2);
      assert.equal(sandbox.processesStarted, before + 1);
    });

    it('stops a memory bomb at the heap limit', async () => {
      await refused(
        '${{ range(0, 200000000) | length }}',
        {},
        /^The template used more memory than allowed: the limit is 64 MiB \(sandboxHeap\)$/,
      );
      assert.equal(await value('${{ "still" + " here" }}'), 'still here');
    });
  });

  describe('skeleton files and sizes', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    const text = (content: Uint8Array | undefined) => new TextDecoder().decode(content);
    const MiB = 1024 * 1024;

    it('renders names and contents, copying the verbatim globs and binary files', async () => {
      const out = await renderSkeleton(
        sandbox,
        [
          { path: '${{ values.name }}/README.md', content: bytes('# ${{ values.name | upper }}') },
          { path: 'ci.yml', content: bytes('run: ${{ values.name }}') },
          { path: 'bin.dat', content: new Uint8Array([0, 1, 2]) },
        ],
        { name: 'web' },
        { targetPath: 'out', copyWithoutTemplating: ['ci.yml'] },
      );
      assert.deepEqual(
        out.map((f) => f.path),
        ['out/web/README.md', 'out/ci.yml', 'out/bin.dat'],
      );
      assert.equal(text(out[0]?.content), '# WEB');
      assert.equal(text(out[1]?.content), 'run: ${{ values.name }}');
      assert.deepEqual([...(out[2]?.content ?? [])], [0, 1, 2]);
    });

    it('refuses a file name that renders to a path outside the workspace', async () => {
      await assert.rejects(
        renderSkeleton(sandbox, [{ path: '${{ values.name }}', content: bytes('x') }], { name: '../../etc/passwd' }),
        /"\.\." would leave the workspace/,
      );
    });

    it('refuses a replace past expressionResult before making it, an empty `what` counted too', async () => {
      const chain = Array.from({ length: 8 }, () => "replace('x', 'xxxxxxxxxx')").join(' | ');
      await refused(
        `\${{ 'x' | ${chain} }}`,
        {},
        /its replace filter would make 10,000,000 characters: the limit is 1 MiB \(expressionResult\)$/,
      );
      await refused("${{ s | replace('', s) }}", { s: 'y'.repeat(2000) }, /would make 4,004,000 characters/);
      assert.equal(await value("${{ 'abc' | replace('', '-') }}"), '-a-b-c-');
      assert.equal(await value("${{ 'a.b.c' | replace('.', '') }}"), 'abc');
    });

    it('refuses a text past renderedText, naming the file, and a step input past it, naming the field', async () => {
      const values = { mib: 'm'.repeat(MiB) };
      await assert.rejects(
        renderSkeleton(sandbox, [{ path: 'docs/huge.md', content: bytes('${{ values.mib }}'.repeat(5)) }], values),
        /^SlipwayError: Skeleton file docs\/huge\.md: it renders to more text than allowed: the limit is 4 MiB \(renderedText\)$/,
      );
      const four = await renderSkeleton(
        sandbox,
        [{ path: 'ok.md', content: bytes('${{ values.mib }}'.repeat(4)) }],
        values,
      );
      assert.equal(four[0]?.content.length, 4 * MiB);
      const five = '${{ parameters.mib }}'.repeat(5);
      await refused(five, { parameters: values }, /^Step x, \/spec\/steps\/0\/input\/field: it renders to more text/);
    });

    it('takes every render of a run from one budget (expressionWork)', async () => {
      const own = new TemplateSandbox(new RenderBudget(25_000));
      try {
        const values = { s: 'z'.repeat(10_000) };
        await own.text('${{ s }}', values, 'a');
        await own.text('${{ s | upper }}', values, 'b');
        await assert.rejects(own.text('${{ s }}', values, 'c'), /the limit is 25,000 bytes \(expressionWork\)/);
      } finally {
        own.close();
      }
    });
  });

  it('renders 200 files in one process', async () => {
    const own = new TemplateSandbox();
    try {
      for (let i = 0; i < 200; i++)
        assert.equal(
          await own.text('f${{ values.i }}{% if values.i > 1 %}!{% endif %}', { values: { i } }, 'f'),
          `f${i}${i > 1 ? '!' : ''}`,
        );
      assert.equal(own.processesStarted, 1);
    } finally {
      own.close();
    }
  });
});
