import type { Document } from './document.js';

/** `CommandTarget` is where a command runs: the migration's database, or `admin`. */
export type CommandTarget = 'database' | 'admin';

/**
 * `MongoCommandRunner` is the one seam between Tidemark and MongoDB: every operation, check,
 * lock and history write is a command document run here, as `db.command(doc)` would run it.
 * Documents go in and come back as Extended JSON (see `Document`). The real runner wraps the
 * driver (`DriverCommandRunner`); tests record the commands and script the replies.
 * An implementation throws the driver's error as it is; `runCommand` translates it.
 */
export interface MongoCommandRunner {
  /** The database the URL names; `renameCollection` needs it for full namespaces. */
  readonly databaseName: string;
  command(command: Document, target?: CommandTarget): Promise<Document>;
}
