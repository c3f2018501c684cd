import type { CommandTarget, MongoCommandRunner } from './command-runner.js';
import { commandCollection, commandName, type Document } from './document.js';
import { replyError, translateMongoError } from './errors.js';

/** `RunOptions` say where a command runs and what it is for (error details). */
export interface RunOptions {
  readonly target?: CommandTarget;
  /** The operation kind or Tidemark task, for error details. */
  readonly op?: string;
}

/**
 * `runCommand` runs one command through the runner and returns its reply; a driver error, an
 * `ok: 0` reply and a write error inside an `ok: 1` reply all leave as TM_BACKEND_ERROR naming
 * the command and collection.
 */
export async function runCommand(runner: MongoCommandRunner, command: Document, options: RunOptions = {}): Promise<Document> {
  const context = { op: options.op, command: commandName(command), collection: commandCollection(command) };
  let reply: Document;
  try {
    reply = await runner.command(command, options.target ?? 'database');
  } catch (err) {
    throw translateMongoError(err, context);
  }
  const failed = replyError(reply, context);
  if (failed) throw failed;
  return reply;
}
