import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { backendMissing, DEFAULT_LOCK_TIMEOUT_MS, lockTimeoutFromEnv, redactUrl, urlInvalid, type SessionTimeouts, type StatementListener } from '@tidemark/core';
import { MongoConnection } from './connection.js';
import type { DriverClient, MongoDriver } from './driver.js';
import { DriverCommandRunner } from './driver-runner.js';
import { LimitedCommandRunner } from './limited-runner.js';
import { translateMongoError } from './errors.js';
import { parseMongoUrl } from './url.js';

/** `DEFAULT_LOCK_LEASE_MS` is how long a lock lasts without renewal (renewed every third of it). */
export const DEFAULT_LOCK_LEASE_MS = 60_000;

/** `MongoConnectOptions` tune `connectMongo`. */
export interface MongoConnectOptions {
  /** How long to wait for another run's lock; default TIDEMARK_LOCK_TIMEOUT_MS or 60000. */
  readonly lockTimeoutMs?: number;
  readonly lockLeaseMs?: number;
  readonly lockPollMs?: number;
  /** Documents per `update` of a rewrite; default 1000. */
  readonly batchSize?: number;
  /** How long the driver looks for a server before giving up; default the URL's serverSelectionTimeoutMS, or 10000. */
  readonly serverSelectionTimeoutMs?: number;
  /** `statementTimeoutMs` becomes `maxTimeMS` on the commands that take it (see limited-runner.ts). */
  readonly timeouts?: SessionTimeouts;
  /** Hears every command sent (`--verbose`). */
  readonly onStatement?: StatementListener;
}

async function loadDriver(): Promise<MongoDriver> {
  try {
    // Imported here, not at the top, so `capabilities` and URL parsing work without the driver.
    return (await import('mongodb')) as unknown as MongoDriver;
  } catch (err) {
    throw backendMissing('mongodb', 'mongodb', err);
  }
}

function owner(): string {
  let user = 'unknown';
  try { user = userInfo().username; } catch { /* no user database in some containers */ }
  return `${user}@${hostname()} pid ${process.pid}`;
}

/** Driver messages may quote the URL; this one never shows its password. */
const scrub = (message: string, url: string): string => message.split(url).join(redactUrl(url));

/**
 * `connectMongo` opens the database a `mongodb://` or `mongodb+srv://` URL names with the
 * official driver, checks that a server answers, and returns its `BackendConnection`. All
 * commands run in one session (cursors belong to the session that opened them).
 * @example const conn = await connectMongo('mongodb://localhost:27017/shop'); try { … } finally { await conn.close(); }
 */
export async function connectMongo(url: string, options: MongoConnectOptions = {}): Promise<MongoConnection> {
  const location = parseMongoUrl(url);
  const target = redactUrl(url);
  const driver = await loadDriver();
  let client: DriverClient;
  try {
    // 10 s rather than the driver's 30 s, unless the URL or the caller says otherwise
    const urlSaysTimeout = /[?&]serverSelectionTimeoutMS=/i.test(url);
    const timeout = options.serverSelectionTimeoutMs ?? (urlSaysTimeout ? undefined : 10_000);
    client = new driver.MongoClient(url, { appName: 'tidemark', ...(timeout !== undefined ? { serverSelectionTimeoutMS: timeout } : {}) });
  } catch (err) {
    throw urlInvalid(target, scrub((err as Error).message ?? String(err), url));
  }
  try {
    await client.connect();
  } catch (err) {
    await client.close().catch(() => undefined);
    const translated = translateMongoError(err, { op: 'connect', target });
    throw Object.assign(translated, { message: scrub(translated.message, url) });
  }
  const session = client.startSession({ causalConsistency: false });
  const runner = new LimitedCommandRunner(new DriverCommandRunner({
    databaseName: location.databaseName, db: client.db(location.databaseName), admin: client.db('admin'), session, ejson: driver.BSON.EJSON,
  }), options.timeouts ?? {}, options.onStatement);
  return new MongoConnection(runner, {
    target,
    isLocal: location.isLocal,
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    lock: {
      timeoutMs: options.lockTimeoutMs ?? lockTimeoutFromEnv(process.env),
      leaseMs: options.lockLeaseMs ?? DEFAULT_LOCK_LEASE_MS,
      pollMs: options.lockPollMs ?? 250,
      owner: owner(),
      token: randomUUID,
    },
    close: async () => {
      await session.endSession().catch(() => undefined);
      await client.close();
    },
  });
}

// kept under this package's name too: the lock timeout is read the same way by every backend
export { DEFAULT_LOCK_TIMEOUT_MS, lockTimeoutFromEnv };
