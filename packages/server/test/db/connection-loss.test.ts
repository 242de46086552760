import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isConnectionLoss } from '../../src/db/sql-errors.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isConnectionLoss', () => {
  it('knows the server going away, by SQLSTATE, socket code or driver message', () => {
    for (const error of [
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      withCode('08006'),
      withCode('53300', 'too many connections'),
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''),
    ]) {
      assert.equal(isConnectionLoss(error), true, `${(error as { code?: string }).code ?? ''} ${error.message}`);
    }
  });

  it('leaves refused statements alone: those are conflicts or bugs, not an outage', () => {
    for (const error of [
      withCode('23505', 'duplicate key value violates unique constraint'),
      withCode('22P02', 'invalid input syntax for type uuid'),
      withCode('42P01', 'relation does not exist'),
      new Error('something else'),
      null,
    ]) {
      assert.equal(isConnectionLoss(error), false, String(error));
    }
  });
});
