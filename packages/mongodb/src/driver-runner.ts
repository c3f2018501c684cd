import type { CommandTarget, MongoCommandRunner } from './command-runner.js';
import type { Document } from './document.js';
import type { DriverDb, DriverDocument, DriverEjson, DriverSession } from './driver.js';

/** Extended JSON wrappers (https://www.mongodb.com/docs/manual/reference/mongodb-extended-json/) a command may carry. */
const WRAPPERS = new Set([
  '$oid', '$numberInt', '$numberLong', '$numberDouble', '$numberDecimal', '$binary', '$date', '$minKey', '$maxKey',
  '$regularExpression', '$timestamp', '$uuid', '$symbol', '$code', '$dbPointer', '$undefined',
]);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/**
 * `fromExtendedJson` turns a command into what the driver sends: each Extended JSON wrapper
 * becomes its BSON value (`{ $numberLong: '10' }` → Long); values that already are BSON values
 * or Dates (a hand-written `db.execute` may use them) pass through; plain numbers stay numbers.
 */
export function fromExtendedJson(value: unknown, ejson: DriverEjson): unknown {
  if (Array.isArray(value)) return value.map((v) => fromExtendedJson(v, ejson));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length > 0 && WRAPPERS.has(keys[0]!)) return ejson.deserialize(value, { relaxed: false });
  return Object.fromEntries(keys.map((k) => [k, fromExtendedJson(value[k], ejson)]));
}

/**
 * `toExtendedJson` turns a reply into relaxed Extended JSON: numbers stay numbers, other BSON
 * values become wrappers (ObjectId → `$oid`, Date → `$date`, Decimal128 → `$numberDecimal`).
 * A 64-bit integer past 2^53 (a cursor id, usually) becomes `$numberLong` text, where relaxed
 * EJSON would round it to a double and `getMore` would then name another cursor.
 */
export function toExtendedJson(value: unknown, ejson: DriverEjson): unknown {
  if (Array.isArray(value)) return value.map((v) => toExtendedJson(v, ejson));
  if (value instanceof Date) return ejson.serialize(value, { relaxed: true });
  if (typeof value !== 'object' || value === null) return value;
  const bsonType = (value as { _bsontype?: unknown })._bsontype;
  if (bsonType === 'Long') {
    const n = Number(String(value));
    return Number.isSafeInteger(n) ? n : { $numberLong: String(value) };
  }
  if (typeof bsonType === 'string') return ejson.serialize(value, { relaxed: true });
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toExtendedJson(v, ejson)]));
}

/** `DriverRunnerParts` are the driver objects a `DriverCommandRunner` runs on. */
export interface DriverRunnerParts {
  readonly databaseName: string;
  readonly db: DriverDb;
  readonly admin: DriverDb;
  /** One session for every command: a cursor can only be continued in the session that opened it. */
  readonly session: DriverSession;
  readonly ejson: DriverEjson;
}

/**
 * `DriverCommandRunner` is the real runner: `db.command(doc, { session })` on the URL's database
 * (or on `admin`), with Extended JSON converted both ways. Driver errors are thrown as they are;
 * `runCommand` translates them.
 */
export class DriverCommandRunner implements MongoCommandRunner {
  readonly databaseName: string;
  readonly #parts: DriverRunnerParts;

  constructor(parts: DriverRunnerParts) {
    this.#parts = parts;
    this.databaseName = parts.databaseName;
  }

  async command(command: Document, target: CommandTarget = 'database'): Promise<Document> {
    const { db, admin, session, ejson } = this.#parts;
    const reply = await (target === 'admin' ? admin : db).command(fromExtendedJson(command, ejson) as DriverDocument, { session });
    return toExtendedJson(reply, ejson) as Document;
  }
}
