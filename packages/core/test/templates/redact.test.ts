import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor, runRedactor } from '../../src/templates/redact.ts';

describe('template run redaction', () => {
  it('hides the credentials of URLs wherever they stand, the whole userinfo', () => {
    const r = new Redactor();
    assert.equal(
      r.text("pushed main to https://ada:s3cret@git.example.com/acme/web.git, then 'ssh://git:pw@h:22/r'"),
      "pushed main to https://***@git.example.com/acme/web.git, then 'ssh://***@h:22/r'",
    );
    assert.equal(r.text('https://ghp_tokenAsUser@github.com/a/b'), 'https://***@github.com/a/b');
    // An unencoded @ in the password: cut at the last @ before the path, so nothing is left over.
    assert.equal(r.text('https://u:p@ss@host/x'), 'https://***@host/x');
    // An @ after the host belongs to the path or the query: nothing to hide.
    assert.equal(
      r.text('https://host/a@b?c=d@e git@github.com:acme/web.git'),
      'https://host/a@b?c=d@e git@github.com:acme/web.git',
    );
  });

  it('hides secret values inside longer texts, JSON-escaped and URL-encoded too, longest first', () => {
    const r = new Redactor(['pa"ss/word', 'pa"ss']);
    assert.equal(r.text('x pa"ss/word y'), 'x *** y');
    assert.equal(r.text(JSON.stringify({ p: 'pa"ss/word' })), '{"p":"***"}');
    assert.equal(r.text(`https://h/?p=${encodeURIComponent('pa"ss/word')}`), 'https://h/?p=***');
    assert.equal(r.text('only pa"ss here'), 'only *** here');
    assert.equal(new Redactor(['']).text('empty secrets hide nothing'), 'empty secrets hide nothing');
  });

  it('replaces server paths by their names', () => {
    const r = new Redactor().addPath('/tmp/slipway-template-src-AbC123', '<template checkout>');
    assert.equal(r.text('cannot read /tmp/slipway-template-src-AbC123/up/x'), 'cannot read <template checkout>/up/x');
  });

  it('redacts plain data, keys included, without mutating it; __proto__ stays a key', () => {
    const r = new Redactor(['tok']);
    const input = JSON.parse('{"a":["tok-1",{"tok":"https://u:p@h/x"}],"n":3,"__proto__":{"x":"tok"}}');
    const out = r.value(input);
    assert.deepEqual(JSON.parse(JSON.stringify(out)), {
      a: ['***-1', { '***': 'https://***@h/x' }],
      n: 3,
      ['__proto__']: { x: '***' },
    });
    assert.equal(input.a[0], 'tok-1');
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    let deep: unknown = 'tok';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assert.doesNotThrow(() => r.value(deep));
  });

  it("takes a run's secrets from its secret parameters (any value inside them) and its secrets", () => {
    const r = runRedactor(
      { secretParameters: ['password', 'pin', 'nested', 'absent'] },
      { password: 'hunter2', pin: 424242, nested: { list: ['deep-secret'] }, name: 'web' },
      { apiKey: 'key-1' },
    );
    assert.equal(r.text('hunter2 424242 deep-secret key-1 web'), '*** *** *** *** web');
  });
});
