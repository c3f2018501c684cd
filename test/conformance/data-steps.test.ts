// Data steps (insert, update, backfill) on every live backend: values of several portable types
// are converted per column type, conditions select the same rows everywhere, a back-fill walks
// the table in batches and reports progress, and a down made of data steps restores the rows.
import assert from 'node:assert/strict';
import { contextFor, op, type Capabilities, type ColumnSpec, type MigrationContext, type ProgressEvent } from '@tidemark/core';
import type { Row } from '../backends/index.js';
import { conformanceSuite, type CaseContext } from './conformance.js';

const idColumn = (_c: Capabilities): ColumnSpec => ({ name: 'id', type: 'i32' });

/** The context a migration gets, on this connection, as the migrator builds it (one lock and transaction per run). */
async function run(db: CaseContext, body: (ctx: MigrationContext) => Promise<void>): Promise<void> {
  const { connection } = db;
  const ctx = contextFor({
    dialect: connection.dialect,
    apply: (operation) => connection.applier.apply(operation),
    execute: (statement) => connection.applier.execute(statement),
    data: (change) => connection.applier.applyData(change),
  });
  await connection.withLock(() => connection.transaction(() => body(ctx)));
}

/** What each driver returns, normalised: booleans from 0/1, decimals and timestamps as numbers, json parsed. */
const plain = (row: Row): Record<string, unknown> => ({
  ...row,
  active: row.active === null ? null : row.active === true || row.active === 1 || row.active === '1' || row.active === 't',
  price: row.price === null ? null : Number(row.price),
  seen: row.seen === null || row.seen === undefined ? null : new Date(String(row.seen).replace(' ', 'T').replace(/(\d)$/, '$1Z')).toISOString(),
  tags: typeof row.tags === 'string' ? JSON.parse(row.tags) as unknown : row.tags ?? null,
});

const COLUMNS = ['id', 'name', 'active', 'price', 'seen', 'tags', 'label'];

await conformanceSuite('data steps', [
  {
    name: 'insert, update and backfill convert values per column type and select the same rows; the down restores them',
    async run(db) {
      await db.apply(op.createTable({
        name: 'items',
        columns: [
          idColumn(db.capabilities),
          { name: 'name', type: 'string', length: 40 },
          { name: 'active', type: 'boolean' },
          { name: 'price', type: 'decimal', precision: 8, scale: 2 },
          { name: 'seen', type: 'timestamp', nullable: true },
          { name: 'tags', type: 'json', nullable: true },
          { name: 'label', type: 'string', length: 80, nullable: true },
        ],
        primaryKey: ['id'],
      }));
      const progress: ProgressEvent[] = [];
      db.connection.applier.onProgress = (e) => progress.push(e);
      const seen = new Date('2024-02-29T13:14:15.250Z');
      await run(db, async (ctx) => {
        const inserted = await ctx.insert('items', [
          { id: 1, name: 'Ada', active: true, price: '12.50', seen, tags: ['a', 'b'] },
          { id: 2, name: 'Brian', active: false, price: 3, seen: null, tags: { k: 1 } },
          { id: 3, name: 'Cleo', active: false, price: '1.25' },
          { id: 4, name: "O'Hara", active: true, price: '99.99', tags: null },
          { id: 5, name: 'Eve', active: false, price: '7' },
        ]);
        assert.equal(inserted.rows, 5);
        // the portable condition: equality, comparison, in, is null, or
        await ctx.update('items', { label: 'cheap inactive' }, { active: false, price: { lt: '5' } });
        await ctx.update('items', { label: 'picked' }, { $or: [{ id: { in: [4] } }, { seen: null, name: 'Eve' }] });
        const filled = await ctx.backfill('items', (row) => (row.label === null ? { label: `${String(row.name).toUpperCase()}:${row.active ? 'on' : 'off'}` } : undefined), { batchSize: 2 });
        assert.equal(filled.rows, 1, 'only Ada had no label');
      });
      assert.deepStrictEqual((await db.select('items', COLUMNS, 'id')).map(plain), [
        { id: 1, name: 'Ada', active: true, price: 12.5, seen: seen.toISOString(), tags: ['a', 'b'], label: 'ADA:on' },
        { id: 2, name: 'Brian', active: false, price: 3, seen: null, tags: { k: 1 }, label: 'cheap inactive' },
        { id: 3, name: 'Cleo', active: false, price: 1.25, seen: null, tags: null, label: 'cheap inactive' },
        { id: 4, name: "O'Hara", active: true, price: 99.99, seen: null, tags: null, label: 'picked' },
        { id: 5, name: 'Eve', active: false, price: 7, seen: null, tags: null, label: 'picked' },
      ]);
      const backfillProgress = progress.filter((p) => p.operation === 'backfill');
      assert.ok(backfillProgress.length >= 3, `a batch of 2 rows over 5 rows reports at least 3 times: ${JSON.stringify(backfillProgress)}`);
      assert.equal(backfillProgress.at(-1)!.done, 5);

      // down: data steps take the labels back, and a rerun of the same back-fill writes nothing
      await run(db, async (ctx) => {
        assert.equal((await ctx.backfill('items', { label: null }, { where: { label: { isNull: false } }, batchSize: 3 })).rows, 5);
        assert.equal((await ctx.backfill('items', { label: null }, { batchSize: 3 })).rows, 0, 'every row already holds the value');
        await ctx.update('items', { active: true }, { id: { gte: 2, lte: 3 } });
      });
      assert.deepStrictEqual((await db.select('items', ['id', 'active', 'label'], 'id')).map((r) => [r.id, plain(r).active, r.label]), [
        [1, true, null], [2, true, null], [3, true, null], [4, true, null], [5, false, null],
      ]);
    },
  },
  {
    name: 'a value that does not fit its column, an unknown column and an unknown operator are refused before anything is written',
    async run(db) {
      await db.apply(op.createTable({ name: 'things', columns: [idColumn(db.capabilities), { name: 'flag', type: 'boolean' }], primaryKey: ['id'] }));
      const refused = (pattern: RegExp) => (err: unknown) => (err as { code?: string }).code === 'TM_MIGRATION_INVALID' && pattern.test((err as Error).message);
      await assert.rejects(run(db, (ctx) => ctx.insert('things', [{ id: 1, flag: 'yes' }]).then(() => undefined)), refused(/things\.flag \(boolean\) cannot take "yes"/));
      await assert.rejects(run(db, (ctx) => ctx.insert('things', [{ id: 1, flg: true }]).then(() => undefined)), refused(/no column flg/));
      await assert.rejects(run(db, (ctx) => ctx.update('things', { flag: true }, { id: { like: 1 } } as never).then(() => undefined)), refused(/unknown operator like/));
      await assert.rejects(run(db, (ctx) => ctx.update('nope', { flag: true }, {}).then(() => undefined)), refused(/table nope/));
      assert.equal(await db.count('things'), 0);
    },
  },
]);
