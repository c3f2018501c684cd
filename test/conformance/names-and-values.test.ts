// Values of every portable type, odd names and long names, and down: on every backend, rows
// written before a change read back the same after it, and inverting the steps restores the
// schema exactly (checked by `apply` after every step) with the rows still there.
import assert from 'node:assert/strict';
import {
  identifierLength, invertOperations, op, type Capabilities, type ColumnSpec, type PortableType, type SchemaOperation,
} from '@tidemark/core';
import type { Row } from '../backends/index.js';
import { conformanceSuite } from './conformance.js';

/** One value per portable type, as a user writes it, and how to read back what a driver returns. */
const VALUES: Record<Exclude<PortableType, 'bytes'>, { spec?: Partial<ColumnSpec>; values: Row[string][]; read: (v: unknown) => unknown }> = {
  i32: { values: [2147483647, -2147483648, 0], read: Number },
  i64: { values: [9007199254740991, -42], read: Number },
  f64: { values: [1.25, -0.5, 1e100], read: Number },
  decimal: { spec: { precision: 12, scale: 3 }, values: [123456789.125, -0.001], read: Number },
  string: { spec: { length: 80 }, values: [`it's "quoted" — ünïcödé 日本 😀`, ''], read: String },
  text: { values: [`${'long line '.repeat(600)}\nsecond line\ttab`], read: String },
  boolean: { values: [true, false], read: (v) => v === true || v === 1 || v === '1' || v === 't' },
  uuid: { values: ['3f2b8c1e-0d4a-4c5e-9b7a-1a2b3c4d5e6f'], read: (v) => String(v).toLowerCase() },
  date: { values: ['2024-02-29', '1999-12-31'], read: (v) => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10) },
  // written without a zone, read back as the same instant in UTC (backends store UTC)
  timestamp: { values: ['2024-02-29 13:14:15.250'], read: (v) => {
    const text = v instanceof Date ? v.toISOString() : String(v).replace(' ', 'T');
    return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`).toISOString();
  } },
  json: { values: ['{"a":[1,2,{"b":null}],"c":"x"}'], read: (v) => (typeof v === 'string' ? JSON.parse(v) : v) },
  enum: { spec: { values: ['red', "it's"] }, values: ['red', "it's"], read: String },
};

/** The expected reading of a written value: the same normaliser applied to what was written. */
const expectRead = (type: keyof typeof VALUES, v: Row[string]): unknown =>
  type === 'timestamp' ? VALUES.timestamp.read(v) : VALUES[type].read(v);

const idColumn = (c: Capabilities): ColumnSpec => ({ name: 'id', type: 'i32', ...(c.autoIncrement ? { autoIncrement: true } : {}) });
const allowed = (c: Capabilities, name: string): boolean => c.objectNames === undefined || new RegExp(c.objectNames.pattern).test(name);

await conformanceSuite('names and values', [
  {
    name: 'a value of every portable type reads back the same, before and after the table is renamed and a column added',
    async run({ apply, insert, select }) {
      const types = Object.keys(VALUES) as (keyof typeof VALUES)[];
      await apply(op.createTable({
        name: 'samples',
        columns: [{ name: 'id', type: 'i32' }, ...types.map((t): ColumnSpec => ({ name: `v_${t}`, type: t, nullable: true, ...VALUES[t].spec })),
          { name: 'v_bytes', type: 'bytes', nullable: true }],
        primaryKey: ['id'],
      }));
      const rows: Row[] = [0, 1, 2].map((i) => ({
        id: i + 1,
        ...Object.fromEntries(types.map((t) => [`v_${t}`, VALUES[t].values[i] ?? null])),
      }));
      await insert('samples', rows);
      const check = async (table: string): Promise<void> => {
        const back = await select(table, ['id', ...types.map((t) => `v_${t}`)], 'id');
        assert.equal(back.length, rows.length);
        for (const [i, row] of rows.entries()) {
          for (const t of types) {
            const written = row[`v_${t}`];
            const read = back[i]![`v_${t}`];
            if (written === null) assert.equal(read ?? null, null, `row ${i + 1} ${t}: expected NULL`);
            else assert.deepStrictEqual(VALUES[t].read(read), expectRead(t, written), `row ${i + 1} ${t}`);
          }
        }
      };
      await check('samples');
      await apply(op.renameTable('samples', 'samples_2'), op.addColumn('samples_2', { name: 'note', type: 'text', nullable: true }));
      await check('samples_2');
    },
  },
  {
    name: 'names with quotes, spaces, reserved words and non-ASCII letters work in every operation',
    async run({ capabilities, apply, insert, select }) {
      const tableNames = [`it's a "table"`, 'Ünïcode_表', 'order'].filter((n) => allowed(capabilities, n));
      const main = tableNames[0]!;
      const indexName = allowed(capabilities, 'idx "odd" näme') ? 'idx "odd" näme' : 'idx_odd_name';
      await apply(op.createTable({
        name: main,
        columns: [
          idColumn(capabilities),
          { name: 'select', type: 'string', length: 50 },
          { name: `it's "quoted"`, type: 'text', nullable: true },
          { name: 'with space', type: 'i32', default: 3 },
          { name: 'Größe', type: 'f64', nullable: true },
          { name: '名前', type: 'enum', values: ['ä', "b'c"], default: 'ä' },
        ],
        primaryKey: ['id'],
        indexes: [{ name: indexName, columns: ['with space', '名前'] }],
      }));
      const child = allowed(capabilities, 'group') ? 'group' : 'group_table';
      await apply(op.createTable({
        name: child,
        columns: [{ name: 'id', type: 'i32' }, { name: 'owner "id"', type: 'i32', nullable: true }],
        primaryKey: ['id'],
        foreignKeys: [{ name: `fk "owner" ünï`, columns: ['owner "id"'], referencedTable: main, referencedColumns: ['id'] }],
      }));
      const rows = [
        { id: 1, select: 'a', [`it's "quoted"`]: `x'y"z`, 'with space': 1, Größe: 1.5, 名前: "b'c" },
        { id: 2, select: 'b', [`it's "quoted"`]: null, 'with space': 2, Größe: null, 名前: 'ä' },
      ];
      await insert(main, rows);
      await insert(child, [{ id: 1, 'owner "id"': 2 }]);
      const renamedTable = tableNames[1] ?? `${main}_2`;
      await apply(
        op.renameColumn(main, 'select', 'from where'),
        op.alterColumn(main, 'with space', { type: 'i64', default: 4 }),
        op.renameTable(main, renamedTable),
        op.dropIndex(renamedTable, indexName),
        op.createIndex(renamedTable, { name: indexName, columns: ['名前'] }),
      );
      assert.deepStrictEqual(
        await select(renamedTable, ['id', 'from where', `it's "quoted"`, '名前'], 'id'),
        rows.map((r) => ({ id: r.id, 'from where': r.select, [`it's "quoted"`]: r[`it's "quoted"`], 名前: r.名前 })),
      );
      assert.deepStrictEqual((await select(renamedTable, ['with space'], 'id')).map((r) => Number(r['with space'])), [1, 2]);
      assert.deepStrictEqual(await select(child, ['id', 'owner "id"'], 'id'), [{ id: 1, 'owner "id"': 2 }]);
      await apply(op.dropForeignKey(child, `fk "owner" ünï`), op.dropTable(child), op.dropTable(renamedTable));
    },
  },
  {
    name: 'names longer than the backend allows are shortened the same way every time, and still work',
    async run({ capabilities, apply, insert, select, connection }) {
      const table = `t_${'very_long_table_name_'.repeat(3)}end`; // 69 characters
      const column = `c_${'a_very_long_column_name_'.repeat(3)}end`; // 77 characters
      const index = `idx_${table}_${column}`;
      const fk = `fk_${table}_${column}_parent`;
      await apply(op.createTable({ name: 'parents', columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] }));
      await apply(op.createTable({
        name: table,
        columns: [{ name: 'id', type: 'i32' }, { name: column, type: 'i32', nullable: true }],
        primaryKey: ['id'],
        indexes: [{ name: index, columns: [column] }],
        foreignKeys: [{ name: fk, columns: [column], referencedTable: 'parents', referencedColumns: ['id'] }],
      }));
      if (capabilities.maxIdentifierLength !== undefined) {
        const live = (await connection.introspect()).tables.find((t) => t.name !== 'parents')!;
        for (const name of [live.name, ...live.columns.map((c) => c.name), ...live.indexes.map((i) => i.name), ...live.foreignKeys.map((f) => f.name)]) {
          assert.ok(identifierLength(name, capabilities.identifierLengthUnit) <= capabilities.maxIdentifierLength, `${name} is longer than ${capabilities.maxIdentifierLength}`);
        }
      }
      await insert('parents', [{ id: 1 }]);
      await insert(table, [{ id: 1, [column]: 1 }, { id: 2, [column]: null }]);
      await apply(op.dropForeignKey(table, fk), op.dropIndex(table, index), op.renameColumn(table, column, `${column}_renamed`));
      assert.deepStrictEqual(await select(table, ['id', `${column}_renamed`], 'id'), [{ id: 1, [`${column}_renamed`]: 1 }, { id: 2, [`${column}_renamed`]: null }]);
    },
  },
  {
    name: 'a name as long as the backend allows is kept as written, also when its letters take two bytes',
    async run({ capabilities, apply, insert, select, connection }) {
      // PostgreSQL counts 63 bytes (31 two-byte letters fit), MySQL 64 characters (64 fit, 128
      // bytes); the others have no limit. Shortening such a name would rename what the model says.
      const max = capabilities.maxIdentifierLength ?? 64;
      const column = '\u00e9'.repeat(capabilities.identifierLengthUnit === 'characters' ? max : Math.floor(max / 2));
      await apply(op.createTable({ name: 'accents', columns: [idColumn(capabilities), { name: column, type: 'i32', nullable: true }], primaryKey: ['id'] }));
      const live = (await connection.introspect()).tables.find((t) => t.name === 'accents');
      assert.deepStrictEqual(live?.columns.map((c) => c.name).sort(), ['id', column].sort());
      await insert('accents', [{ id: 1, [column]: 7 }]);
      assert.deepStrictEqual(await select('accents', ['id', column], 'id'), [{ id: 1, [column]: 7 }]);
    },
  },
  {
    name: 'down (the inverted steps) restores the previous schema exactly, and the rows',
    async run({ capabilities, apply, insert, select }) {
      const before = await apply(op.createTable({
        name: 'people',
        columns: [idColumn(capabilities), { name: 'name', type: 'string', length: 40 }, { name: 'age', type: 'i32', nullable: true }],
        primaryKey: ['id'],
      }));
      const rows = [{ id: 1, name: 'ada', age: 36 }, { id: 2, name: 'grace', age: null }];
      await insert('people', rows);
      const steps: SchemaOperation[] = [
        op.addColumn('people', { name: 'nickname', type: 'string', length: 20, nullable: true }),
        op.renameColumn('people', 'name', 'full_name'),
        op.alterColumn('people', 'full_name', { type: 'string', length: 100 }),
        op.alterColumn('people', 'age', { type: 'i64', nullable: true }),
        op.createIndex('people', { name: 'idx_people_full_name', columns: ['full_name'] }),
        op.renameTable('people', 'persons'),
      ];
      await apply(...steps);
      assert.deepStrictEqual(await select('persons', ['id', 'full_name', 'age'], 'id'), rows.map((r) => ({ id: r.id, full_name: r.name, age: r.age })));
      const after = await apply(...invertOperations(steps, before).map((i) => i.operation));
      assert.deepStrictEqual(after, before);
      assert.deepStrictEqual(await select('people', ['id', 'name', 'age'], 'id'), rows);
    },
  },
  {
    name: 'a foreign key the backend cannot enforce is recorded as the model says, and never claimed to be enforced',
    lacks: ['foreignKeys'],
    async run({ apply, insert, select, connection }) {
      await apply(
        op.createTable({ name: 'authors', columns: [{ name: 'id', type: 'string', length: 36 }], primaryKey: ['id'] }),
        op.createTable({ name: 'books', columns: [{ name: 'id', type: 'string', length: 36 }, { name: 'author_id', type: 'string', length: 36 }], primaryKey: ['id'] }),
        op.addForeignKey('books', { name: 'fk_books_author_id', columns: ['author_id'], referencedTable: 'authors', referencedColumns: ['id'] }),
      );
      assert.equal(connection.capabilities.foreignKeys, 'none');
      // not enforced: a book whose author does not exist is stored
      await insert('books', [{ id: 'b1', author_id: 'nobody' }]);
      assert.deepStrictEqual(await select('books', ['id', 'author_id'], 'id'), [{ id: 'b1', author_id: 'nobody' }]);
      await apply(op.dropForeignKey('books', 'fk_books_author_id'));
    },
  },
]);
