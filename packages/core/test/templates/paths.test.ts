import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { globToRegExp, workspacePath } from '../../src/templates/paths.ts';
import { renderSkeleton } from '../../src/templates/skeleton.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (content: Uint8Array) => new TextDecoder().decode(content);

describe('workspace paths', () => {
  it('normalizes relative paths', () => {
    assert.equal(workspacePath('./app', 'src//server.js'), 'app/src/server.js');
    assert.equal(workspacePath(''), '');
  });

  it('refuses traversal, absolute paths and NUL bytes', () => {
    for (const bad of ['../../etc/passwd', 'a/../../b', '/etc/passwd', '..\\x', 'C:\\x', 'a\0b', 'ok/..']) {
      assert.throws(() => workspacePath(bad), /is refused/, bad);
    }
  });

  it('matches globs', () => {
    assert.ok(globToRegExp('**/*.png').test('assets/img/logo.png'));
    assert.ok(globToRegExp('**/*.png').test('logo.png'));
    assert.ok(!globToRegExp('*.png').test('a/logo.png'));
    assert.ok(globToRegExp('.github/workflows/*').test('.github/workflows/deploy.yml'));
  });
});

describe('skeleton rendering', () => {
  it('renders names and contents, copying the verbatim globs', () => {
    const out = renderSkeleton(
      [
        { path: '${{ values.name }}/README.md', content: bytes('# ${{ values.name }}') },
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
    assert.equal(text(out[0]?.content as Uint8Array), '# web');
    assert.equal(text(out[1]?.content as Uint8Array), 'run: ${{ values.name }}');
  });

  it('refuses a file name that renders to a path outside the workspace', () => {
    assert.throws(
      () => renderSkeleton([{ path: '${{ values.name }}', content: bytes('x') }], { name: '../../etc/passwd' }),
      /"\.\." would leave the workspace/,
    );
    assert.throws(() => renderSkeleton([{ path: 'x', content: bytes('') }], {}, { targetPath: '../up' }), /refused/);
  });
});
