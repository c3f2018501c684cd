import { applyOperation } from '../operation/apply-operation.js';
import type { SchemaOperation } from '../operation/operations.js';
import type { SchemaSnapshot } from '../snapshot/schema-snapshot.js';

/**
 * `NativeLock` is a backend's own lock primitive: it waits for the lock (bounded by
 * `lockTimeoutFromEnv`), runs `body` holding it and releases it afterwards, also when `body`
 * throws. It need not be re-entrant: `LiveSchema.withLock` is.
 */
export type NativeLock = <T>(body: () => Promise<T>) => Promise<T>;

/**
 * `NativeTransaction` runs `body` in the backend's transaction (or savepoint) and rolls it back
 * when `body` throws; a backend without transactional DDL passes `(body) => body()`.
 */
export type NativeTransaction = <T>(body: () => Promise<T>) => Promise<T>;

/** `LiveSchemaOptions` wire the cache to one connection. */
export interface LiveSchemaOptions {
  /** Reads the live schema Tidemark manages (the connection's `introspect`). */
  readonly introspect: () => Promise<SchemaSnapshot> | SchemaSnapshot;
  /**
   * The schema after `operation` succeeded on `before`, as introspection would read it. Default:
   * core's `applyOperation`, which the conformance suite checks against every backend's
   * introspection (docs/architecture.md: Where each invariant lives).
   */
  readonly after?: (before: SchemaSnapshot, operation: SchemaOperation) => SchemaSnapshot;
  /** Called whenever the cache is dropped, so state derived from the live schema goes with it. */
  readonly onDrop?: () => void;
}

/**
 * `LiveSchema` is the one home of a connection's cached live schema and of whether it holds the
 * migration lock (docs/architecture.md: Where each invariant lives).
 *
 * The cache exists because introspecting before every operation made applying N tables cost N².
 * It is only as good as the promise that nobody else changes the schema, so:
 * - it is kept only while the lock is held: outside it, every `read` introspects and keeps nothing;
 * - it is read once under the lock and then kept current with `after` (by default core's
 *   `applyOperation`) after each operation that succeeds;
 * - it is dropped on any failure of an operation, on a native statement (hand-written SQL or
 *   commands may change anything), on a transaction rolled back (the operations it saw succeed
 *   are undone), and when the lock is taken and let go (another run may have changed the schema
 *   before we had the lock, and may after we let go).
 *
 * The lock-held flag flips after the native lock is acquired and before it is released, so
 * `lockHeld` is never true while the lock is not ours. `withLock` is re-entrant here, once for
 * every backend: a nested call runs its function under the lock already held.
 */
export class LiveSchema {
  readonly #options: LiveSchemaOptions;
  #held = false;
  #schema: SchemaSnapshot | undefined;

  constructor(options: LiveSchemaOptions) {
    this.#options = options;
  }

  /** Whether this connection holds the migration lock. */
  get lockHeld(): boolean {
    return this.#held;
  }

  /** Whether a schema is cached (for tests and diagnostics). */
  get cached(): boolean {
    return this.#schema !== undefined;
  }

  /** `read` returns the live schema: the cached one under the lock (read once), a fresh one kept nowhere outside it. */
  async read(): Promise<SchemaSnapshot> {
    if (!this.#held) return this.#options.introspect();
    this.#schema ??= await this.#options.introspect();
    return this.#schema;
  }

  /**
   * `change` runs `run` against the live schema `before` and keeps the cache true: on success
   * (under the lock) it becomes the schema `run` returns, or `after(before, operation)`; on any
   * failure it is dropped and the error rethrown.
   */
  async change(operation: SchemaOperation, run: (before: SchemaSnapshot) => Promise<SchemaSnapshot | void>): Promise<void> {
    const before = await this.read();
    let result: SchemaSnapshot | void;
    try {
      result = await run(before);
    } catch (err) {
      this.forget();
      throw err;
    }
    if (!this.#held) return;
    this.#schema = result ?? (this.#options.after ?? applyOperation)(before, operation);
  }

  /** `native` runs a native statement, which may change the schema behind the cache's back: dropped before and after. */
  async native<T>(run: () => Promise<T>): Promise<T> {
    this.forget();
    try {
      return await run();
    } finally {
      this.forget();
    }
  }

  /** `atomically` runs `fn` in the backend's transaction; a rollback drops the cache (what it saw succeed is undone). */
  async atomically<T>(transaction: NativeTransaction, fn: () => Promise<T>): Promise<T> {
    try {
      return await transaction(fn);
    } catch (err) {
      this.forget();
      throw err;
    }
  }

  /**
   * `withLock` runs `fn` holding the backend's lock, taken with `lock`; a nested call just runs
   * `fn`. The cache is dropped just after the lock is taken and just before it is let go.
   */
  async withLock<T>(lock: NativeLock, fn: () => Promise<T>): Promise<T> {
    if (this.#held) return fn();
    return lock(async () => {
      this.#held = true;
      this.forget();
      try {
        return await fn();
      } finally {
        this.forget();
        this.#held = false;
      }
    });
  }

  /** `forget` drops the cached schema; the next `read` introspects again. */
  forget(): void {
    this.#schema = undefined;
    this.#options.onDrop?.();
  }
}
