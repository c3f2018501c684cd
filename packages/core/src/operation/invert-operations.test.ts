import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import fc from 'fast-check';
import { editedSchemaArb, schemaArb, schemaPairArb, shuffled, type EditedSchema } from '../__fixtures__/schema-arbitraries.js';
import { diffSnapshots } from '../diff/diff-snapshots.js';
import { TidemarkError } from '../errors/tidemark-error.js';
import { comparableSnapshot, normalizeSnapshot } from '../snapshot/normalize-snapshot.js';
import { emptySnapshot, type SchemaSnapshot, type TableSnapshot } from '../snapshot/schema-snapshot.js';
import { applyOperation, applyOperations } from './apply-operation.js';
import { invertOperation, invertOperations } from './invert-operations.js';
import { op } from './op.js';
import type { Operation, SchemaOperation } from './operations.js';

const NUM_RUNS = 200;

const users: TableSnapshot = {
  name: 'users', model: 'User',
  columns: [
    { name: 'id', type: 'i32', nullable: false, autoIncrement: true },
    { name: 'email', type: 'string', nullable: false, length: 255 },
    { name: 'bio', type: 'text', nullable: true },
    { name: 'score', type: 'i32', nullable: false, default: 0 },
  ],
  primaryKey: ['id'],
  indexes: [{ name: 'idx_users_email', columns: ['email'], unique: true }],
  foreignKeys: [],
};
const posts: TableSnapshot = {
  name: 'posts', model: 'Post',
  columns: [{ name: 'id', type: 'i32', nullable: false }, { name: 'author_id', type: 'i32', nullable: false }],
  primaryKey: ['id'],
  indexes: [],
  foreignKeys: [{ name: 'fk_posts_author_id', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' }],
};
const base: SchemaSnapshot = normalizeSnapshot({ format: 'tidemark.snapshot', version: 2, tables: [users, posts] });

describe('invertOperation', () => {
  test('createTable ↔ dropTable; the drop restores the full table and notes the lost rows', () => {
    const created = op.createTable({ name: 'tags', columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] });
    assert.deepEqual(invertOperation(created, base), { operation: { kind: 'dropTable', table: 'tags' } });
    const inv = invertOperation(op.dropTable('posts'), base);
    assert.deepEqual(inv.operation, { kind: 'createTable', table: posts });
    assert.match(inv.dataLoss ?? '', /rows of posts/);
  });

  test('renameTable and renameColumn swap their names', () => {
    assert.deepEqual(invertOperation(op.renameTable('users', 'members'), base).operation, { kind: 'renameTable', from: 'members', to: 'users' });
    assert.deepEqual(invertOperation(op.renameColumn('users', 'bio', 'about'), base).operation, { kind: 'renameColumn', table: 'users', from: 'about', to: 'bio' });
  });

  test('addColumn → dropColumn', () => {
    assert.deepEqual(
      invertOperation(op.addColumn('users', { name: 'age', type: 'i32' }, { backfill: 0 }), base),
      { operation: { kind: 'dropColumn', table: 'users', column: 'age' } },
    );
  });

  test('dropColumn → addColumn with the full previous column, a backfill when NOT NULL without default, and a data-loss note', () => {
    const email = invertOperation(op.dropColumn('users', 'email'), base);
    assert.deepEqual(email.operation, { kind: 'addColumn', table: 'users', column: users.columns[1], backfill: '' });
    assert.match(email.dataLoss ?? '', /users\.email/);
    assert.deepEqual(invertOperation(op.dropColumn('users', 'bio'), base).operation, { kind: 'addColumn', table: 'users', column: users.columns[2] });
    assert.deepEqual(invertOperation(op.dropColumn('users', 'score'), base).operation, { kind: 'addColumn', table: 'users', column: users.columns[3] });
    assert.deepEqual(invertOperation(op.dropColumn('users', 'id'), base).operation, { kind: 'addColumn', table: 'users', column: users.columns[0] });
  });

  test('alterColumn → alterColumn back to the previous definition', () => {
    const inv = invertOperation(op.alterColumn('users', 'email', { type: 'text', nullable: true }), base);
    assert.deepEqual(inv, { operation: { kind: 'alterColumn', table: 'users', column: 'email', to: users.columns[1] } });
  });

  test('alterPrimaryKey → the previous key', () => {
    assert.deepEqual(invertOperation(op.alterPrimaryKey('users', ['email']), base).operation, { kind: 'alterPrimaryKey', table: 'users', columns: ['id'] });
  });

  test('createIndex ↔ dropIndex, the drop restoring the full index', () => {
    assert.deepEqual(invertOperation(op.createIndex('users', { name: 'i', columns: ['bio'] }), base).operation, { kind: 'dropIndex', table: 'users', index: 'i' });
    assert.deepEqual(invertOperation(op.dropIndex('users', 'idx_users_email'), base).operation, { kind: 'createIndex', table: 'users', index: users.indexes[0] });
  });

  test('addForeignKey ↔ dropForeignKey, the drop restoring the full key', () => {
    const add = op.addForeignKey('users', { name: 'f', columns: ['id'], referencedTable: 'posts', referencedColumns: ['id'] });
    assert.deepEqual(invertOperation(add, base).operation, { kind: 'dropForeignKey', table: 'users', foreignKey: 'f' });
    assert.deepEqual(invertOperation(op.dropForeignKey('posts', 'fk_posts_author_id'), base).operation, { kind: 'addForeignKey', table: 'posts', foreignKey: posts.foreignKeys[0] });
  });

  test('execute cannot be inverted (TM_INTERNAL)', () => {
    assert.throws(() => invertOperation(op.execute('UPDATE users SET score = 1'), base), (e: unknown) => e instanceof TidemarkError && e.code === 'TM_INTERNAL');
  });

  test('dropping something that is not there is TM_INTERNAL', () => {
    for (const o of [op.dropTable('nope'), op.dropColumn('users', 'nope'), op.dropIndex('users', 'nope'), op.dropForeignKey('users', 'nope')]) {
      assert.throws(() => invertOperation(o, base), (e: unknown) => e instanceof TidemarkError && e.code === 'TM_INTERNAL', o.kind);
    }
  });
});

describe('invertOperations', () => {
  test('returns the inverses newest first, each against the schema just before its step', () => {
    const ops: Operation[] = [
      op.addColumn('users', { name: 'age', type: 'i32', nullable: true }),
      op.alterColumn('users', 'age', { type: 'i64' }),
      op.renameColumn('users', 'age', 'years'),
      op.dropColumn('users', 'years'),
    ];
    assert.deepEqual(invertOperations(ops, base).map((x) => x.operation), [
      { kind: 'addColumn', table: 'users', column: { name: 'years', type: 'i64', nullable: false }, backfill: 0 },
      { kind: 'renameColumn', table: 'users', from: 'years', to: 'age' },
      { kind: 'alterColumn', table: 'users', column: 'age', to: { name: 'age', type: 'i32', nullable: true } },
      { kind: 'dropColumn', table: 'users', column: 'age' },
    ]);
  });

  test('an empty list inverts to an empty list', () => {
    assert.deepEqual(invertOperations([], base), []);
  });
});

// --- property tests ---------------------------------------------------------------------------

/**
 * Schemas equal up to column order: normalized, columns sorted by name, model names kept.
 * `applyOperation` appends an added column at the end (as ALTER TABLE ADD COLUMN does), so a
 * dropped column that `down` re-adds comes back last; declaration order is not something an
 * operation can restore.
 */
function upToColumnOrder(s: SchemaSnapshot): SchemaSnapshot {
  const n = normalizeSnapshot(s);
  return { ...n, tables: n.tables.map((t) => ({ ...t, columns: [...t.columns].sort((a, b) => (a.name < b.name ? -1 : 1)) })) };
}

/**
 * What a database with enforced foreign keys and NOT NULL needs beyond what the lenient reducer
 * checks: a foreign key (inline in createTable or added) points at a table that exists, at
 * columns that exist and are its key (or a unique index); a key is not changed while a foreign
 * key still points at it; a NOT NULL column added to a table with rows needs a value for them.
 * Returns the first violation, or undefined.
 */
function backendOrderViolation(before: SchemaSnapshot, ops: readonly SchemaOperation[]): string | undefined {
  let state = before;
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const targetProblem = (self: TableSnapshot, fk: TableSnapshot['foreignKeys'][number]): string | undefined => {
    const target = fk.referencedTable === self.name ? self : state.tables.find((t) => t.name === fk.referencedTable);
    if (!target) return `${self.name}.${fk.name} references missing table ${fk.referencedTable}`;
    const cols = target.columns.map((c) => c.name);
    const missing = fk.referencedColumns.find((c) => !cols.includes(c));
    if (missing) return `${self.name}.${fk.name} references missing column ${target.name}.${missing}`;
    if (!same(target.primaryKey, fk.referencedColumns) && !target.indexes.some((i) => i.unique && same(i.columns, fk.referencedColumns))) {
      return `${self.name}.${fk.name} references ${target.name}(${fk.referencedColumns.join(',')}), which is not its key`;
    }
    return undefined;
  };
  for (const [i, o] of ops.entries()) {
    let problem: string | undefined;
    if (o.kind === 'createTable') {
      const cols = o.table.columns.map((c) => c.name);
      if (!o.table.primaryKey.every((k) => cols.includes(k))) problem = `createTable ${o.table.name}: key names a missing column`;
      else if (!o.table.indexes.every((x) => x.columns.every((c) => cols.includes(c)))) problem = `createTable ${o.table.name}: an index names a missing column`;
      else problem = o.table.foreignKeys.map((f) => targetProblem(o.table, f)).find(Boolean);
    } else if (o.kind === 'addForeignKey') {
      problem = targetProblem(state.tables.find((t) => t.name === o.table)!, o.foreignKey);
    } else if (o.kind === 'alterPrimaryKey') {
      const t = state.tables.find((x) => x.name === o.table)!;
      const pinned = state.tables.flatMap((x) => x.foreignKeys.filter((f) => f.referencedTable === t.name && same(f.referencedColumns, t.primaryKey)));
      if (!same(t.primaryKey, o.columns) && pinned.length > 0 && !t.indexes.some((x) => x.unique && same(x.columns, t.primaryKey))) {
        problem = `alterPrimaryKey ${o.table} while ${pinned.map((f) => f.name).join(', ')} still references the old key`;
      }
    } else if (o.kind === 'addColumn') {
      if (!o.column.nullable && o.column.default === undefined && !o.column.autoIncrement && o.backfill === undefined) {
        problem = `addColumn ${o.table}.${o.column.name} is NOT NULL without a default or a backfill`;
      }
    }
    if (problem) return `step ${i}: ${problem}`;
    state = applyOperation(state, o);
  }
  return undefined;
}

/**
 * The hints the diff can act on: a rename whose old name existed and whose new name is new. The
 * old name may be taken again (an edit may rename t1 to r1 and then add a new t1): the hint still
 * wins, so t1 is renamed and a new t1 created (issue 16: an explicit rename is never ignored).
 */
function effectiveHints({ before, after, hints }: EditedSchema): EditedSchema['hints'] {
  const names = (s: SchemaSnapshot) => s.tables.map((t) => t.name);
  const tables = hints.tables.filter((h, i) => names(before).includes(h.from) && names(after).includes(h.to) && !names(before).includes(h.to)
    && !hints.tables.slice(0, i).some((x) => x.from === h.from || x.to === h.to));
  const columns = hints.columns.filter((h, i) => {
    const from = tables.find((x) => x.to === h.table)?.from ?? h.table;
    // a table that a rename took its name from is a new table: its columns have no history
    const fresh = tables.some((x) => x.from === h.table) && !tables.some((x) => x.to === h.table);
    const old = fresh ? [] : before.tables.find((t) => t.name === from)?.columns.map((c) => c.name) ?? [];
    const now = after.tables.find((t) => t.name === h.table)?.columns.map((c) => c.name) ?? [];
    return old.includes(h.from) && now.includes(h.to) && !old.includes(h.to)
      && !hints.columns.slice(0, i).some((x) => x.table === h.table && (x.from === h.from || x.to === h.to));
  });
  return { tables, columns };
}

/** The column order `applyOperation` produces: surviving columns in place, added ones appended in `after`'s order. */
function expectedColumnOrder(e: EditedSchema): Map<string, string[]> {
  const { before, after } = e;
  const hints = effectiveHints(e);
  const out = new Map<string, string[]>();
  for (const t of after.tables) {
    const from = hints.tables.find((h) => h.to === t.name)?.from ?? t.name;
    const taken = hints.tables.some((h) => h.from === t.name) && from === t.name; // a new table under a renamed one's old name
    const old = taken ? undefined : before.tables.find((x) => x.name === from);
    const wanted = t.columns.map((c) => c.name);
    if (!old) { out.set(t.name, wanted); continue; }
    const renamed = (name: string) => hints.columns.find((h) => h.table === t.name && h.from === name && wanted.includes(h.to))?.to ?? name;
    const kept = old.columns.map((c) => renamed(c.name)).filter((n) => wanted.includes(n));
    out.set(t.name, [...kept, ...wanted.filter((n) => !kept.includes(n))]);
  }
  return out;
}

const options = (e: EditedSchema) => ({ hints: e.hints, renames: { mode: 'none' } as const });

describe('diff and invert laws (property tests)', () => {
  test('(a) applying diff(a, b) to a gives b, up to model names and column order', async () => {
    // Compared with comparableSnapshot: it drops model names (used in messages only; no
    // operation carries a kept or renamed table's class name, and migration files record none)
    // and sorts columns (addColumn appends, like ALTER TABLE ADD COLUMN, so a column declared
    // mid-class lands last). Column order is then checked on its own against that rule.
    for (const arb of [editedSchemaArb, schemaPairArb]) {
      await fc.assert(fc.asyncProperty(arb, async (e) => {
        const ops = await diffSnapshots(e.before, e.after, options(e));
        const result = applyOperations(e.before, ops);
        assert.deepEqual(comparableSnapshot(result), comparableSnapshot(e.after));
        const order = expectedColumnOrder(e);
        for (const t of result.tables) assert.deepEqual(t.columns.map((c) => c.name), order.get(t.name), `column order of ${t.name}`);
      }), { numRuns: NUM_RUNS });
    }
  });

  test('(a) from the empty schema, the result equals b exactly, model names and column order included', async () => {
    await fc.assert(fc.asyncProperty(schemaArb, async (b) => {
      const ops = await diffSnapshots(emptySnapshot(), b);
      assert.ok(ops.every((o) => o.kind === 'createTable' || o.kind === 'addForeignKey'));
      assert.deepEqual(applyOperations(emptySnapshot(), ops), normalizeSnapshot(b));
    }), { numRuns: NUM_RUNS });
  });

  test('(b) applying ops then their inverses returns a, up to column order', async () => {
    for (const arb of [editedSchemaArb, schemaPairArb]) {
      await fc.assert(fc.asyncProperty(arb, async (e) => {
        const ops = await diffSnapshots(e.before, e.after, options(e));
        const down = invertOperations(ops, e.before).map((x) => x.operation);
        const back = applyOperations(applyOperations(e.before, ops), down);
        assert.deepEqual(upToColumnOrder(back), upToColumnOrder(e.before));
      }), { numRuns: NUM_RUNS });
    }
  });

  test('(b) with no column dropped, the inverses return a exactly', async () => {
    await fc.assert(fc.asyncProperty(editedSchemaArb, async (e) => {
      const ops = await diffSnapshots(e.before, e.after, options(e));
      fc.pre(!ops.some((o) => o.kind === 'dropColumn'));
      const back = applyOperations(applyOperations(e.before, ops), invertOperations(ops, e.before).map((x) => x.operation));
      assert.deepEqual(back, normalizeSnapshot(e.before));
    }), { numRuns: NUM_RUNS });
  });

  test('(c) a schema diffed against itself, or a reordered copy of itself, gives []', async () => {
    await fc.assert(fc.asyncProperty(schemaArb, fc.integer(), async (a, seed) => {
      assert.deepEqual(await diffSnapshots(a, a), []);
      assert.deepEqual(await diffSnapshots(a, shuffled(a, seed)), []);
      assert.deepEqual(await diffSnapshots(shuffled(a, seed), a), []);
    }), { numRuns: NUM_RUNS });
  });

  test('after applying diff(a, b), nothing is left to diff against b', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(editedSchemaArb, schemaPairArb), async (e) => {
      const result = applyOperations(e.before, await diffSnapshots(e.before, e.after, options(e)));
      assert.deepEqual(await diffSnapshots(result, e.after), []);
    }), { numRuns: NUM_RUNS });
  });

  test('up and down are in an order a database with enforced foreign keys accepts', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(editedSchemaArb, schemaPairArb), async (e) => {
      const ops = await diffSnapshots(e.before, e.after, options(e));
      assert.equal(backendOrderViolation(e.before, ops), undefined, 'up');
      const down = invertOperations(ops, e.before).map((x) => x.operation);
      assert.equal(backendOrderViolation(applyOperations(e.before, ops), down), undefined, 'down');
    }), { numRuns: NUM_RUNS });
  });

  test('rename hints become renames: a table or column that is only renamed is never dropped', async () => {
    await fc.assert(fc.asyncProperty(editedSchemaArb, async (e) => {
      const ops = await diffSnapshots(e.before, e.after, options(e));
      const hints = effectiveHints(e);
      for (const h of hints.tables) {
        assert.ok(ops.some((o) => o.kind === 'renameTable' && o.from === h.from && o.to === h.to), `renameTable ${h.from} → ${h.to}`);
        assert.ok(!ops.some((o) => o.kind === 'dropTable' && o.table === h.from));
      }
      for (const h of hints.columns) {
        assert.ok(ops.some((o) => o.kind === 'renameColumn' && o.table === h.table && o.from === h.from && o.to === h.to), `renameColumn ${h.table}.${h.from} → ${h.to}`);
        assert.ok(!ops.some((o) => o.kind === 'dropColumn' && o.table === h.table && o.column === h.from));
      }
    }), { numRuns: NUM_RUNS });
  });
});
