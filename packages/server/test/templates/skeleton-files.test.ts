// biome-ignore-all lint/suspicious/noTemplateCurlyInString: template expressions are written ${{ }} in plain strings
/**
 * What fetch:template does to a skeleton's files, as Backstage's does: a script keeps its
 * executable bit all the way into the pushed repository, and `copyWithoutRender` (the older
 * name) leaves names and contents alone while `copyWithoutTemplating` renders names only.
 * Real repositories, real runs, both databases.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { describeEachDatabase } from '../harness/databases.ts';
import { entityYaml } from '../harness/git-repos.ts';
import { git, useTemplateApp } from './template-app.ts';

function template(name: string, fetchInput: Record<string, unknown>) {
  return entityYaml('Template', name, {
    type: 'service',
    parameters: { properties: { repoUrl: { type: 'string' }, name: { type: 'string' } } },
    steps: [
      {
        id: 'fetch',
        action: 'fetch:template',
        input: { url: './skeleton', values: { name: '${{ parameters.name }}' }, ...fetchInput },
      },
      { id: 'publish', action: 'publish:git', input: { repoUrl: '${{ parameters.repoUrl }}' } },
    ],
  });
}

const skeleton = (folder: string) => ({
  [`${folder}/skeleton/bin/start.sh`]: '#!/bin/sh\necho starting ${{ values.name }}\n',
  [`${folder}/skeleton/README.md`]: '# ${{ values.name }}\n',
  [`${folder}/skeleton/raw/${'${{ values.name }}'}.txt`]: 'kept: ${{ values.name }}\n',
});

describeEachDatabase('fetch:template and the files of a skeleton', (getDb) => {
  const t = useTemplateApp(getDb);

  it('keeps a script executable into the pushed repository; copyWithoutRender leaves names and contents', async () => {
    await t.templateRepo(
      'skeleton-files',
      {
        'old/template.yaml': template('old-copy', { copyWithoutRender: ['raw/**'] }),
        ...skeleton('old'),
        'new/template.yaml': template('new-copy', { copyWithoutTemplating: ['raw/**'] }),
        ...skeleton('new'),
        'both/template.yaml': template('both-copy', { copyWithoutRender: ['raw/**'], copyWithoutTemplating: ['x'] }),
        ...skeleton('both'),
      },
      {},
      ['old/skeleton/bin/start.sh', 'new/skeleton/bin/start.sh'],
    );

    const repo = await t.bareRepo('skeleton-files-old');
    const run = await t.runToEnd('default/old-copy', { parameters: { repoUrl: repo.url, name: 'orders' } });
    assert.equal(run.run.status, 'succeeded', run.run.error);
    const dir = await t.clone(repo.url);
    // `<mode> <object> <stage>\t<path>`: the path may hold spaces.
    const modes = (await git(['ls-files', '--stage'], dir)).split('\n').map((line) => {
      const [info = '', path] = line.split('\t');
      return `${info.split(' ')[0]} ${path}`;
    });
    assert.deepEqual(modes.sort(), [
      '100644 README.md',
      `100644 raw/${'${{ values.name }}'}.txt`,
      '100755 bin/start.sh',
    ]);
    assert.equal(await readFile(join(dir, 'bin/start.sh'), 'utf8'), '#!/bin/sh\necho starting orders\n');
    assert.equal(await readFile(join(dir, `raw/${'${{ values.name }}'}.txt`), 'utf8'), 'kept: ${{ values.name }}\n');

    const dry = await t.runToEnd('default/new-copy', {
      dryRun: true,
      parameters: { repoUrl: repo.url, name: 'orders' },
    });
    assert.equal(dry.run.status, 'succeeded', dry.run.error);
    const files = Object.fromEntries(
      dry.run.output.files.map((f: { path: string; content: string }) => [f.path, f.content]),
    );
    assert.equal(files['raw/orders.txt'], 'kept: ${{ values.name }}\n', 'copyWithoutTemplating renders the name only');

    const both = await t.runToEnd('default/both-copy', { dryRun: true, parameters: { repoUrl: repo.url, name: 'x' } });
    assert.equal(both.run.status, 'failed');
    assert.match(both.run.error, /copyWithoutTemplating or copyWithoutRender \(its older name\), not both/);
  });
});
