/**
 * Runs that would grow without bound fail early with the limit named (templateLimits), and
 * store and stream little: expressions, events, files read and written, outputs, and
 * parameters nested too deep. Real repositories, real runs, both databases.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { templateLimits } from '@slipway/core';
import { describeEachDatabase } from '../harness/databases.ts';
import { entityYaml } from '../harness/git-repos.ts';
import { useTemplateApp } from './template-app.ts';

const KiB = 1024;
const tenfold = "replace('a', 'aaaaaaaaaa')";

function template(name: string, steps: unknown[], output?: unknown) {
  return entityYaml('Template', name, {
    type: 'service',
    parameters: { properties: { name: { type: 'string' }, repoUrl: { type: 'string' } } },
    steps,
    ...(output ? { output } : {}),
  });
}

const log = (message: string) => ({ id: 'log', action: 'debug:log', input: { message } });
const plain = (id: string, targetPath = './') => ({
  id,
  action: 'fetch:plain',
  input: { url: './skeleton', targetPath },
});

describeEachDatabase('template limits', (getDb) => {
  const t = useTemplateApp(getDb);
  // Three repositories: a run clones its template's whole repository, so the heavy ones are apart.
  let registered: Promise<unknown> | undefined;
  const register = () => {
    registered ??= Promise.all([
      t.templateRepo('limits', {
        'chain/template.yaml': template('chain', [
          log(`\${{ parameters.name | ${Array(8).fill(tenfold).join(' | ')} }}`),
        ]),
        'literal/template.yaml': template('literal', [log(`\${{ 'a' | ${Array(8).fill(tenfold).join(' | ')} }}`)]),
        'loud/template.yaml': template('loud', [log('${{ parameters.name }}')]),
        'output/template.yaml': template('output', [log('hi')], {
          text: Array.from({ length: 4 }, (_, i) => ({ title: `t${i}`, content: '${{ parameters.name }}' })),
        }),
      }),
      t.templateRepo('limits-many', {
        'many/template.yaml': template('many', [plain('fetch')]),
        ...Object.fromEntries(
          Array.from({ length: templateLimits.files + 1 }, (_, i) => [`many/skeleton/f${i}.txt`, `${i}`]),
        ),
      }),
      t.templateRepo('limits-big', {
        'big/template.yaml': template('big', [plain('fetch')]),
        'big/skeleton/big.bin': 'b'.repeat(templateLimits.fileBytes + 1),
        'total/template.yaml': template(
          'total',
          Array.from({ length: 9 }, (_, i) => plain(`copy-${i}`, `copy-${i}`)),
        ),
        'total/skeleton/almost.bin': 't'.repeat(templateLimits.fileBytes - KiB),
      }),
    ]);
    return registered;
  };

  async function failed(name: string, parameters: Record<string, unknown>, error: string | RegExp) {
    await register();
    const { run, events, stream } = await t.runToEnd(`default/${name}`, { parameters });
    assert.equal(run.status, 'failed', name);
    if (typeof error === 'string') assert.equal(run.error, error, name);
    else assert.match(run.error, error, name);
    assert.equal(events.at(-1)?.data.message, `failed: ${run.error}`);
    // What is kept and streamed stays small, whatever the template tried (the parameters aside).
    const kept = JSON.stringify({ ...run, parameters: {} }).length;
    assert.ok(kept < 64 * KiB, `${name}: run of ${kept}`);
    assert.ok(stream.length < 64 * KiB, `${name}: stream of ${stream.length}`);
    return run;
  }

  it('fails a chain of replace at the filter that would pass expressionResult', async () => {
    // Nunjucks' replace is wrapped in the sandbox: the size is refused before the string exists.
    const refused =
      /^Step log, \/spec\/steps\/0\/input\/message: its replace filter would make 10,000,000 characters: the limit is 1 MiB \(expressionResult\)$/;
    await failed('chain', { name: 'a' }, refused);
    // Written with a literal, the same chain fails the same way (Nunjucks folds nothing ahead).
    await failed('literal', {}, refused);
  });

  it('cuts an event past eventChars, saying so', async () => {
    await register();
    const { run, events } = await t.runToEnd('default/loud', { parameters: { name: 'x'.repeat(100 * KiB) } });
    assert.equal(run.status, 'succeeded', run.error);
    const line = events.find((e) => e.event === 'log')?.data.message as string;
    assert.equal(line, `${'x'.repeat(8 * KiB)}… [cut: an event holds at most 8 KiB (eventChars)]`);
  });

  it('fails a run whose output passes outputBytes', async () => {
    await failed(
      'output',
      { name: 'o'.repeat(300 * KiB) },
      /^The run's output is 1,228,9\d\d bytes of JSON: the limit is 1 MiB \(outputBytes\)$/,
    );
  });

  it('fails reading a folder past files or fileBytes, and writing past runBytes, naming the limit', async () => {
    await failed('many', {}, './skeleton holds more files than allowed: the limit is 2,000 files (files)');
    await failed('big', {}, `File skeleton/big.bin is 4,194,305 bytes: the limit is 4 MiB (fileBytes)`);
    const run = await failed(
      'total',
      {},
      "Writing copy-8/almost.bin would make the run's files 37,739,520 bytes: the limit is 32 MiB (runBytes)",
    );
    assert.equal(run.steps.filter((s: { status: string }) => s.status === 'succeeded').length, 8);
  });

  it('answers 400, not 500, for parameters nested thousands deep', async () => {
    await register();
    let value: Record<string, unknown> = {};
    for (let i = 0; i < 2_500; i++) value = { a: value };
    const res = await t.api('POST', '/templates/default/loud/runs', { parameters: { name: 'x', deep: value } });
    assert.equal(res.statusCode, 400, res.body.slice(0, 500));
    assert.equal(res.json().error.code, 'invalid_input');
    assert.match(res.json().error.message, /deeper than \d+ levels/);
  });
});
