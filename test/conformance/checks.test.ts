// CHECK constraints (`@Check(name, expression)`, README: Models) on every backend that enforces
// them: created with the table or added later (after a precheck that counts the rows breaking
// it), read back from the database's own catalog (inside `apply`), enforced on rows, kept through
// a table rebuild, and dropped (the down step). Backends without CHECKs refuse them first.
import assert from 'node:assert/strict';
import { isTidemarkError, op, type SchemaOperation } from '@tidemark/core';
import { conformanceSuite, type CaseContext } from './conformance.js';

const products = (checks: { name: string; expression: string }[] = []) => op.createTable({
  name: 'products',
  columns: [
    { name: 'id', type: 'i32' },
    { name: 'price', type: 'decimal', precision: 10, scale: 2 },
    { name: 'discount', type: 'decimal', precision: 10, scale: 2, nullable: true },
    { name: 'label', type: 'string', length: 40 },
  ],
  primaryKey: ['id'],
  checks,
});

const applyOne = (db: CaseContext, operation: SchemaOperation): Promise<void> =>
  db.connection.withLock(() => db.connection.transaction(() => db.connection.applier.apply(operation)));

await conformanceSuite('check constraints', [
  {
    name: 'a CHECK created with the table rejects a bad row, survives a rebuild, and drops',
    requires: ['checkConstraints'],
    async run(db) {
      const { apply, insert, count } = db;
      await apply(products([{ name: 'price_positive', expression: 'price > 0' }, { name: 'discount_below_price', expression: 'discount IS NULL OR discount < price' }]));
      await insert('products', [{ id: 1, price: '10.00', discount: null, label: 'a' }, { id: 2, price: '5.00', discount: '1.00', label: 'b' }]);
      await assert.rejects(insert('products', [{ id: 3, price: '0.00', discount: null, label: 'c' }]));
      await assert.rejects(insert('products', [{ id: 4, price: '5.00', discount: '6.00', label: 'd' }]));
      // a column change (SQLite rebuilds the table) keeps both checks
      await apply(op.alterColumn('products', 'label', { type: 'string', length: 80 }));
      await assert.rejects(insert('products', [{ id: 5, price: '-1.00', discount: null, label: 'e' }]));
      await apply(op.dropCheck('products', 'price_positive'));
      await insert('products', [{ id: 6, price: '0.00', discount: null, label: 'f' }]);
      assert.equal(await count('products'), 3);
    },
  },
  {
    name: 'addCheck on rows that break it is refused with a count before anything changes; once fixed it applies',
    requires: ['checkConstraints'],
    async run(db) {
      const { apply, insert, count, connection } = db;
      await apply(products());
      await insert('products', [
        { id: 1, price: '10.00', discount: null, label: 'a' },
        { id: 2, price: '0.00', discount: null, label: 'b' },
        { id: 3, price: '-2.00', discount: null, label: 'c' },
      ]);
      const before = await connection.introspect();
      await assert.rejects(
        applyOne(db, op.addCheck('products', { name: 'price_positive', expression: 'price > 0' })),
        (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 2,
      );
      assert.deepStrictEqual(await connection.introspect(), before);
      await connection.withLock(() => connection.applier.execute('UPDATE products SET price = 1 WHERE price <= 0'));
      await apply(op.addCheck('products', { name: 'price_positive', expression: 'price > 0' }));
      await assert.rejects(insert('products', [{ id: 4, price: '0.00', discount: null, label: 'd' }]));
      assert.equal(await count('products'), 3);
      await apply(op.dropCheck('products', 'price_positive'));
      await insert('products', [{ id: 4, price: '0.00', discount: null, label: 'd' }]);
    },
  },
  {
    name: 'a CHECK is refused naming the backend, before anything changes, where the database has none',
    lacks: ['checkConstraints'],
    async run(db) {
      await assert.rejects(
        applyOne(db, products([{ name: 'price_positive', expression: 'price > 0' }])),
        (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && err.message.startsWith(`${db.connection.dialect} cannot enforce the check price_positive`),
      );
      assert.deepStrictEqual((await db.connection.introspect()).tables, []);
    },
  },
]);
