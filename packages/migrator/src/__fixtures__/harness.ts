// Test helpers for the migrator: hand-written migration files in temp folders under <repo>/.tmp
// (so that `import { defineMigration } from '@tidemark/core'` resolves), and an in-memory
// BackendConnection that records what it is asked to do.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  BackendConnection, Capabilities, HistoryRecord, MigrationHistory, NativeStatement, Operation,
  OperationApplier, SchemaOperation, SchemaSnapshot,
} from '@tidemark/core';

/** The repository root; temp folders live in its `.tmp`. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** `TempDir` is a throw-away migrations folder. */
export interface TempDir {
  readonly dir: string;
  /** Writes a migration file built from `spec`, returning its text. */
  write(spec: MigrationSpec): Promise<string>;
  /** Writes any file (raw text) in the folder. */
  writeRaw(name: string, text: string): Promise<void>;
  remove(id: string): Promise<void>;
  cleanup(): Promise<void>;
}

/** `MigrationSpec` describes a hand-written migration file. */
export interface MigrationSpec {
  readonly id: string;
  /** Body of `up(db)`, e.g. `await db.createTable(...)`. */
  readonly up?: string;
  /** Body of `down(db)`; `null` leaves `down` out. */
  readonly down?: string | null;
  /** The id the file declares, when it should differ from the file name. */
  readonly declaredId?: string;
  /** A generated file's header. */
  readonly header?: { readonly from: string; readonly to: string };
  /** Extra text appended to the file (e.g. a comment: an edit that changes the checksum). */
  readonly trailer?: string;
  /** `transaction: false` in the migration. */
  readonly transaction?: boolean;
}

/** `migrationText` renders a migration file the way a user would write one. */
export function migrationText(spec: MigrationSpec): string {
  const lines: string[] = [];
  if (spec.header) lines.push(`// tidemark: from ${spec.header.from} to ${spec.header.to}`);
  lines.push("import { defineMigration } from '@tidemark/core';", '', 'export default defineMigration({');
  lines.push(`  id: '${spec.declaredId ?? spec.id}',`);
  if (spec.transaction !== undefined) lines.push(`  transaction: ${spec.transaction},`);
  lines.push('  async up(db) {', indent(spec.up ?? ''), '  },');
  if (spec.down !== null) lines.push('  async down(db) {', indent(spec.down ?? ''), '  },');
  lines.push('});', '');
  return lines.join('\n') + (spec.trailer ?? '');
}

function indent(body: string): string {
  return body.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n');
}

/** `tempDir` creates an empty folder under `<repo>/.tmp`. */
export async function tempDir(prefix = 'migrator-'): Promise<TempDir> {
  await mkdir(join(REPO_ROOT, '.tmp'), { recursive: true });
  const dir = await mkdtemp(join(REPO_ROOT, '.tmp', prefix));
  return {
    dir,
    async write(spec) {
      const text = migrationText(spec);
      await writeFile(join(dir, `${spec.id}.ts`), text);
      return text;
    },
    writeRaw: (name, text) => writeFile(join(dir, name), text),
    remove: (id) => unlink(join(dir, `${id}.ts`)),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** `sha256` is the checksum README: How a run works describes, computed independently of Tidemark. */
export function sha256(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n?/g, '\n')).digest('hex');
}

/** A fake 64-hex snapshot hash for generated-file headers. */
export function fakeHash(label: string): string {
  return `sha256:${createHash('sha256').update(label).digest('hex')}`;
}

/** Snippets for migration bodies. */
export const body = {
  createTable: (name: string, columns: readonly string[] = ['name']) =>
    `await db.createTable({ name: '${name}', primaryKey: ['id'], columns: [{ name: 'id', type: 'i32', autoIncrement: true }${columns.map((c) => `, { name: '${c}', type: 'string', nullable: true }`).join('')}] });`,
  dropTable: (name: string) => `await db.dropTable('${name}');`,
};

/** What one call to the fake connection did, in order. */
export type FakeCall =
  | { readonly kind: 'lock'; readonly phase: 'enter' | 'exit' }
  | { readonly kind: 'begin' | 'commit' | 'rollback' }
  | { readonly kind: 'apply'; readonly operation: SchemaOperation }
  | { readonly kind: 'execute'; readonly statement: NativeStatement }
  | { readonly kind: 'history.list'; readonly locked: boolean }
  | { readonly kind: 'history.save'; readonly record: HistoryRecord }
  | { readonly kind: 'history.remove'; readonly id: string };

/**
 * `FakeConnection` is an in-memory BackendConnection: an applier that records operations (and
 * can be told to fail), a history in a Map, a lock that counts and serialises, and (when
 * transactional) transactions that undo operations and history writes on throw.
 */
