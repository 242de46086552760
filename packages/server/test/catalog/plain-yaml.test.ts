/**
 * The fast reader of plain catalog files (plain-yaml.ts) must answer what `yaml`, the reader
 * of record, answers, or stand aside (null). Held to it over grids of scalars and document
 * layouts, the repository's own YAML (Score samples, Backstage templates, fixtures), and
 * thousands of seeded mutations of those files, broken ones included.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readPlainYaml } from '../../src/catalog/plain-yaml.ts';
import { parseYamlDocuments, readWithYaml, type YamlDocument } from '../../src/catalog/yaml-documents.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** Every .yaml/.yml file under the folders, node_modules left out. */
function yamlFiles(...dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && !e.parentPath.includes('node_modules'))
      .map((e) => join(e.parentPath, e.name)),
  );
}

/**
 * The two readers agree on `text`: when the fast one answers, `yaml` read every document
 * without an error, to the same values at the same indexes (NaN and -0 included).
 * Answers whether the fast reader took it.
 */
function agree(text: string): boolean {
  const fast = readPlainYaml(text);
  if (fast === null) return false;
  const slow = readWithYaml('f.yaml', text);
  assert.deepEqual(
    slow.filter((d) => d.error !== undefined),
    [],
    `the fast reader took text yaml refuses: ${JSON.stringify(text)}`,
  );
  assert.deepStrictEqual(
    fast,
    slow.map((d) => ({ index: d.index, value: documentValue(d) })),
    `the readers differ on ${JSON.stringify(text)}`,
  );
  return true;
}

const documentValue = (doc: YamlDocument) => (doc.error === undefined ? doc.value : undefined);

/** A seeded generator, so a failure names the text it failed on every time. */
function seeded(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
}

