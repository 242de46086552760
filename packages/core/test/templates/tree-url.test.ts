import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRepoUrl } from '../../src/templates/backstage-filters.ts';
import { parseTreeUrl } from '../../src/templates/tree-url.ts';

describe('folder pages of Git hosts', () => {
  it('reads each host’s spelling as remote, ref and path', () => {
    assert.deepEqual(
      parseTreeUrl('https://github.com/backstage/community/tree/main/backstage-community-sessions', 'github'),
      { remote: 'https://github.com/backstage/community.git', ref: 'main', path: 'backstage-community-sessions' },
    );
    assert.deepEqual(parseTreeUrl('https://ghe.acme.io/o/r/blob/v1.2/docs/a.md', 'github'), {
      remote: 'https://ghe.acme.io/o/r.git',
      ref: 'v1.2',
      path: 'docs/a.md',
    });
    assert.deepEqual(parseTreeUrl('https://gitlab.com/g/sub/repo/-/tree/main/x', 'gitlab'), {
      remote: 'https://gitlab.com/g/sub/repo.git',
      ref: 'main',
      path: 'x',
    });
    assert.deepEqual(parseTreeUrl('http://git.acme:3000/o/r/src/branch/dev', 'gitea'), {
      remote: 'http://git.acme:3000/o/r.git',
      ref: 'dev',
      path: '',
    });
  });

  it('answers null for what is not a folder page of that kind', () => {
    assert.equal(parseTreeUrl('https://github.com/o/r', 'github'), null);
    assert.equal(parseTreeUrl('https://github.com/o/r/tree/main/x', 'gitlab'), null);
    assert.equal(parseTreeUrl('not a url', 'github'), null);
    assert.equal(parseTreeUrl('https://git.acme/o/r.git', 'git'), null);
  });

  it('a RepoUrlPicker value may name a port', () => {
    assert.deepEqual(parseRepoUrl('git.acme:3000?owner=acme&repo=shop'), {
      host: 'git.acme:3000',
      owner: 'acme',
      repo: 'shop',
    });
  });
});
