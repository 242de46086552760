// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Score placeholders are written ${...} in plain strings
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { maxNestingDepth, parseScore, type ScoreIssue, SlipwayError, scoreLimits } from '../../src/index.ts';

function problems(input: unknown): ScoreIssue[] {
  try {
    parseScore(input);
  } catch (error) {
    assert.ok(error instanceof SlipwayError);
    assert.equal(error.code, 'invalid_input');
    return (error.fields ?? []) as ScoreIssue[];
  }
  assert.fail('the Score file was accepted');
}

const paths = (input: unknown) => problems(input).map((f) => f.path);

const minimal = { apiVersion: 'score.dev/v1b1', metadata: { name: 'web' }, containers: { web: { image: 'nginx' } } };
const withContainer = (container: Record<string, unknown>) => ({
  ...minimal,
  containers: { web: { image: 'nginx', ...container } },
});

/** A "billion laughs" YAML file: 9^5 strings from a few hundred bytes, through aliases. */
function aliasBomb(head: string[]): string {
  const levels = ['a', 'b', 'c', 'd', 'e'];
  return [
    ...head,
    'x:',
    '  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
    ...levels.slice(1).map((k, i) => `  ${k}: &${k} [${Array(9).fill(`*${levels[i]}`).join(', ')}]`),
  ].join('\n');
}

