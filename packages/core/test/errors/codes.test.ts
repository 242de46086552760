import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeForStatus, errorCodes, isErrorCode, SlipwayError } from '../../src/index.ts';

describe('the catalogue of error codes', () => {
  it('gives every code an error status, a title, when it happens and what to do', () => {
    for (const [code, e] of Object.entries(errorCodes)) {
      assert.match(code, /^[a-z]+(_[a-z]+)*$/, `${code} is snake_case`);
      assert.ok(e.status >= 400 && e.status < 600, `${code}: ${e.status}`);
      for (const text of [e.title, e.when, e.action]) assert.ok(text.trim().length > 0, `${code} has all its texts`);
    }
  });

  it('maps a status shared by several codes to its generic code, listed first', () => {
    assert.equal(codeForStatus(409), 'conflict');
    assert.equal(codeForStatus(403), 'forbidden');
    assert.equal(codeForStatus(503), 'unavailable');
    assert.equal(codeForStatus(400), 'invalid_input');
    assert.equal(codeForStatus(418), 'invalid_input', 'an unknown 4xx is the caller’s');
    assert.equal(codeForStatus(502), 'internal');
  });

  it('gives each refusal that used to share `conflict` its own code', () => {
    const refusals = [
      'environment_paused',
      'environment_deleting',
      'environment_deleted',
      'release_not_awaiting_approval',
      'release_never_applied',
      'release_not_healthy',
      'release_is_current',
      'no_healthy_release',
      'already_exists',
      'in_use',
      'last_admin',
      'self_disable',
      'ambiguous_name',
      'template_run_ended',
    ];
    for (const code of refusals) {
      assert.ok(isErrorCode(code), code);
      assert.equal(errorCodes[code as keyof typeof errorCodes].status, 409, code);
    }
  });
});

describe('SlipwayError.fromBody', () => {
  it('rebuilds a known code with its message, hint and fields', () => {
    const error = SlipwayError.fromBody(
      { error: { code: 'environment_paused', message: 'Environment dev is paused', hint: 'Resume it first' } },
      409,
    );
    assert.deepEqual(error.toBody(), {
      code: 'environment_paused',
      message: 'Environment dev is paused',
      hint: 'Resume it first',
    });
    assert.equal(error.status, 409);
  });

  it('keeps the message of a code a newer server sent, under the generic code of its status', () => {
    const error = SlipwayError.fromBody({ error: { code: 'some_future_refusal', message: 'No', hint: 'Do X' } }, 409);
    assert.deepEqual(error.toBody(), { code: 'conflict', message: 'No', hint: 'Do X' });
  });

  it('names an answer that is not an error body as unexpected', () => {
    const error = SlipwayError.fromBody('<html>', 502);
    assert.equal(error.code, 'internal');
    assert.equal(error.message, 'Unexpected response (HTTP 502)');
  });
});
