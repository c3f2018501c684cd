import { traced, type SessionTimeouts, type StatementListener } from '@tidemark/core';
import type { CommandTarget, MongoCommandRunner } from './command-runner.js';
import { commandName, type Document } from './document.js';

/**
 * The commands whose reference lists `maxTimeMS` (https://www.mongodb.com/docs/manual/reference/command/):
 * the reads Tidemark's prechecks, back-fills and introspection send. Writes (`update`, `insert`,
 * `delete`) and DDL (`create`, `collMod`, `createIndexes`, `drop`) do not take it, so a statement
 * timeout cannot bound them; MongoDB has no lock-wait setting of its own (README: Timeouts).
 */
const ACCEPTS_MAX_TIME = new Set(['find', 'aggregate', 'count', 'distinct']);

/** `withMaxTime` adds `maxTimeMS` to a command that accepts it, unless the command already says one. */
export function withMaxTime(command: Document, statementTimeoutMs: number | undefined): Document {
  if (!statementTimeoutMs || !ACCEPTS_MAX_TIME.has(commandName(command)) || 'maxTimeMS' in command) return command;
  return { ...command, maxTimeMS: Math.round(statementTimeoutMs) };
}

/**
 * `LimitedCommandRunner` wraps the real runner: each command gets the statement timeout where
 * MongoDB accepts one, and is reported to `--verbose` with its duration.
 */
export class LimitedCommandRunner implements MongoCommandRunner {
  readonly databaseName: string;
  readonly #inner: MongoCommandRunner;
  readonly #timeouts: SessionTimeouts;
  readonly #onStatement: StatementListener | undefined;

  constructor(inner: MongoCommandRunner, timeouts: SessionTimeouts, onStatement?: StatementListener) {
    this.#inner = inner;
    this.databaseName = inner.databaseName;
    this.#timeouts = timeouts;
    this.#onStatement = onStatement;
  }

  command(command: Document, target?: CommandTarget): Promise<Document> {
    const limited = withMaxTime(command, this.#timeouts.statementTimeoutMs);
    return traced(this.#onStatement, () => JSON.stringify(limited), 0, () => this.#inner.command(limited, target));
  }
}
