import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { SlipwayError } from '@slipway/core';
import { KeyRing, loadKeyRing, openText, seal } from '../../src/crypto/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'slipway-keys-'));
let counter = 0;
const fresh = (name: string) => join(dir, `${++counter}`, name);
const b64 = () => randomBytes(32).toString('base64');
const line = (id: string) => `${id}:${b64()}`;
const posix = process.platform !== 'win32';

function writeKeyFile(path: string, text: string, mode = 0o600): string {
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
  return path;
}

/** Parses and expects a refusal naming `lineNumber` that shows nothing of `secrets`. */
function refusal(text: string, lineNumber: number | undefined, secrets: string[]): SlipwayError {
  try {
    KeyRing.parse(text);
  } catch (error) {
    assert.ok(error instanceof SlipwayError, `expected a SlipwayError, got ${String(error)}`);
    assert.equal(error.code, 'invalid_config');
    assert.ok(error.hint, 'no hint');
    if (lineNumber !== undefined) assert.match(error.message, new RegExp(`\\bline ${lineNumber}\\b`));
    const shown = `${error.message}\n${error.hint}\n${inspect(error)}`;
    for (const secret of secrets) {
      for (let i = 0; i + 8 <= secret.length; i++) {
        assert.ok(!shown.includes(secret.slice(i, i + 8)), `the error shows key material: ${error.message}`);
      }
    }
    return error;
  }
  assert.fail('the key ring was accepted');
}

describe('KeyRing.parse', () => {
  it('reads keys in order, the first as primary, skipping comments and blank lines', () => {
    const [a, b, c] = [b64(), b64(), b64()];
    const ring = KeyRing.parse(`\uFEFF# keys\n\n  k2030:${a}  \r\n# old:\nk2029:${b.replace(/=$/, '')}\nold-1:${c}\n`);
    assert.equal(ring.primary.id, 'k2030');
    assert.deepEqual(ring.primary.key, Buffer.from(a, 'base64'));
    assert.deepEqual(ring.ids, ['k2030', 'k2029', 'old-1']);
    assert.deepEqual(ring.get('k2029')?.key, Buffer.from(b, 'base64'));
    assert.equal(ring.get('nope'), undefined);
  });

  it('never shows key material when inspected or serialised', () => {
    const key = b64();
    const ring = KeyRing.parse(`k1:${key}\n${line('k0')}`);
    const hex = Buffer.from(key, 'base64').toString('hex');
    for (const shown of [inspect(ring), JSON.stringify(ring), String(ring)]) {
      assert.ok(!shown.includes(key) && !shown.includes(hex.slice(0, 16)), shown);
    }
    assert.deepEqual(JSON.parse(JSON.stringify(ring)), { primary: 'k1', ids: ['k1', 'k0'] });
  });

  it('refuses bad base64 with its line number', () => {
    const bad = `${b64().slice(0, 20)}!!${b64().slice(0, 20)}=`;
    const error = refusal(`# ring\n${line('k2')}\nk1:${bad}\n`, 3, [bad]);
    assert.match(error.message, /not valid base64/);
    const notCanonical = `${b64().slice(0, 42)}B=`;
    refusal(`k1:${notCanonical}`, 1, [notCanonical]);
    refusal(`k1:${b64()}==`, 1, []);
  });

  it('refuses a key of the wrong length', () => {
    const short = randomBytes(16).toString('base64');
    const error = refusal(`${line('k2')}\n\nk1:${short}`, 3, [short]);
    assert.match(error.message, /16 bytes, expected 32/);
    const long = randomBytes(48).toString('base64');
    refusal(`k1:${long}`, 1, [long]);
    refusal('k1:', 1, []);
  });

  it('refuses a duplicate id, naming both lines', () => {
    const [a, b] = [b64(), b64()];
    const error = refusal(`k1:${a}\n# again\nk1:${b}\n`, 3, [a, b]);
    assert.match(error.message, /"k1" is already used on line 1/);
  });

  it('refuses an empty ring', () => {
    for (const text of ['', '\n\n', '# only a comment\n   \n']) {
      const error = refusal(text, undefined, []);
      assert.match(error.message, /no keys/);
    }
  });

  it('refuses a line without an id or with a bad id, without echoing it', () => {
    const key = b64();
    refusal(key, 1, [key]);
    refusal(`\n${key}:k1`, 2, [key]);
    for (const id of ['K1', '-k', 'k_1', 'a'.repeat(33), '']) refusal(`${id}:${key}`, 1, [key]);
  });
});

