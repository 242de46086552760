/**
 * A public Backstage template runs as it does in Backstage: the fixture follows
 * backstage/software-templates' create-react-app (a skeleton with `{% if %}`, `+`, `dump` and
 * parseRepoUrl). Its dry run must give, byte for byte, what plain Nunjucks makes with
 * Backstage's configuration (`${{ }}` variables, no autoescape) for the same values — the
 * reference engine runs here, in the test, outside the sandbox. Real repository, real runs,
 * both databases.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { backstageFilters } from '@slipway/core';
import nunjucks from 'nunjucks';
import { describeEachDatabase } from '../harness/databases.ts';
import { useTemplateApp } from './template-app.ts';

const fixture = fileURLToPath(new URL('./fixtures/create-react-app/', import.meta.url));

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** Backstage's SecureTemplater environment, in plain Nunjucks. */
function referenceEngine(): nunjucks.Environment {
  const env = new nunjucks.Environment([], { autoescape: false, tags: { variableStart: '${{', variableEnd: '}}' } });
  for (const [name, filter] of Object.entries(backstageFilters)) env.addFilter(name, filter);
  return env;
}

describeEachDatabase('a public Backstage template (create-react-app)', (getDb) => {
  const t = useTemplateApp(getDb);

  it('dry-runs to the files plain Nunjucks renders with Backstage configuration, byte for byte', async () => {
    const paths = await filesUnder(fixture);
    const files: Record<string, string> = {};
    for (const path of paths) files[`cra/${path}`] = await readFile(join(fixture, path), 'utf8');
    await t.templateRepo('backstage-cra', files);
    const reference = referenceEngine();
    const skeleton = paths.filter((p) => p.startsWith('skeleton/')).map((p) => p.slice('skeleton/'.length));

    const cases = [
      { component_id: 'shop-web', description: 'The shop, on the web', owner: 'group:default/web' },
      { component_id: 'secret-web', owner: 'group:default/secret' },
    ];
    for (const parameters of cases) {
      const repoUrl = 'github.com?owner=acme&repo=' + parameters.component_id;
      const dry = await t.runToEnd('default/create-react-app-template', {
        dryRun: true,
        parameters: { ...parameters, repoUrl },
      });
      assert.equal(dry.run?.status, 'succeeded', dry.run?.error ?? dry.started.body);
      const rendered = Object.fromEntries(
        dry.run.output.files.map((f: { path: string; content: string }) => [f.path, f.content]),
      );
      // The values as Backstage computes them from the step's input (an empty description is left out).
      const values = {
        component_id: parameters.component_id,
        ...(parameters.description ? { description: parameters.description } : {}),
        destination: backstageFilters.parseRepoUrl?.(repoUrl),
        owner: parameters.owner,
        public: parameters.owner !== 'group:default/secret',
      };
      assert.deepEqual(Object.keys(rendered).sort(), [...skeleton].sort());
      for (const path of skeleton) {
        const source = files[`cra/skeleton/${path}`] as string;
        // copyWithoutRender: .github/workflows/* is copied as it is, as Backstage does.
        const expected = path.startsWith('.github/workflows/') ? source : reference.renderString(source, { values });
        assert.equal(rendered[path], expected, `${path} for ${parameters.component_id}`);
      }
      const catalogInfo = rendered['catalog-info.yaml'] as string;
      assert.match(catalogInfo, new RegExp(`github.com/project-slug: acme/${parameters.component_id}\\n`));
      assert.equal(catalogInfo.includes('description:'), Boolean(parameters.description));
    }
  });
});
