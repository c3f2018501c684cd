// Composite foreign keys, foreign keys to a unique column that is not the key, and `index: false`,
// from model files to the database and back: the models are read by the static reader, diffed,
// applied (the live schema is compared with the model after each step), exercised with rows
// where the backend enforces foreign keys, migrated, and rolled back.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { buildSnapshot, diffSnapshots, emptySnapshot, invertOperations, type SchemaSnapshot } from '@tidemark/core';
import { readModelFiles } from '../../packages/generator/src/read/index.js';
import { conformanceSuite } from './conformance.js';

const modelsOf = (file: string): SchemaSnapshot => buildSnapshot(readModelFiles([fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url))])).snapshot;
const v1 = modelsOf('memberships-v1.ts');
const v2 = modelsOf('memberships-v2.ts');

const accounts = [{ tenant: 1, id: 1, code: 'a1' }, { tenant: 1, id: 2, code: 'a2' }, { tenant: 2, id: 1, code: 'b1' }, { tenant: 2, id: 2, code: 'b2' }];
const memberships = [
  { id: 10, account_tenant: 1, account_id: 1, billed_code: 'a2' },
  { id: 11, account_tenant: 1, account_id: 2, billed_code: null },
  { id: 12, account_tenant: 2, account_id: 1, billed_code: 'b2' },
];
const membershipColumns = ['id', 'account_tenant', 'account_id', 'billed_code'];

await conformanceSuite('foreign keys from models', [
  {
    name: 'the models read as a composite key, a reference to a unique column and an unindexed key',
    async run() {
      const t = v1.tables.find((x) => x.name === 'memberships')!;
      assert.deepStrictEqual(t.foreignKeys.map((f) => [f.columns, f.referencedColumns, f.onDelete, f.onUpdate]), [
        [['account_tenant', 'account_id'], ['tenant', 'id'], 'cascade', 'cascade'],
        [['billed_code'], ['code'], 'set null', 'cascade'],
      ]);
      assert.deepStrictEqual(t.indexes.map((i) => i.columns), [['account_tenant', 'account_id']]);
    },
  },
  {
    name: 'create, fill, migrate and roll back; rows survive every step',
    async run({ apply, insert, select }) {
      const up1 = await diffSnapshots(emptySnapshot(), v1);
      await apply(...up1);
      await insert('accounts', accounts);
      await insert('memberships', memberships);
      const up2 = await diffSnapshots(v1, v2);
      assert.deepStrictEqual(up2.map((o) => o.kind), ['createTable']);
      await apply(...up2);
      await insert('audits', [{ id: 1, tenant: 2, account_id: 1, account_code: 'b1' }]);
      assert.deepStrictEqual(await select('memberships', membershipColumns, 'id'), memberships);
      await apply(...invertOperations(up2, v1).map((i) => i.operation));
      assert.deepStrictEqual(await select('memberships', membershipColumns, 'id'), memberships);
      assert.deepStrictEqual(await select('accounts', ['tenant', 'id', 'code'], 'code'), accounts);
      await apply(...invertOperations(up1, emptySnapshot()).map((i) => i.operation));
    },
  },
  {
    name: 'the database enforces each key and each action: cascade, set null, restrict, no action',
    requires: ['foreignKeys'],
    async run({ apply, insert, select, connection }) {
      await apply(...await diffSnapshots(emptySnapshot(), v2));
      await insert('accounts', accounts);
      await insert('memberships', memberships);
      // a composite key must match both columns of one row: (2, 9) matches none
      await assert.rejects(insert('memberships', [{ id: 13, account_tenant: 2, account_id: 9, billed_code: null }]));
      await assert.rejects(insert('memberships', [{ id: 14, account_tenant: 1, account_id: 1, billed_code: 'zz' }]));
      await insert('audits', [{ id: 1, tenant: 2, account_id: 1, account_code: 'b1' }]);
      const run = (sql: string) => connection.applier.execute(sql);
      // onUpdate cascade through the unique column: billed_code follows the new code
      await run("UPDATE accounts SET code = 'a2x' WHERE code = 'a2'");
      assert.deepStrictEqual((await select('memberships', membershipColumns, 'id'))[0], { ...memberships[0], billed_code: 'a2x' });
      // onDelete cascade through the composite key (membership 10); set null through the unique column (12)
      await run('DELETE FROM accounts WHERE tenant = 1 AND id = 1');
      await run('DELETE FROM accounts WHERE tenant = 2 AND id = 2');
      assert.deepStrictEqual(await select('memberships', membershipColumns, 'id'), [
        { id: 11, account_tenant: 1, account_id: 2, billed_code: null },
        { id: 12, account_tenant: 2, account_id: 1, billed_code: null },
      ]);
      // restrict (composite) and no action / restrict (unique column) refuse to orphan the audit row
      await assert.rejects(run('DELETE FROM accounts WHERE tenant = 2 AND id = 1'));
      await assert.rejects(run("UPDATE accounts SET code = 'b1x' WHERE code = 'b1'"));
      assert.deepStrictEqual(await select('audits', ['id', 'tenant', 'account_id', 'account_code'], 'id'), [{ id: 1, tenant: 2, account_id: 1, account_code: 'b1' }]);
    },
  },
]);