export class FakeConnection implements BackendConnection {
  readonly dialect = 'sqlite' as const;
  readonly capabilities: Capabilities;
  readonly target = 'fake://db';
  readonly isLocal = true;
  readonly calls: FakeCall[] = [];
  /** Operations in effect (committed or not rolled back). */
  operations: Operation[] = [];
  records = new Map<string, HistoryRecord>();
  locksTaken = 0;
  /** Throws when applying an operation this returns true for. */
  failWhen: (operation: Operation) => boolean = () => false;
  #locked = false;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: { transactionalDdl?: boolean } = {}) {
    this.capabilities = {
      transactionalDdl: options.transactionalDdl ?? true, nativeStatements: 'sql', foreignKeys: 'enforced',
      uniqueIndexes: 'enforced', autoIncrement: true, alterPrimaryKey: true,
    };
  }

  readonly applier: OperationApplier = {
    dialect: 'sqlite',
    capabilities: { transactionalDdl: true, nativeStatements: 'sql', foreignKeys: 'enforced', uniqueIndexes: 'enforced', autoIncrement: true, alterPrimaryKey: true },
    apply: async (operation) => {
      if (this.failWhen(operation)) throw new Error(`fake failure on ${operation.kind}`);
      this.calls.push({ kind: 'apply', operation });
      this.operations.push(operation);
    },
    // the fake holds no data, so no data precheck can fail
    precheck: async () => [],
    execute: async (statement) => {
      const operation: Operation = { kind: 'execute', statement };
      if (this.failWhen(operation)) throw new Error(`fake failure on ${String(statement)}`);
      this.calls.push({ kind: 'execute', statement });
      this.operations.push(operation);
      return [];
    },
    render: (operation: Operation, _before: SchemaSnapshot) => [`FAKE ${describe(operation)}`],
  };

  readonly history: MigrationHistory = {
    ensure: async () => undefined,
    list: async () => {
      this.calls.push({ kind: 'history.list', locked: this.#locked });
      return [...this.records.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    save: async (record) => {
      this.calls.push({ kind: 'history.save', record });
      this.records.set(record.id, record);
    },
    remove: async (id) => {
      this.calls.push({ kind: 'history.remove', id });
      this.records.delete(id);
    },
  };

  /** Applied history ids, in id order. */
  appliedIds(): string[] {
    return [...this.records.values()].filter((r) => r.outcome === 'applied').map((r) => r.id).sort();
  }

  /** Operations in effect, as short strings. */
  described(): string[] {
    return this.operations.map(describe);
  }

  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.locksTaken++;
      this.#locked = true;
      this.calls.push({ kind: 'lock', phase: 'enter' });
      try {
        return await fn();
      } finally {
        this.#locked = false;
        this.calls.push({ kind: 'lock', phase: 'exit' });
      }
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.capabilities.transactionalDdl) return fn();
    const operations = [...this.operations];
    const records = new Map(this.records);
    this.calls.push({ kind: 'begin' });
    try {
      const result = await fn();
      this.calls.push({ kind: 'commit' });
      return result;
    } catch (err) {
      this.operations = operations;
      this.records = records;
      this.calls.push({ kind: 'rollback' });
      throw err;
    }
  }

  async introspect(): Promise<SchemaSnapshot> {
    throw new Error('not used');
  }

  async dropAll(): Promise<void> {
    this.operations = [];
    this.records.clear();
  }

  async close(): Promise<void> {}
}

/** `describe` renders an operation as `kind target`, for assertions. */
export function describe(o: Operation): string {
  switch (o.kind) {
    case 'createTable': return `createTable ${o.table.name}`;
    case 'dropTable': return `dropTable ${o.table}`;
    case 'renameTable': return `renameTable ${o.from}->${o.to}`;
    case 'addColumn': return `addColumn ${o.table}.${o.column.name}`;
    case 'dropColumn': return `dropColumn ${o.table}.${o.column}`;
    case 'alterColumn': return `alterColumn ${o.table}.${o.column}`;
    case 'renameColumn': return `renameColumn ${o.table}.${o.from}->${o.to}`;
    case 'alterPrimaryKey': return `alterPrimaryKey ${o.table}`;
    case 'createIndex': return `createIndex ${o.index.name}`;
    case 'dropIndex': return `dropIndex ${o.index}`;
    case 'addForeignKey': return `addForeignKey ${o.foreignKey.name}`;
    case 'dropForeignKey': return `dropForeignKey ${o.foreignKey}`;
    case 'execute': return `execute ${typeof o.statement === 'string' ? o.statement : JSON.stringify(o.statement)}`;
  }
}
