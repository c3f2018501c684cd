import { Binary, Decimal128, Double, Int32, Long, MongoClient, type Db } from 'mongodb';
import { redactUrl, type ColumnSnapshot, type TableSnapshot } from '@tidemark/core';
import { capabilities } from '@tidemark/mongodb';
// internals of the backend's package, through its documented internal entry (not the public surface)
import { connectMongo, type MongoConnection } from '@tidemark/mongodb/testing';
import { bounded, closeAll, runThenCleanUp } from '../support/cleanup.js';
import type { BackendHarness, Row } from './harness.js';

let serial = 0;

/** `mongodbUrlFor` is MONGODB_URL with its database replaced by `database` (options such as authSource kept). */
export function mongodbUrlFor(base: string, database: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/i.exec(base);
  if (!m) throw new Error(`MONGODB_URL=${redactUrl(base)} is not a mongodb:// URL`);
  return `${m[1]}/${database}${m[2] ?? ''}`;
}

/** A value as the column type says MongoDB stores it (what an application using the driver writes). */
function toBson(value: Row[string] | undefined, column: ColumnSnapshot | undefined): unknown {
  if (value === null || value === undefined || !column) return value ?? null;
  switch (column.type) {
    case 'i32': return new Int32(Number(value));
    case 'i64': return Long.fromString(String(value));
    case 'f64': return new Double(Number(value));
    case 'decimal': return Decimal128.fromString(String(value));
    case 'boolean': return value === true || value === 1 || value === '1' || value === 'true';
    case 'date': return new Date(/^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? `${String(value)}T00:00:00Z` : String(value));
    case 'timestamp': {
      const text = String(value).replace(' ', 'T');
      return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
    }
    case 'json': return typeof value === 'string' ? JSON.parse(value) : value;
    case 'bytes': return new Binary(Buffer.from(String(value), 'utf8'));
    case 'string': case 'text': case 'uuid': case 'enum': return String(value);
  }
}

/** A stored value as a SQL driver would return it: numbers, text, booleans, ISO dates, JSON text. */
function toPlain(value: unknown): Row[string] {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Long || value instanceof Decimal128 || value instanceof Int32 || value instanceof Double) return Number(value.toString());
  if (value instanceof Binary) return Buffer.from(value.buffer).toString('utf8');
  return JSON.stringify(value);
}

async function tableOf(connection: MongoConnection, table: string): Promise<TableSnapshot | undefined> {
  return (await connection.introspect()).tables.find((t) => t.name === table);
}

/**
 * `mongodbHarness` runs the conformance suite against the MongoDB server at MONGODB_URL (5.0 or
 * newer), in a fresh database per test (`tidemark_t_<pid>_<n>`) dropped afterwards. Rows are
 * written and read through the driver, typed by the collection's validator as an application
 * would type them (i64 as Long, decimal as Decimal128, dates as Date, json as documents).
 */
export const mongodbHarness: BackendHarness = {
  name: 'mongodb',
  capabilities,
  async unreachable() {
    const base = process.env.MONGODB_URL;
    if (!base) return 'set MONGODB_URL=mongodb://host:port to run the MongoDB cases against a live server';
    const client = new MongoClient(mongodbUrlFor(base, 'admin'), { serverSelectionTimeoutMS: 3000 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return undefined;
    } catch (err) {
      return `MongoDB at ${redactUrl(base)} does not answer: ${(err as Error).message}`;
    } finally {
      await closeAll([['closing the probe client', () => client.close(true)]]);
    }
  },
  async create() {
    const name = `tidemark_t_${process.pid}_${++serial}`;
    const url = mongodbUrlFor(process.env.MONGODB_URL!, name);
    const connection = await connectMongo(url, { lockTimeoutMs: 10_000 });
    // every wait is bounded: a server that stops answering fails the case, never hangs the run
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000, socketTimeoutMS: 30_000 });
    try {
      await client.connect();
    } catch (err) {
      await closeAll([['closing the client', () => client.close(true)], ['closing the connection', () => connection.close()]]).catch(() => undefined);
      throw err;
    }
    const db: Db = client.db(name);
    return {
      url,
      connection,
      async insert(table, rows) {
        const t = await tableOf(connection, table);
        const docs = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toBson(v, t?.columns.find((c) => c.name === k))])));
        if (docs.length > 0) await db.collection(table).insertMany(docs);
      },
      async select(table, columns, orderBy) {
        const docs = await db.collection(table).find({}, { projection: Object.fromEntries(columns.map((c) => [c, 1])) }).sort({ [orderBy]: 1 }).toArray();
        return docs.map((d) => Object.fromEntries(columns.map((c) => [c, toPlain(d[c])])));
      },
      async count(table) {
        return db.collection(table).countDocuments({});
      },
      async clear(tables) {
        for (const t of tables) await db.collection(t).deleteMany({});
      },
      async tables() {
        return (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
      },
      async dispose() {
        // the clients are closed whatever dropDatabase does (open clients keep the test process alive)
        await runThenCleanUp(
          () => bounded(db.dropDatabase(), 10_000, `dropping the test database ${name}`),
          () => closeAll([['closing the test client', () => client.close(true)], ['closing the connection', () => connection.close()]]),
        );
      },
    };
  },
};
