// Array columns from model files to the database and back: read by the static reader, diffed,
// added to a table holding rows (existing rows get the list defaults), written and read with
// lists, refused by the database when a value is not a list, and rolled back. Backends without
// array columns refuse them before anything runs, naming themselves.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { buildSnapshot, checkCapabilities, diffSnapshots, emptySnapshot, invertOperations, isTidemarkError, op, type SchemaSnapshot } from '@tidemark/core';
import { readModelFiles } from '../../packages/generator/src/read/index.js';
import { conformanceSuite } from './conformance.js';

const modelsOf = (file: string): SchemaSnapshot => buildSnapshot(readModelFiles([fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url))])).snapshot;
const v1 = modelsOf('posts-v1.ts');
const v2 = modelsOf('posts-v2.ts');
const seed = [{ id: 1, title: 'first' }, { id: 2, title: 'second' }];
const LISTS = ['tags', 'scores', 'aliases', 'big', 'prices', 'flags'];

await conformanceSuite('array columns', [
  {
    name: 'the model reads as array columns with list defaults; Json<string[]> stays json',
    async run() {
      const cols = new Map(v2.tables[0]!.columns.map((c) => [c.name, c]));
      assert.deepStrictEqual(cols.get('tags'), { name: 'tags', type: 'array', items: 'string', nullable: false, default: ['news', "it's", 'a, {"b"}\\'], length: 20 });
      assert.deepStrictEqual(cols.get('prices'), { name: 'prices', type: 'array', items: 'decimal', nullable: false, default: [1.5, 2], precision: 8, scale: 2 });
      assert.deepStrictEqual(cols.get('meta'), { name: 'meta', type: 'json', nullable: false });
    },
  },
  {
    name: 'add array columns with defaults to a table with rows, write lists, refuse a non-list, roll back',
    requires: ['arrayItems'],
    async run({ apply, insert, select, capabilities, connection }) {
      const up1 = await diffSnapshots(emptySnapshot(), v1);
      await apply(...up1);
      await insert('posts', seed);
      const up2 = await diffSnapshots(v1, v2);
      assert.deepStrictEqual(up2.filter((o) => o.kind === 'addColumn' && o.backfill !== undefined).map((o) => o.kind === 'addColumn' && [o.column.name, o.backfill]), [['aliases', []], ['meta', '{}']]);
      checkCapabilities(connection.dialect, capabilities, up2, v1);
      await apply(...up2);
      // the rows that were there got each list default
      const defaults = { tags: JSON.stringify(['news', "it's", 'a, {"b"}\\']), scores: '[]', aliases: '[]', big: '[9007199254740,-1]', prices: '[1.5,2]', flags: '[true,false]' };
      assert.deepStrictEqual(await select('posts', ['id', 'title', ...LISTS], 'id'), seed.map((r) => ({ ...r, ...defaults })));
      await insert('posts', [{
        id: 3, title: 'third', tags: ['a, b', '{x}', 'NULL', 'say "hi"'], scores: [1, -2], aliases: ['x'], big: [1], prices: [0.25], flags: [false],
        seen: ['2024-01-02T03:04:05.000Z'], meta: '["x"]',
      }]);
      const [third] = (await select('posts', ['id', ...LISTS, 'seen'], 'id')).slice(2);
      assert.deepStrictEqual(third, {
        id: 3, tags: JSON.stringify(['a, b', '{x}', 'NULL', 'say "hi"']), scores: '[1,-2]', aliases: '["x"]', big: '[1]', prices: '[0.25]', flags: '[false]', seen: '["2024-01-02T03:04:05.000Z"]',
      });
      await assert.rejects(insert('posts', [{ id: 4, title: 'bad', tags: 'not a list' }]));
      await apply(...invertOperations(up2, v1).map((i) => i.operation));
      assert.deepStrictEqual(await select('posts', ['id', 'title'], 'id'), [...seed, { id: 3, title: 'third' }]);
    },
  },
  {
    name: 'an enum array is kept within its values where the backend can; refused, naming it, where not',
    requires: ['arrayItems'],
    async run({ apply, insert, capabilities, connection }) {
      const table = op.createTable({ name: 'roles', columns: [{ name: 'id', type: 'i32' }, { name: 'granted', type: 'array', items: 'enum', values: ['admin', 'member'], default: ['member'] }], primaryKey: ['id'] });
      if (!capabilities.arrayItems!.includes('enum')) {
        assert.throws(() => checkCapabilities(connection.dialect, capabilities, [table]),
          (e) => isTidemarkError(e, 'TM_UNSUPPORTED_OPERATION') && e.message.startsWith(`${connection.dialect} cannot store the array column roles.granted (enum[])`));
        return;
      }
      await apply(table);
      await insert('roles', [{ id: 1, granted: ['admin', 'member'] }]);
      await assert.rejects(insert('roles', [{ id: 2, granted: ['owner'] }]));
    },
  },
  {
    name: 'a backend without array columns refuses them before anything runs, naming itself',
    lacks: ['arrayItems'],
    async run({ capabilities, connection }) {
      const ops = await diffSnapshots(v1, v2);
      assert.throws(() => checkCapabilities(connection.dialect, capabilities, ops, v1),
        (e) => isTidemarkError(e, 'TM_UNSUPPORTED_OPERATION') && e.message.startsWith(`${connection.dialect} cannot store the array column posts.tags (string[])`)
          && /json column/.test(e.hint));
    },
  },
  {
    name: 'turning a json column into an array, or changing what an array holds, is refused when generating',
    async run() {
      const withMeta = (meta: object) => ({ ...v2, tables: [{ ...v2.tables[0]!, columns: v2.tables[0]!.columns.map((c) => (c.name === 'meta' ? { ...c, ...meta } : c)) }] });
      await assert.rejects(diffSnapshots(v2, withMeta({ type: 'array', items: 'string', length: 10 }) as SchemaSnapshot),
        (e) => isTidemarkError(e, 'TM_UNSUPPORTED_OPERATION') && /convert posts\.meta from json to string\[\]/.test(e.message));
      const retyped = { ...v2, tables: [{ ...v2.tables[0]!, columns: v2.tables[0]!.columns.map((c) => (c.name === 'scores' ? { ...c, items: 'i64' } : c)) }] } as SchemaSnapshot;
      await assert.rejects(diffSnapshots(v2, retyped), (e) => isTidemarkError(e, 'TM_UNSUPPORTED_OPERATION') && /from i32\[\] to i64\[\]/.test(e.message));
    },
  },
]);
