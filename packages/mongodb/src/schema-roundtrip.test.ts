// What the backend writes to the catalog (validators, indexes) reads back as the model's
// schema after every operation, the way the conformance suite checks a live database — here
// against a runner that keeps the catalog but no documents: the conformance cases' operations,
// then a seeded random evolution (test/evolution) applied and rolled back.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import {
  applyOperation, applyOperations, buildSnapshot, comparableSnapshot, diffSnapshots, emptySnapshot, invertOperations, isTidemarkError, op,
  type SchemaOperation, type SchemaSnapshot,
} from '@tidemark/core';
import { seeded } from '../../../test/evolution/random.js';
import { RandomModels } from '../../../test/evolution/random-models.js';
import { testConnection } from './__fixtures__/connection.js';
import { DdlStateRunner } from './__fixtures__/ddl-state-runner.js';
import { capabilities } from './capabilities.js';
import type { MongoConnection } from './connection.js';

function open(): { conn: MongoConnection; runner: DdlStateRunner } {
  const runner = new DdlStateRunner();
  runner.on('findAndModify', ...Array.from({ length: 2000 }, () => ({ value: { token: 'token-1' }, ok: 1 })));
  return { runner, conn: testConnection(runner) };
}

async function applyAll(conn: MongoConnection, state: SchemaSnapshot, ops: readonly SchemaOperation[]): Promise<SchemaSnapshot> {
  for (const o of ops) {
    await conn.withLock(() => conn.transaction(() => conn.applier.apply(o)));
    state = applyOperation(state, o);
    assert.deepStrictEqual(comparableSnapshot(await conn.introspect()), comparableSnapshot(state, capabilities), `after ${o.kind} ${JSON.stringify(o)}`);
  }
  return state;
}

const id = { name: 'id', type: 'uuid' } as const;
const users = op.createTable({ name: 'users', columns: [id, { name: 'name', type: 'string', length: 40 }, { name: 'age', type: 'i32', nullable: true }], primaryKey: ['id'] });

describe('the catalog reads back as the model after every operation', () => {
  it('the conformance cases\' operations', async () => {
    const { conn } = open();
    let state = emptySnapshot();
    state = await applyAll(conn, state, [
      op.createTable({
        name: 'nodes',
        columns: [{ name: 'tree', type: 'i32' }, { name: 'id', type: 'i32' }, { name: 'parent', type: 'i32', nullable: true }, { name: 'label', type: 'string' }],
        primaryKey: ['tree', 'id'],
        indexes: [{ name: 'idx_nodes_label', columns: ['label'], unique: true }, { name: 'idx_nodes_tree_parent', columns: ['tree', 'parent'] }],
        foreignKeys: [{ name: 'fk_nodes_parent', columns: ['tree', 'parent'], referencedTable: 'nodes', referencedColumns: ['tree', 'id'], onDelete: 'cascade' }],
      }),
      users,
      op.addColumn('users', { name: 'bio', type: 'text', nullable: true }),
      op.addColumn('users', { name: 'active', type: 'boolean', default: true }),
      op.addColumn('users', { name: 'score', type: 'i32' }, { backfill: 10 }),
      op.alterColumn('users', 'age', { type: 'i64', nullable: true }),
      op.alterColumn('users', 'name', { type: 'string', length: 200, default: 'anon' }),
      op.alterColumn('users', 'name', { type: 'text' }),
      op.createIndex('users', { name: 'idx_users_name', columns: ['name'] }),
      op.createTable({
        name: 'posts', columns: [id, { name: 'user_id', type: 'uuid' }], primaryKey: ['id'],
        foreignKeys: [{ name: 'fk_posts_user_id', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'] }],
      }),
      op.renameColumn('users', 'name', 'full_name'),
      op.renameTable('users', 'people'),
      op.renameColumn('people', 'id', 'person_id'),
      op.dropColumn('people', 'bio'),
      op.createIndex('people', { name: 'idx_people_age', columns: ['age'], unique: true }),
      op.alterColumn('people', 'age', { type: 'i64' }),
      op.alterColumn('people', 'age', { type: 'text', nullable: true }),
      op.dropIndex('people', 'idx_people_age'),
      op.alterPrimaryKey('people', ['person_id', 'score']),
      op.dropForeignKey('posts', 'fk_posts_user_id'),
      op.addForeignKey('posts', { name: 'fk_posts_user_id', columns: ['user_id'], referencedTable: 'people', referencedColumns: ['person_id'], onDelete: 'set null' }),
      op.createTable({ name: 'flags', columns: [{ name: 'id', type: 'i32' }, { name: 'v', type: 'text', nullable: true }], primaryKey: ['id'] }),
      op.alterColumn('flags', 'v', { type: 'boolean', nullable: true }),
      op.alterColumn('flags', 'v', { type: 'enum', values: ['yes', 'no'] }),
      op.dropTable('flags'),
    ]);
    assert.deepStrictEqual(state.tables.map((t) => t.name), ['nodes', 'people', 'posts']);
  });

  it('a seeded random evolution of models, applied then rolled back', async () => {
    const seed = Number(process.env.TIDEMARK_SEED ?? 20261121);
    const { conn } = open();
    const models = new RandomModels(seeded(seed), capabilities);
    let state = emptySnapshot();
    const applied: { before: SchemaSnapshot; ops: readonly SchemaOperation[] }[] = [];
    for (let step = 1; step <= 120; step++) {
      const previous = models.clone();
      models.edit();
      let next: ReturnType<typeof buildSnapshot>;
      try {
        next = buildSnapshot(models.describe());
      } catch (err) {
        if (!isTidemarkError(err, 'TM_MODEL_INVALID')) throw err;
        models.models = previous;
        continue;
      }
      const ops = await diffSnapshots(state, next.snapshot, { hints: next.hints, renames: { mode: 'none' } });
      if (ops.length === 0) continue;
      try {
        await applyAll(conn, state, ops);
      } catch (err) {
        throw new Error(`seed ${seed} step ${step}: ${(err as Error).message}`, { cause: err });
      }
      applied.push({ before: state, ops });
      state = applyOperations(state, ops);
      models.forgetRenames();
    }
    assert.ok(applied.length > 30, `only ${applied.length} steps changed the schema`);
    for (const { before, ops } of applied.reverse()) {
      await applyAll(conn, applyOperations(before, ops), invertOperations(ops, before).map((i) => i.operation));
    }
    assert.deepStrictEqual((await conn.introspect()).tables, []);
  });
});
