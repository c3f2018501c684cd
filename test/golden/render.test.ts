// Golden tests of the plan, without a server: for the fixed operations of operations.ts over
// its fixed `before` schema, each backend's `render` (what `migrate:up --dry-run` prints: SQL,
// MongoDB command documents, DynamoDB requests; the applier's `render` is the same function) is
// compared with expected/<dialect>.txt. A refusal is expected output too: its code and message.
// After an intended change, regenerate with TIDEMARK_UPDATE_GOLDEN=1 and review the diff.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { isTidemarkError, type Backend } from '@tidemark/core';
import { dynamodbBackend } from '@tidemark/dynamodb';
import { mongodbBackend } from '@tidemark/mongodb';
import { mysqlBackend } from '@tidemark/mysql';
import { postgresBackend } from '@tidemark/postgres';
import { sqliteBackend } from '@tidemark/sqlite';
import { before, operations } from './operations.js';

const backends: readonly Backend[] = [sqliteBackend, postgresBackend, mysqlBackend, mongodbBackend, dynamodbBackend];

function renderAll(backend: Backend): string {
  const blocks = operations.map(([name, operation]) => {
    let lines: string[];
    try {
      lines = backend.render(operation, before, { database: 'app' });
    } catch (err) {
      if (!isTidemarkError(err)) throw err;
      lines = [`! ${err.code}: ${err.message}`];
    }
    return [`## ${name}`, ...lines].join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

for (const backend of backends) {
  test(`${backend.dialect}: every operation renders as expected/${backend.dialect}.txt`, () => {
    const file = new URL(`./expected/${backend.dialect}.txt`, import.meta.url);
    const actual = renderAll(backend);
    if (process.env.TIDEMARK_UPDATE_GOLDEN === '1') writeFileSync(file, actual);
    assert.equal(actual, readFileSync(file, 'utf8'));
  });
}

test('rendering is pure: the same operation and schema give the same text twice, and the schema is not changed', () => {
  const snapshot = JSON.stringify(before);
  for (const backend of backends) assert.equal(renderAll(backend), renderAll(backend));
  assert.equal(JSON.stringify(before), snapshot);
});
