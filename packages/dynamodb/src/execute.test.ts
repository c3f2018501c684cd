import assert from 'node:assert/strict';
import { test } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { parseStatement, renderStatement } from './execute.js';

test('a native statement is { command, input } with a data command', () => {
  const statement = { command: 'UpdateItem', input: { TableName: 'users', Key: { id: { S: 'u1' } } } };
  assert.deepEqual(parseStatement(statement), statement);
  assert.equal(renderStatement({ command: 'ExecuteStatement', input: { Statement: 'SELECT * FROM "users"' } }), 'ExecuteStatement {"Statement":"SELECT * FROM \\"users\\""}');
});

test('SQL text, schema commands, unknown commands and malformed statements are refused clearly', () => {
  const refused = (statement: Parameters<typeof parseStatement>[0], what: RegExp) =>
    assert.throws(() => parseStatement(statement), (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && what.test(err.message) && err.hint.length > 0);
  refused("UPDATE users SET role = 'member'", /run SQL text/);
  refused({ command: 'DeleteTable', input: { TableName: 'users' } }, /bypass Tidemark's schema/);
  refused({ command: 'DropEverything', input: {} }, /run the command "DropEverything"/);
  refused({ input: {} }, /without a command name/);
  refused({ command: 'PutItem' }, /without an input object/);
  refused({ command: 'PutItem', input: {}, extra: 1 }, /unknown field\(s\) extra/);
});
