import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { globToRegExp, workspacePath } from '../../src/templates/paths.ts';

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
