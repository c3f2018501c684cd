// The static reader (ts-morph, nothing executed) and the run-time reader (decorator metadata)
// must give the same snapshot for the same models (README: Models). The run-time side loads the
// fixture compiled by TypeScript with experimentalDecorators and emitDecoratorMetadata, since
// tsx (esbuild) emits no design:type.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSnapshot, isTidemarkError } from '@tidemark/core';
import { readLoadedModels } from '@tidemark/decorators';
import { classesOf, loadModels } from '../../packages/decorators/src/__fixtures__/load-compiled.js';
import { readModelFiles } from '../../packages/generator/src/read/index.js';

const fixture = fileURLToPath(new URL('./fixtures/shop.ts', import.meta.url));

describe('static and run-time readers', () => {
  it('give identical snapshots for the same models', async () => {
    const statically = buildSnapshot(readModelFiles([fixture]));
    const { module } = await loadModels({ path: fixture }, 'legacy+metadata');
    const atRunTime = buildSnapshot(readLoadedModels(classesOf(module)));
    assert.deepStrictEqual(atRunTime.snapshot, statically.snapshot);
    assert.deepStrictEqual(atRunTime.hints, statically.hints);
    assert.deepStrictEqual(atRunTime.concurrentIndexes, statically.concurrentIndexes);
  });

  it('cover every column type, relation kind and index kind of the fixture', () => {
    // Guards the fixture itself: identical snapshots prove little if the models are trivial.
    const { snapshot } = buildSnapshot(readModelFiles([fixture]));
    const columns = snapshot.tables.flatMap((t) => t.columns);
    assert.deepEqual(
      [...new Set(columns.map((c) => c.type))].sort(),
      ['array', 'boolean', 'bytes', 'date', 'decimal', 'enum', 'f64', 'i32', 'i64', 'json', 'string', 'text', 'timestamp', 'uuid'],
    );
    const orders = new Map(snapshot.tables.find((t) => t.name === 'purchase_orders')!.columns.map((c) => [c.name, c]));
    assert.deepStrictEqual(orders.get('tags'), { name: 'tags', type: 'json', nullable: false });
    assert.deepStrictEqual(orders.get('labels'), { name: 'labels', type: 'array', items: 'string', nullable: false, default: ['new'], length: 30 });
    assert.deepStrictEqual(orders.get('quantities'), { name: 'quantities', type: 'array', items: 'i32', nullable: false, default: [1, 2] });
    assert.deepStrictEqual(orders.get('history'), { name: 'history', type: 'array', items: 'enum', nullable: false, default: [], values: ['pending', 'paid', 'shipped'] });
    assert.ok(columns.some((c) => c.nullable) && columns.some((c) => c.default !== undefined) && columns.some((c) => c.autoIncrement));
    assert.ok(snapshot.tables.some((t) => t.primaryKey.length === 2));
    assert.ok(snapshot.tables.flatMap((t) => t.indexes).some((i) => i.columns.length === 2));
    assert.equal(snapshot.tables.flatMap((t) => t.foreignKeys).length, 6);
    const shipments = snapshot.tables.find((t) => t.name === 'shipments')!;
    assert.deepStrictEqual(shipments.foreignKeys.map((f) => [f.columns, f.referencedTable, f.referencedColumns]), [
      [['customer_email'], 'customers', ['email']],
      [['line_order_id', 'line_no'], 'order_lines', ['order_id', 'line_no']],
    ]);
    // `index: false` leaves customer_email without an index; the composite key gets one on both columns
    assert.deepStrictEqual(shipments.indexes.map((i) => i.columns), [['line_order_id', 'line_no']]);
    assert.deepStrictEqual(shipments.columns.find((c) => c.name === 'customer_email'), { name: 'customer_email', type: 'string', nullable: false, length: 320 });
    assert.ok(snapshot.tables.flatMap((t) => t.foreignKeys).some((f) => f.name === 'purchase_orders_customer_fkey'), '@BelongsTo({ name }) names the foreign key');
  });

  it('read application-enforced unique indexes into the snapshot and concurrent indexes into the build hints', () => {
    const built = buildSnapshot(readModelFiles([fixture]));
    const indexes = built.snapshot.tables.flatMap((t) => t.indexes.map((i) => ({ table: t.name, ...i })));
    assert.deepStrictEqual(indexes.filter((i) => i.applicationEnforced).map((i) => i.name).sort(), ['idx_coupons_label', 'uq_purchase_orders_reference']);
    assert.deepStrictEqual([...built.concurrentIndexes].sort((a, b) => a.index.localeCompare(b.index)), [
      { table: 'coupons', index: 'idx_coupons_weight' },
      { table: 'purchase_orders', index: 'idx_purchase_orders_customer_id_placed_on' },
    ]);
  });

  it('refuse the same impossible columns with the same words (the checks live in buildSnapshot)', async () => {
    const header = "import { Model, Key, Auto, Column, Default } from '@tidemark/decorators';\n";
    const cases: [body: string, problem: RegExp][] = [
      ["@Column({ length: -5 }) name!: string;", /length -5 is not a positive whole number/],
      ["@Column({ type: 'decimal', precision: 4, scale: 6 }) price!: number;", /scale 6 is larger than precision 4/],
      ["@Default('abc') count!: number;", /default "abc" does not fit column type i32/],
      ["@Column({ name: '' }) name!: string;", /the column name is empty/],
      ["@Default(['a']) @Column() count!: number;", /a list default fits only an array column, not i32/],
      ["@Default(['x']) @Column({ type: 'i32[]' }) xs!: number[];", /list default: default "x" does not fit column type i32/],
      ["@Default('x') @Column({ type: 'string[]' }) xs!: string[];", /default "x" of array column xs is not a list/],
    ];
    const dir = mkdtempSync(join(tmpdir(), 'tidemark-readers-'));
    try {
      for (const [body, problem] of cases) {
        const source = `${header}@Model() export class A {\n  @Key() @Auto() id!: number;\n  ${body}\n}\n`;
        const path = join(dir, 'a.ts');
        writeFileSync(path, source);
        const refused = (read: () => unknown, reader: string) => assert.throws(() => buildSnapshot(read() as never), (e: unknown) => {
          assert.ok(isTidemarkError(e, 'TM_MODEL_INVALID'), `${reader}: ${String(e)}`);
          assert.match(e.message, /\(A\.\w+\): /, reader);
          assert.match(e.message, problem, reader);
          return true;
        }, `${reader} accepted ${body}`);
        refused(() => readModelFiles([path]), 'static');
        const { module } = await loadModels({ source }, 'legacy+metadata');
        refused(() => readLoadedModels(classesOf(module)), 'run time');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