describe('parseScore', () => {
  it('reads YAML, JSON text and parsed objects alike', () => {
    const yaml = 'apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  web:\n    image: nginx\n';
    assert.deepEqual(parseScore(yaml), minimal);
    assert.deepEqual(parseScore(JSON.stringify(minimal)), minimal);
    assert.deepEqual(parseScore(minimal), minimal);
  });

  it('keeps extra metadata keys, which placeholders may read', () => {
    const w = parseScore({ ...minimal, metadata: { name: 'web', team: { name: 'payments' } } });
    assert.deepEqual(w.metadata.team, { name: 'payments' });
  });

  it('accepts files and volumes in the map form and in the older list form', () => {
    parseScore(
      withContainer({
        files: { '/etc/a': { content: 'x', mode: '0600' } },
        volumes: { '/data': { source: '${resources.v}' } },
      }),
    );
    parseScore(
      withContainer({
        files: [{ target: '/etc/a', content: 'x', noExpand: true }],
        volumes: [{ target: '/d', source: 'v' }],
      }),
    );
  });

  it('refuses an alias explosion as bad input, never a crash', () => {
    const found = problems(
      aliasBomb(['apiVersion: score.dev/v1b1', 'metadata: { name: web }', 'containers: { web: { image: nginx } }']),
    );
    assert.deepEqual(
      found.map((f) => [f.path, f.message]),
      [['', 'it uses YAML aliases more than 100 times, which Slipway does not expand (an alias explosion)']],
    );
  });

  it('names every problem by its JSON Pointer, all at once', () => {
    const found = paths({
      apiVersion: 'score.dev/v1b2',
      metadata: { name: 'Web_App', annotations: { 'bad key!': 'x' } },
      containers: {
        web: {
          command: 'run',
          variables: { PORT: 8080 },
          resources: { limits: { cpu: 'lots' } },
          livenessProbe: { httpGet: { path: '/' } },
        },
      },
      service: { ports: { http: { port: 70000 }, x: { port: 80 } } },
      resources: { db: { tpye: 'postgres' } },
      extra: true,
    });
    assert.deepEqual(found.sort(), [
      '/apiVersion',
      '/containers/web/command',
      '/containers/web/image',
      '/containers/web/livenessProbe/httpGet/port',
      '/containers/web/resources/limits/cpu',
      '/containers/web/variables/PORT',
      '/extra',
      '/metadata/annotations/bad key!',
      '/metadata/name',
      '/resources/db/tpye',
      '/resources/db/type',
      '/service/ports/http/port',
      '/service/ports/x',
    ]);
  });

  it('says what is wrong in plain words', () => {
    const issues = problems(withContainer({ variables: { PORT: 3000 }, varaibles: {} }));
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    assert.match(byPath['/containers/web/variables/PORT'] ?? '', /quotes, e\.g\. "3000"/);
    assert.match(byPath['/containers/web/varaibles'] ?? '', /did you mean "variables"\?/);
    assert.match(problems({ ...minimal, extra: 1 })[0]?.message ?? '', /Unknown field "extra"/);
  });

  it('checks files: one source of content, octal modes, base64, no target in the map form', () => {
    const found = paths(
      withContainer({
        files: {
          '/a': { content: 'x', source: 'y' },
          '/b': {},
          '/c': { content: 'x', mode: '999' },
          '/d': { binaryContent: 'not base64!' },
          '/e': { target: '/e', content: 'x' },
        },
      }),
    );
    assert.deepEqual(found, [
      '/containers/web/files/~1a',
      '/containers/web/files/~1b',
      '/containers/web/files/~1c/mode',
      '/containers/web/files/~1d/binaryContent',
      '/containers/web/files/~1e/target',
    ]);
  });

  it('tells how to write a file mode that YAML read as a number', () => {
    const [issue] = problems(
      'apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  web:\n    image: x\n    files:\n      /a:\n        content: x\n        mode: 0600\n',
    );
    assert.equal(issue?.path, '/containers/web/files/~1a/mode');
    assert.match(issue?.message ?? '', /mode: "0644"/);
  });

  it('escapes "/" in JSON Pointers to file targets and list indexes for the list form', () => {
    assert.deepEqual(paths(withContainer({ files: { '/etc/app.conf': {} } })), [
      '/containers/web/files/~1etc~1app.conf',
    ]);
    assert.deepEqual(paths(withContainer({ files: [{ content: 'x' }] })), ['/containers/web/files/0/target']);
    assert.deepEqual(paths(withContainer({ volumes: [{ target: '/d' }] })), ['/containers/web/volumes/0/source']);
  });

  it('checks probes, ports, names and before', () => {
    const found = paths({
      ...minimal,
      containers: {
        web: {
          image: 'nginx',
          readinessProbe: {},
          livenessProbe: { exec: { command: [] }, httpGet: { path: '/', port: 80, scheme: 'FTP' } },
          before: { nope: { ready: 'done' } },
        },
        A: { image: 'x' },
      },
      service: { ports: { http: { port: '80', protocol: 'tcp' } } },
    });
    assert.deepEqual(found.sort(), [
      '/containers/A',
      '/containers/web/before/nope',
      '/containers/web/before/nope/ready',
      '/containers/web/livenessProbe/exec/command',
      '/containers/web/livenessProbe/httpGet/scheme',
      '/containers/web/readinessProbe',
      '/service/ports/http/port',
      '/service/ports/http/protocol',
    ]);
  });

  it('requires the top-level fields and at least one container', () => {
    assert.deepEqual(paths({}), ['/apiVersion', '/metadata', '/containers']);
    assert.deepEqual(paths({ ...minimal, containers: {} }), ['/containers']);
    assert.deepEqual(paths([]), ['']);
  });

  it('gives line and column of YAML syntax errors', () => {
    const [issue] = problems('apiVersion: score.dev/v1b1\nmetadata:\n  name: web\n  name: again\n');
    assert.equal(issue?.path, '');
    assert.equal(issue?.line, 4);
    assert.equal(issue?.column, 3);
    assert.match(issue?.message ?? '', /line 4, column 3/);
  });

  it('gives the line of schema problems found in YAML text', () => {
    const text =
      'apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  web:\n    image: nginx\n    variables:\n      PORT: 8080\n';
    const [issue] = problems(text);
    assert.equal(issue?.path, '/containers/web/variables/PORT');
    assert.equal(issue?.line, 8);
  });

  it('refuses an empty file', () => {
    assert.match(problems('# nothing\n')[0]?.message ?? '', /empty/);
  });

  describe('limits, the same for YAML text and a JSON object', () => {
    /** The problems of a workload given as an object and as the YAML text of that object. */
    const bothForms = (workload: Record<string, unknown>) => {
      const asObject = problems(workload).map(({ path, message }) => ({ path, message }));
      const asYaml = problems(stringify(workload, { lineWidth: 0 })).map(({ path, message }) => ({ path, message }));
      assert.deepEqual(asObject, asYaml, 'one check for both forms');
      return asObject;
    };

    it('limits each field, naming its path and the limit', () => {
      const long = (n: number) => 'x'.repeat(n);
      assert.deepEqual(bothForms(withContainer({ image: long(scoreLimits.image + 1) })), [
        { path: '/containers/web/image', message: 'Is 1,001 characters long; at most 1,000 are allowed' },
      ]);
      const variables = { BIG: long(scoreLimits.variableValue + 1), [long(scoreLimits.variableName + 1)]: 'v' };
      assert.deepEqual(
        bothForms(withContainer({ variables })).map((f) => [f.path.slice(0, 40), f.message]),
        [
          ['/containers/web/variables/BIG', 'Is 65,537 characters long; at most 65,536 are allowed'],
          [`/containers/web/variables/${'x'.repeat(14)}`, 'Is 257 characters long; at most 256 are allowed'],
        ],
      );
      assert.deepEqual(paths(withContainer({ args: ['ok', long(scoreLimits.argument + 1)] })), [
        '/containers/web/args/1',
      ]);
      assert.deepEqual(paths(withContainer({ readinessProbe: { httpGet: { path: long(5000), port: 80 } } })), [
        '/containers/web/readinessProbe/httpGet/path',
      ]);
      // At the limit is fine.
      parseScore(withContainer({ image: long(scoreLimits.image), variables: { V: long(scoreLimits.variableValue) } }));
    });

    it('limits the whole file, as text or as JSON', () => {
      const huge = withContainer({ files: { '/a': { content: 'x'.repeat(scoreLimits.document) } } });
      for (const form of [huge, JSON.stringify(huge)]) {
        const [issue] = problems(form);
        assert.equal(issue?.path, '');
        assert.match(issue?.message ?? '', /characters long; at most 1,000,000 are allowed/);
      }
    });

    it('limits nesting (only resource params can nest), without recursing to find out', () => {
      let params: Record<string, unknown> = { leaf: 'x' };
      for (let i = 0; i < 10_000; i++) params = { p: params };
      const [issue] = problems({ ...minimal, resources: { db: { type: 'postgres', params } } });
      assert.equal(issue?.path, `/resources/db/params${'/p'.repeat(maxNestingDepth - 3)}`);
      assert.match(issue?.message ?? '', /nested deeper than 64 levels/);
      // YAML that nests past what its parser can compose says so, not "Maximum call stack size".
      const [yaml] = problems(`apiVersion: score.dev/v1b1\nresources: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
      assert.match(yaml?.message ?? '', /nested deeper than 64 levels/);
      assert.doesNotMatch(yaml?.message ?? '', /call stack/);
    });
  });
});