describe('the fast reader of plain YAML', () => {
  it('resolves scalars as YAML 1.2 core does in yaml, or leaves them as strings alike', () => {
    const parts = ['', '-', '+', '0', '1', '7', '9', '00', '0b', '0o', '0x', '0X', 'a', 'f', '_', '.', 'e', 'E'];
    const words = ['inf', 'Inf', 'INF', 'iNf', 'nan', 'NaN', 'true', 'True', 'TRUE', 'tRUE', 'False', 'null'];
    const more = ['Null', 'NULL', 'nULL', '~', 'yes', 'on', '2024-01-01', '1:20', '12345678901234567890', '0777'];
    let taken = 0;
    for (const a of [...parts, ...words, ...more])
      for (const b of [...parts, ...words])
        for (const c of ['', '0', '1', '9', 'e1', '.5']) {
          if (agree(`k: ${a}${b}${c}\nl: [${a}${b}${c}]\n${a}${b}${c}: key\n`)) taken++;
        }
    assert.ok(taken > 5000, `the fast reader took only ${taken} of the scalar grid`);
  });

  it('reads unusual characters as yaml does: line and paragraph separators, NEL, controls, BOM', () => {
    const chars = ['\u2028', '\u2029', '\u0085', '\u00a0', '\u000b', '\u000c', '\u0000', '\u001f', '\u007f'];
    chars.push('\ufeff', '\ud800', '\uffff', '\u200b', '\u3000');
    for (const c of chars)
      for (const text of [`a: x${c}y\n`, `a: "x${c}y"\n`, `a${c}: y\n`, `a: x\n${c}b: y\n`, `- x${c}\n`, `a: x ${c}\n`])
        agree(text);
  });

  it('numbers the documents of a file as yaml does, empty and comment-only ones included', () => {
    const pieces = ['a: 1\n', '# c\n', '---\n', '--- # c\n', '...\n', '\n', '- 1\n', '--- x\n', '---\n# c\n'];
    let taken = 0;
    for (const a of pieces) for (const b of pieces) for (const c of pieces) if (agree(a + b + c)) taken++;
    assert.ok(taken > 500, `the fast reader took only ${taken} layouts`);
  });

  it("reads the repository's own YAML as yaml does: Score samples, Backstage templates, fixtures", () => {
    const files = yamlFiles('packages/server/test', 'packages/core/test', 'templates');
    assert.ok(files.length > 50, `only ${files.length} files found`);
    const taken = files.filter((f) => agree(readFileSync(f, 'utf8'))).length;
    assert.ok(taken >= files.length / 2, `the fast reader took only ${taken} of ${files.length} files`);
  });

  it('agrees with yaml on thousands of mutations of those files, broken ones included', () => {
    const texts = yamlFiles('packages/server/test/fixtures', 'templates').map((f) => readFileSync(f, 'utf8'));
    const bits = [' ', '  ', '\n', '"', "'", ':', ': ', '- ', '#', ' #', '[', ']', '{', '}', ',', '|', '>'];
    bits.push('|2\n', '>-\n', '0', '.', 'e', '0o7', '0x1', '0b1', '.inf', '~', 'null', 'True', '---\n', '...\n');
    bits.push('\n  ', '\n ', '\n    ', '\r\n', '\u00a0', '\ufeff', '%', '@', '`', '?', "''", '""', 'x');
    const random = seeded(20261207);
    let taken = 0;
    for (let k = 0; k < 4000; k++) {
      let text = texts[random(texts.length)] as string;
      for (let edits = 1 + random(3); edits > 0; edits--) {
        const at = random(text.length + 1);
        const op = random(3);
        if (op === 0) text = text.slice(0, at) + text.slice(at + 1 + random(3));
        else if (op === 1) text = text.slice(0, at) + bits[random(bits.length)] + text.slice(at);
        else {
          const lines = text.split('\n');
          const [a, b] = [random(lines.length), random(lines.length)];
          [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
          text = lines.join('\n');
        }
      }
      if (agree(text)) taken++;
    }
    assert.ok(taken > 1000, `the fast reader took only ${taken} of 4,000 mutations`);
  });

  it('leaves to yaml what only yaml reads as it should', () => {
    const explosion = ['a: &a [x, x]', 'b: &b [*a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c]'];
    const slowOnly = {
      anchors: 'a: &x 1\nb: *x\n',
      tags: 'a: !!str 1\n',
      directive: '%YAML 1.1\n---\na: yes\n',
      'merge key': 'a: {x: 1}\nb:\n  <<: {y: 2}\n',
      'complex key': '? [a, b]\n: c\n',
      'flow key': '{[a]: 1}\n',
      'null key': 'null: x\n',
      'empty key': ': x\n',
      tab: 'a:\t1\n',
      escape: 'a: "\\u00e9"\n',
      'quoted scalar over two lines': 'a: "one\n  two"\n',
      'comment glued to a quote': 'a: "x"#c\n',
      'duplicate key': 'a: 1\na: 2\n',
      'alias explosion': explosion.join('\n'),
    };
    for (const [what, text] of Object.entries(slowOnly)) {
      assert.equal(readPlainYaml(text), null, what);
      assert.deepEqual(parseYamlDocuments('f.yaml', text), readWithYaml('f.yaml', text), what);
    }
    assert.match(parseYamlDocuments('f.yaml', slowOnly['duplicate key'])[0]?.error ?? '', /unique/);
    assert.match(parseYamlDocuments('f.yaml', slowOnly['alias explosion'])[0]?.error ?? '', /alias/i);
    assert.deepEqual(parseYamlDocuments('f.yaml', slowOnly.tags).map(documentValue), [{ a: '1' }]);
  });

  it('reads long runs of blank lines, spaces and punctuation as quickly as their length', () => {
    // A first version of the check took 97 s over 5,000 blank lines; these would take hours.
    // (yaml itself is slower on some: 2.2 s for the quoted scalars, which the check sends it.)
    const n = 20_000;
    const texts = [
      `a: 1\n${'\n'.repeat(n)}b: 2\n`,
      `a: 1\n${' \n'.repeat(n)}b: 2\n`,
      '- \n'.repeat(n),
      `a: [1,${' '.repeat(n)}]`,
      `{${' \n'.repeat(n)}}`,
      `a: '${"''".repeat(n)}'`,
      `a: ${'"x" '.repeat(n)}`,
    ];
    const taken = texts.filter((text) => agree(text)).length;
    assert.equal(taken, 5);
  });

  it('reads a plain catalog file itself, with its documents numbered', () => {
    const text = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: payments-api',
      "  description: Takes payments, it's the team's first service",
      '  tags: [java, payments]',
      'spec: {type: service, lifecycle: production, owner: team-a}',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: API',
      'metadata: {name: payments}',
      'spec:',
      '  definition: |',
      '    openapi: 3.0.0',
      '    info: {title: Payments, version: 1.0.0}',
      '',
    ].join('\n');
    assert.ok(agree(text));
    // A key named __proto__ is a key like any other, and the prototype stays as it was.
    assert.ok(agree('__proto__: {polluted: true}\nname: x\n'));
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
    const docs = parseYamlDocuments('catalog-info.yaml', text);
    assert.deepEqual(
      docs.map((d) => [d.path, d.index, (documentValue(d) as { kind: string }).kind]),
      [
        ['catalog-info.yaml', 0, 'Component'],
        ['catalog-info.yaml', 1, 'API'],
      ],
    );
  });
});
