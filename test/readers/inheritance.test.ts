// Base classes (README: Models, "Base classes"): both readers take columns, keys, indexes and
// relations from base classes (abstract or not, generic, in other files, several levels deep),
// and give the same snapshot.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { buildSnapshot } from '@tidemark/core';
import { readLoadedModels } from '@tidemark/decorators';
import { readModelFiles } from '../../packages/generator/src/read/index.js';
import { loadModelFiles } from './compile-files.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/inheritance/${name}`, import.meta.url));
const files = ['base-entity.ts', 'account.ts', 'owned.ts', 'note.ts', 'admin.ts'].map(fixture);
// Only the files with models: the static reader finds the base classes through their imports.
const modelFiles = ['account.ts', 'note.ts', 'admin.ts'].map(fixture);

describe('base classes', () => {
  it('give both readers the same snapshot', async () => {
    const statically = buildSnapshot(readModelFiles(modelFiles));
    const atRunTime = buildSnapshot(readLoadedModels(await loadModelFiles(files, [fixture('admin.ts'), ...files])));
    assert.deepStrictEqual(atRunTime.snapshot, statically.snapshot);
    assert.deepStrictEqual(atRunTime.hints, statically.hints);
  });

  // The foreign key's own index is left out: the inherited (owner_id, created_at) index starts with it.
  it('put base columns first, let a redeclared property replace the base one in place, and keep keys, indexes and relations', () => {
    const { snapshot } = buildSnapshot(readModelFiles(modelFiles));
    const table = (name: string) => snapshot.tables.find((t) => t.name === name)!;
    assert.deepEqual(snapshot.tables.map((t) => t.name).sort(), ['accounts', 'admins', 'notes']);
    assert.deepEqual(table('notes').columns.map((c) => c.name), ['id', 'created_at', 'modified_at', 'owner_id', 'version', 'title']);
    assert.equal(table('notes').columns.find((c) => c.name === 'modified_at')!.nullable, true);
    assert.deepEqual(table('notes').columns.find((c) => c.name === 'version')!.default, 1);
    assert.deepEqual(table('notes').primaryKey, ['id']);
    assert.equal(table('notes').columns.find((c) => c.name === 'id')!.autoIncrement, true);
    assert.deepEqual(table('notes').indexes.map((i) => i.columns).sort(), [['owner_id', 'created_at'], ['title']]);
    assert.deepEqual(table('notes').foreignKeys.map((f) => [f.columns, f.referencedTable, f.onDelete]), [[['owner_id'], 'accounts', 'cascade']]);
    // A @Model base class is its own table, and its subclass repeats its columns, then adds its own.
    assert.deepEqual(table('accounts').columns.map((c) => c.name), ['id', 'created_at', 'updated_at', 'email']);
    assert.deepEqual(table('admins').columns.map((c) => c.name), ['id', 'created_at', 'updated_at', 'email', 'level']);
    assert.deepEqual(table('admins').indexes.map((i) => [i.columns, i.unique]), [[['email'], true]]);
  });
});
