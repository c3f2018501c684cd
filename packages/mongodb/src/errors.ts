import { backendError, isTidemarkError, TidemarkError } from '@tidemark/core';

/** `MongoErrorContext` says what Tidemark was doing when a native error happened. */
export interface MongoErrorContext {
  /** The operation kind or Tidemark task (`createTable`, `lock`, `history`, `connect`…). */
  readonly op?: string;
  /** The command name (`collMod`, `update`…). */
  readonly command?: string;
  readonly collection?: string;
  /** The URL with its password hidden, for connection errors. */
  readonly target?: string;
}

/** The parts of a driver error Tidemark reads; the driver's classes are not imported (see driver.ts). */
interface NativeMongoError {
  readonly name?: string;
  readonly message?: string;
  readonly code?: number | string;
  readonly codeName?: string;
  readonly errInfo?: unknown;
}

const REACH = 'check that the MongoDB server in the URL is running and reachable from this machine (host, port, TLS and replica set options), then run again';

/** What to do next for the server error codes a migration meets (https://www.mongodb.com/docs/manual/reference/error-codes/). */
const HINTS: Readonly<Record<number, string>> = {
  13: 'grant the URL\'s user the readWrite and dbAdmin roles on this database (collMod, createIndexes and renameCollection need dbAdmin), then run again',
  18: 'check the user name, password and authSource in the URL',
  26: 'the collection does not exist: run `tidemark migrate:status` and compare the database with the migrations',
  48: 'a collection with that name already exists: drop or rename it first, or run `tidemark migrate:check --url …` to see the drift',
  85: 'MongoDB allows one index per key pattern: drop the other index on these fields (or give this one other options) first',
  86: 'MongoDB allows one index per key pattern and name: drop the other index on these fields first',
  121: 'a document does not match the collection validator (see details.errInfo): fix it, then run again',
  11000: 'documents repeat the values of a unique index: remove or change the duplicates, then run again',
};

/** `mongoCode` returns the server error code of a native error, if it has one. */
export function mongoCode(err: unknown): number | undefined {
  const code = (err as NativeMongoError | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

function isConnectionError(err: NativeMongoError): boolean {
  return /^Mongo(Network|ServerSelection|NetworkTimeout|TopologyClosed|NotConnected)Error$/.test(err.name ?? '');
}

/**
 * `translateMongoError` turns anything the driver throws into TM_BACKEND_ERROR with
 * `details.{op, command, collection, code, codeName, errInfo}`, the native error as `cause` and a
 * hint for the usual server codes, so no raw driver error leaves the backend. A TidemarkError
 * passes through unchanged.
 */
export function translateMongoError(err: unknown, context: MongoErrorContext = {}): TidemarkError {
  if (isTidemarkError(err)) return err;
  const native = (typeof err === 'object' && err !== null ? err : {}) as NativeMongoError;
  const message = native.message ?? String(err);
  const where = [context.command, context.collection].filter(Boolean).join(' ');
  const problem = `${where ? `${where}: ` : ''}${message}`;
  const code = mongoCode(err);
  const translated = backendError('mongodb', problem, {
    op: context.op, command: context.command, collection: context.collection, code, codeName: native.codeName,
    ...(native.errInfo !== undefined ? { errInfo: native.errInfo } : {}),
  }, err);
  const hint = isConnectionError(native) ? `${REACH}${context.target ? ` (${context.target})` : ''}` : code !== undefined ? HINTS[code] : undefined;
  return hint ? new TidemarkError(translated.code, { message: translated.message, hint, details: translated.details, cause: err }) : translated;
}

/**
 * `replyError` reports a command whose reply says it failed without the driver throwing:
 * `ok: 0`, or a write command's `writeErrors` / `writeConcernError` (which `db.command` returns
 * inside an `ok: 1` reply).
 */
export function replyError(reply: Readonly<Record<string, unknown>>, context: MongoErrorContext): TidemarkError | undefined {
  const writeErrors = reply.writeErrors as readonly NativeErrorEntry[] | undefined;
  const first = writeErrors?.[0] ?? (reply.writeConcernError as NativeErrorEntry | undefined)
    ?? (reply.ok === 0 ? reply as unknown as NativeErrorEntry : undefined);
  if (!first) return undefined;
  const more = writeErrors && writeErrors.length > 1 ? ` (and ${writeErrors.length - 1} more write error(s))` : '';
  return translateMongoError({ name: 'MongoServerError', message: `${first.errmsg ?? 'command failed'}${more}`, code: first.code, codeName: first.codeName, errInfo: first.errInfo }, context);
}

interface NativeErrorEntry {
  readonly errmsg?: string;
  readonly code?: number;
  readonly codeName?: string;
  readonly errInfo?: unknown;
}
