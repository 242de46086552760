/**
 * The scaffolder's common workspace actions, as Backstage names them: fetch:plain:file,
 * fs:delete, fs:rename, catalog:write, debug:wait, and the warning for copyWithoutRender. Dry
 * runs: they touch the workspace only, and the answer lists what the workspace holds at the end.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { useTemplateApp } from './template-app.ts';

const template = (name: string, steps: unknown[]) =>
  JSON.stringify({
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name },
    spec: { owner: 'group:default/platform', type: 'service', parameters: [], steps },
  });

const fetchSkeleton = {
  id: 'fetch',
  action: 'fetch:template',
  input: { url: './skeleton', values: { name: 'shop' }, copyWithoutRender: ['raw/**'] },
};

/** The same skeleton beside each template that fetches it (a template reads only its own folder's). */
const skeletonIn = (folder: string): Record<string, string> => ({
  [`${folder}/skeleton/README.md`]: '# ${{ values.name }}\n',
  [`${folder}/skeleton/old-name.md`]: 'moved\n',
  [`${folder}/skeleton/tmp/junk.log`]: 'junk\n',
  [`${folder}/skeleton/tmp/deeper/more.log`]: 'more\n',
  [`${folder}/skeleton/keep.log`]: 'kept: not under tmp\n',
  [`${folder}/skeleton/raw/\${{ values.name }}.txt`]: '${{ left as it is }}\n',
});

describe('the common workspace actions', () => {
  const t = useTemplateApp();
  before(async () => {
    await t.templateRepo(
      'actions',
      {
        ...skeletonIn('tidy'),
        ...skeletonIn('clash'),
        ...skeletonIn('out'),
        'tidy/extra/run.sh': '#!/bin/sh\necho run\n',
        'tidy/template.yaml': template('tidy', [
          fetchSkeleton,
          { id: 'script', action: 'fetch:plain:file', input: { url: './extra/run.sh', targetPath: 'bin/run.sh' } },
          { id: 'clean', action: 'fs:delete', input: { files: ['tmp/**', 'nothing-here.txt'] } },
          { id: 'move', action: 'fs:rename', input: { files: [{ from: 'old-name.md', to: 'docs/new-name.md' }] } },
          {
            id: 'entity',
            action: 'catalog:write',
            input: {
              entity: {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Component',
                metadata: { name: '${{ "sh" + "op" }}' },
                spec: { type: 'service', owner: 'group:default/platform', lifecycle: 'experimental' },
              },
            },
          },
          { id: 'pause', action: 'debug:wait', input: { milliseconds: 50 } },
          // rails-demo's spelling: catalog:write's older input name, debug:log listing the workspace.
          {
            id: 'legacy',
            action: 'catalog:write',
            input: { filePath: 'legacy.yaml', component: { kind: 'Component' } },
          },
          { id: 'list', action: 'debug:log', input: { listWorkspace: true } },
        ]),
        'clash/template.yaml': template('clash', [
          fetchSkeleton,
          { id: 'move', action: 'fs:rename', input: { files: [{ from: 'old-name.md', to: 'README.md' }] } },
        ]),
        'out/template.yaml': template('out', [
          fetchSkeleton,
          { id: 'clean', action: 'fs:delete', input: { files: ['../../etc/hosts'] } },
        ]),
        'long/template.yaml': template('long', [{ id: 'pause', action: 'debug:wait', input: { minutes: 11 } }]),
        'folder/template.yaml': template('folder', [
          { id: 'file', action: 'fetch:plain:file', input: { url: './', targetPath: 'x' } },
        ]),
      },
      {},
      ['tidy/extra/run.sh'],
    );
  });

  it('fetches a file, deletes by glob, moves, writes an entity, waits, and warns about copyWithoutRender', async () => {
    const { run, started, events } = await t.runToEnd('default/tidy', { dryRun: true, parameters: {} });
    assert.equal(run?.status, 'succeeded', run?.error ?? started.body);
    const files = new Map<string, { content: string; executable?: boolean }>(
      run.output.files.map((f: { path: string; content: string; executable?: boolean }) => [f.path, f]),
    );
    assert.deepEqual([...files.keys()].sort(), [
      'README.md',
      'bin/run.sh',
      'catalog-info.yaml',
      'docs/new-name.md',
      'keep.log',
      'legacy.yaml',
      'raw/${{ values.name }}.txt',
    ]);
    assert.equal(files.get('docs/new-name.md')?.content, 'moved\n');
    assert.equal(files.get('raw/${{ values.name }}.txt')?.content, '${{ left as it is }}\n');
    assert.equal(files.get('bin/run.sh')?.content, '#!/bin/sh\necho run\n');
    assert.deepEqual(parse(files.get('catalog-info.yaml')?.content ?? ''), {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'shop' },
      spec: { type: 'service', owner: 'group:default/platform', lifecycle: 'experimental' },
    });
    const log = events.map((e) => e.data.message).join('\n');
    assert.match(log, /copyWithoutRender is the deprecated name of copyWithoutTemplating/);
    assert.match(log, /deleted tmp\/deeper\/more\.log, tmp\/junk\.log/);
    assert.match(log, /waiting 50 ms/);
    const order = events.filter((e) => e.event === 'step' && e.data.message === 'succeeded').map((e) => e.data.stepId);
    assert.deepEqual(order, ['fetch', 'script', 'clean', 'move', 'entity', 'pause', 'legacy', 'list']);
    assert.match(log, /catalog:write: component is the older name of entity/);
    assert.match(log, /workspace: docs\/new-name\.md\n/);
  });

  it('refuses to move over a file, to leave the workspace, to wait past 10 minutes, to read a folder as a file', async () => {
    for (const [name, pattern] of [
      ['clash', /"README\.md" is refused: it exists already \(set overwrite: true to replace it\)/],
      ['out', /"\.\." would leave the workspace/],
      ['long', /debug:wait waits at most 10 minutes/],
      ['folder', /fetch url "\.\/" is not a file/],
    ] as const) {
      const { run, started } = await t.runToEnd(`default/${name}`, { dryRun: true, parameters: {} });
      assert.equal(run?.status, 'failed', `${name}: ${started.body}`);
      assert.match(run?.error ?? '', pattern, name);
    }
  });
});