describe('KeyRing.generate', () => {
  it('returns the text of a ring with one fresh key, named by the date by default', () => {
    const text = KeyRing.generate(undefined, new Date('2030-06-01T23:30:00Z'));
    const ring = KeyRing.parse(text);
    assert.deepEqual(ring.ids, ['k20300601']);
    assert.equal(ring.primary.key.length, 32);
    assert.notDeepEqual(KeyRing.parse(KeyRing.generate()).primary.key, ring.primary.key);
    assert.deepEqual(KeyRing.parse(KeyRing.generate('prod-2')).ids, ['prod-2']);
    assert.throws(
      () => KeyRing.generate('Prod'),
      (e) => e instanceof SlipwayError && e.code === 'invalid_input',
    );
  });
});

describe('loadKeyRing', () => {
  it('prefers SLIPWAY_SECRET_KEYS, then the key file, then the default file', () => {
    const keyFile = writeKeyFile(join(dir, 'configured.keys'), line('file'));
    const defaultFile = writeKeyFile(join(dir, 'default.keys'), line('default'));

    const fromEnv = loadKeyRing({ env: line('env'), keyFile, defaultFile });
    assert.equal(fromEnv.source, 'env');
    assert.equal(fromEnv.file, undefined);
    assert.equal(fromEnv.ring.primary.id, 'env');

    const fromFile = loadKeyRing({ keyFile, defaultFile });
    assert.deepEqual([fromFile.source, fromFile.file, fromFile.ring.primary.id], ['file', keyFile, 'file']);

    const blankEnv = loadKeyRing({ env: ' \n', keyFile, defaultFile });
    assert.equal(blankEnv.ring.primary.id, 'file', 'a blank variable counts as unset');

    const fromDefault = loadKeyRing({ defaultFile });
    assert.deepEqual(
      [fromDefault.source, fromDefault.file, fromDefault.ring.primary.id],
      ['file', defaultFile, 'default'],
    );
  });

  it('generates the default file when there is no ring, private, and reads it back later', () => {
    const defaultFile = fresh(join('nested', 'secret.keys'));
    const first = loadKeyRing({ defaultFile });
    assert.equal(first.source, 'generated');
    assert.equal(first.file, defaultFile);
    assert.ok(existsSync(defaultFile));
    if (posix) assert.equal(statSync(defaultFile).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(join(defaultFile, '..')), ['secret.keys'], 'a temporary file was left behind');

    const second = loadKeyRing({ defaultFile });
    assert.equal(second.source, 'file');
    assert.deepEqual(second.ring.primary, first.ring.primary);
    const sealed = seal(first.ring, 'hunter2', 'a');
    assert.equal(openText(second.ring, sealed, 'a'), 'hunter2');
    assert.match(readFileSync(defaultFile, 'utf8'), /^# /);
  });

  it('does not generate when the ring comes from the environment', () => {
    const defaultFile = fresh('secret.keys');
    loadKeyRing({ env: line('env'), defaultFile });
    assert.equal(existsSync(defaultFile), false);
  });

  it('refuses a key file that others can read, with a chmod hint', { skip: !posix }, () => {
    const key = b64();
    for (const options of [
      { keyFile: writeKeyFile(join(dir, 'open.keys'), `k1:${key}`, 0o644), defaultFile: fresh('unused.keys') },
      { defaultFile: writeKeyFile(join(dir, 'open-default.keys'), `k1:${key}`, 0o640) },
    ]) {
      const file = options.keyFile ?? options.defaultFile;
      assert.throws(
        () => loadKeyRing(options),
        (error) => {
          assert.ok(error instanceof SlipwayError);
          assert.equal(error.code, 'invalid_config');
          assert.match(error.message, /can be read by other users/);
          assert.equal(error.hint, `restrict it to its owner: chmod 600 ${file}`);
          assert.ok(!error.message.includes(key));
          return true;
        },
      );
    }
  });

  it('refuses a configured key file that does not exist instead of generating one', () => {
    const keyFile = join(dir, 'missing.keys');
    const defaultFile = fresh('secret.keys');
    assert.throws(
      () => loadKeyRing({ keyFile, defaultFile }),
      (error) =>
        error instanceof SlipwayError && error.code === 'invalid_config' && /does not exist/.test(error.message),
    );
    assert.equal(existsSync(defaultFile), false);
  });

  it('names where an invalid ring came from', () => {
    const short = randomBytes(8).toString('base64');
    assert.throws(
      () => loadKeyRing({ env: `k1:${short}`, defaultFile: fresh('x') }),
      /line 1: .*\(in SLIPWAY_SECRET_KEYS\)$/,
    );
    const keyFile = writeKeyFile(join(dir, 'bad.keys'), `\nk1:${short}`);
    assert.throws(
      () => loadKeyRing({ keyFile, defaultFile: fresh('x') }),
      (error) =>
        error instanceof SlipwayError &&
        error.message.endsWith(`(in ${keyFile})`) &&
        /line 2/.test(error.message) &&
        !error.message.includes(short),
    );
  });
});
