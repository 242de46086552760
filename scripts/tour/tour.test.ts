/**
 * The tour runner's reading of documents: how a block splits into steps and what each must
 * print and exit with, how outputs are masked and matched, and the marks on the real README and
 * docs (a lost `server` mark would make the tour run `scripts/up.sh` in the foreground). The
 * tour itself runs in scripts/test.sh (scripts/tour/ci.sh), against a real server and cluster.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { mask, matches } from './compare.ts';
import { readBlocks } from './markdown.ts';
import { splitSteps } from './steps.ts';

const repo = join(import.meta.dirname, '../..');

describe('splitting a block into steps', () => {
  test('output lines follow their command; prose comments and blank lines are not output', () => {
    const block = [
      '# 1. Sign in',
      '#    and check (prose: it follows a comment, not a command)',
      'slipway doctor',
      '#   ✔ connection  Slipway answers',
      '#   All 5 checks passed.',
      '',
      'slipway env create dev   # an inline comment is prose',
    ].join('\n');
    const steps = splitSteps(block, 10);
    assert.deepEqual(
      steps.map((s) => [s.line, s.command, s.expected, s.status]),
      [
        [12, 'slipway doctor', ['✔ connection  Slipway answers', 'All 5 checks passed.'], 0],
        [16, 'slipway env create dev   # an inline comment is prose', [], 0],
      ],
    );
  });

  test('here-documents and continuation lines stay in one command', () => {
    const block =
      "cat > score.yaml <<'YAML'\nmetadata: { name: shop }\n#   not output: inside the document\nYAML\nslipway create --template x \\\n  --dry-run\n";
    const steps = splitSteps(block, 1);
    assert.equal(steps.length, 2);
    assert.equal(
      steps[0]?.command,
      "cat > score.yaml <<'YAML'\nmetadata: { name: shop }\n#   not output: inside the document\nYAML",
    );
    assert.deepEqual(steps[0]?.expected, []);
    assert.equal(steps[1]?.command, 'slipway create --template x \\\n  --dry-run');
  });

  test('an error shown means the command must fail; `[exit N]` asks for that status', () => {
    const [failing, differing] = splitSteps(
      'slipway deploy -f -\n#   error: bad\nslipway diff shop\n#   ~ Deployment shop\n#   [exit 1]\n',
      1,
    );
    assert.equal(failing?.status, 'nonzero');
    assert.equal(differing?.status, 1);
    assert.deepEqual(differing?.expected, ['~ Deployment shop'], 'the [exit N] line is not output');
  });
});

describe('comparing outputs', () => {
  test('volatile parts are masked on both sides', () => {
    assert.equal(
      mask(
        '✔ connection  Slipway answers at http://127.0.0.1:40505 (85 ms), release 8e671a0f-d5c2-4a5e-9a47-1f0e8c3b7d21 before 2026-12-05 18:13Z',
      ),
      '✔ connection Slipway answers at http://127.0.0.1:<port> (<duration>), release <id> before <time>',
    );
    assert.ok(
      matches(
        ['0.5s  #1 progressing', 'token "cli-laptop-20300601-120000"'],
        ['12.25s #1 progressing', 'token "cli-ci-box-20261204-181300"'],
      ),
    );
    assert.ok(!matches(['All 8 resources healthy'], ['All 10 resources healthy']), 'counts are not masked');
    assert.ok(
      matches(['deployment.apps/shop   1/1   1   1   41s'], ['deployment.apps/shop 1/1 1 1 2m6s']),
      "kubectl's compound ages are durations too",
    );
    assert.equal(mask('up 3h4m, then 10d'), 'up <duration>, then <duration>');
  });

  test('the whole output must match unless `…` says more may come', () => {
    assert.ok(!matches(['a'], ['a', 'b']));
    assert.ok(matches(['a', '…'], ['a', 'b', 'c']));
    assert.ok(matches(['…', 'c'], ['c']), 'a `…` line stands for any number of lines, none included');
    assert.ok(!matches(['…', 'c'], ['c', 'd']));
    assert.ok(
      matches(
        ['token in /…/.slipway/initial-admin-token'],
        ['token in /tmp/x/home/slipway/.slipway/initial-admin-token'],
      ),
    );
    assert.ok(!matches(['a (b)'], ['a b']), 'the document text is not a pattern');
    assert.ok(matches(['a'], ['', 'a', '  ']), 'blank lines are not compared');
  });
});

describe('the marks in README.md and docs/', () => {
  const read = (file: string) => readBlocks(file, readFileSync(join(repo, file), 'utf8'));

  test("the README's first block starts the server and the next shows what it prints", () => {
    const blocks = read('README.md');
    assert.deepEqual(
      blocks.map((b) => b.role),
      ['server', 'server-output', 'run'],
    );
    assert.match(blocks[0]?.text ?? '', /^bash scripts\/up\.sh/);
    assert.match(blocks[1]?.text ?? '', /Slipway is running at http:\/\/127\.0\.0\.1:7420/);
  });

  test('every block of the docs runs or says why not', () => {
    for (const file of readdirSync(join(repo, 'docs')).filter((f) => f.endsWith('.md'))) {
      for (const block of read(`docs/${file}`)) {
        if (block.role === 'skip')
          assert.ok(block.reason.length > 10, `${block.file}:${block.line} says why it is skipped`);
        else assert.equal(block.role, 'run', `${block.file}:${block.line}`);
      }
    }
  });

  test('a mark without a reason, or not before a block, is refused', () => {
    assert.throws(() => readBlocks('x.md', '<!-- tour: skip -->\n```sh\nls\n```\n'), /say why/);
    assert.throws(() => readBlocks('x.md', '<!-- tour: skip, why -->\n\nSome text.\n'), /right before a code block/);
    assert.throws(() => readBlocks('x.md', '<!-- tour: run -->\n```sh\nls\n```\n'), /a tour mark must be/);
  });
});
