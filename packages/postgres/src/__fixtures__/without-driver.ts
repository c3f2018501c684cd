// Child process for connect.test.ts, run while pg cannot be found: imports the package, renders
// a statement, then tries to connect, and prints what happened as JSON.
import { applyOperation, emptySnapshot, op } from '@tidemark/core';
import { postgresDialect } from '@tidemark/sql/postgres';
import { capabilities, parsePostgresUrl, postgresBackend } from '../index.js';

const withTable = applyOperation(emptySnapshot(), op.createTable({ name: 't', columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] }));
const out: Record<string, unknown> = {
  maxIdentifierLength: capabilities.maxIdentifierLength,
  schema: parsePostgresUrl('postgres://h/db?schema=app').schema,
  rendered: postgresDialect.render(op.dropTable('t'), withTable),
};
try {
  await postgresBackend.connect('postgres://127.0.0.1:1/db');
  out.connect = 'connected';
} catch (err) {
  const e = err as { code?: string; hint?: string };
  out.connect = { code: e.code, hint: e.hint };
}
process.stdout.write(`${JSON.stringify(out)}\n`);
