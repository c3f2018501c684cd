import { unsupportedOperation, type NativeStatement } from '@tidemark/core';
import type { CommandTarget, MongoCommandRunner } from './command-runner.js';
import { commandName, isDocument, type Document } from './document.js';
import { runCommand } from './run-command.js';

/** Commands MongoDB only accepts on the admin database. */
const ADMIN_COMMANDS = new Set(['renameCollection', 'listDatabases', 'fsync', 'setParameter', 'getParameter']);

const EXAMPLE = "db.execute({ update: 'users', updates: [{ q: { role: null }, u: { $set: { role: 'reader' } }, multi: true }] })";

/** `commandTarget` is where a native command runs: admin commands on `admin`, the rest on the migration's database. */
export function commandTarget(command: Document): CommandTarget {
  return ADMIN_COMMANDS.has(commandName(command)) ? 'admin' : 'database';
}

/**
 * `checkNativeCommand` accepts what `db.execute` takes on MongoDB: one command document, as
 * `db.runCommand(doc)` takes it (values may be driver BSON values or Extended JSON wrappers).
 * SQL text is refused with the MongoDB way to write the same step.
 */
export function checkNativeCommand(statement: NativeStatement): Document {
  if (typeof statement === 'string') {
    throw unsupportedOperation('mongodb', `run SQL text (${JSON.stringify(statement.length > 60 ? `${statement.slice(0, 57)}...` : statement)}): db.execute on MongoDB takes a command document`,
      `write the step as a MongoDB command, e.g. ${EXAMPLE}; it runs as db.command(doc) on the migration's database`);
  }
  if (!isDocument(statement) || Object.keys(statement).length === 0) {
    throw unsupportedOperation('mongodb', 'run an empty or non-object statement', `pass one command document, e.g. ${EXAMPLE}`);
  }
  return statement as Document;
}

/**
 * `executeNative` runs a migration's hand-written command and returns the server's reply in
 * Extended JSON (for `find` / `aggregate`, the first batch: set a `batchSize` or use `$merge`
 * for more). A write error in the reply fails the step like a thrown one.
 */
export async function executeNative(runner: MongoCommandRunner, statement: NativeStatement): Promise<Document> {
  const command = checkNativeCommand(statement);
  return runCommand(runner, command, { target: commandTarget(command), op: 'execute' });
}
