// @Check through the CLI (README: Models) on each SQL backend: generate, up, check --url with no
// false drift (each database spells the expression its own way), a new check on rows that break
// it stopped by the precheck before anything changes, then applied once the rows are fixed, and
// rolled back; and the generate-time refusal naming backend, file and line where there are no CHECKs.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'vitest';
import { HARNESSES, type TestDatabase } from '../backends/index.js';
import { createProject, type TempProject } from '../support/project.js';

const product = (checks: string) => `import { Model, Key, Column, Check } from '@tidemark/decorators';
import type { Decimal } from '@tidemark/decorators';
@Model()
${checks}
export class Product {
  @Key() @Column() id!: number;
  @Column({ precision: 10, scale: 2 }) price!: Decimal;
  @Column({ precision: 10, scale: 2, nullable: true }) discount?: Decimal | null;
}
`;

let project: TempProject | undefined;
let db: TestDatabase | undefined;
afterEach(async () => {
  await project?.cleanup();
  await db?.dispose();
  project = undefined;
  db = undefined;
});

const ok = (r: { code: number; stdout: string; stderr: string }, what: string) => assert.equal(r.code, 0, `${what}: ${r.stderr}${r.stdout}`);

for (const name of ['sqlite', 'postgres', 'mysql'] as const) {
  const harness = HARNESSES.find((h) => h.name === name)!;
  describe(`@Check on ${name}`, async () => {
    const unreachable = await harness.unreachable();
    test('generate, up, check --url clean; a new check is prechecked, applied once rows are fixed, and rolled back', { skip: unreachable }, async () => {
      db = await harness.create();
      project = await createProject(db.url);
      await project.write('models/product.ts', product("@Check('price_positive', 'price > 0')"));
      ok(await project.run(['migrate:generate', '-m', 'products']), 'generate');
      ok(await project.run(['migrate:up']), 'up');
      ok(await project.run(['migrate:check', '--url', db.url]), 'check --url');
      await db.insert('products', [{ id: 1, price: '10.00', discount: '12.00' }, { id: 2, price: '5.00', discount: null }]);
      await assert.rejects(db.insert('products', [{ id: 3, price: '0.00', discount: null }]));

      await project.write('models/product.ts', product("@Check('price_positive', 'price > 0')\n@Check('discount_below_price', 'discount IS NULL OR discount < price')"));
      ok(await project.run(['migrate:generate', '-m', 'discount below price']), 'generate the new check');
      const second = await project.read(`migrations/${(await project.migrations())[1]!}`);
      assert.match(second, /await db\.addCheck\('products', \{ name: 'discount_below_price', expression: 'discount IS NULL OR discount < price' \}\);/);
      assert.match(second, /await db\.dropCheck\('products', 'discount_below_price'\);/);
      const refused = await project.run(['migrate:up']);
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /TM_PRECHECK_FAILED/);
      assert.match(refused.stderr, /discount_below_price/);
      ok(await project.run(['migrate:check', '--url', db.url]), 'check --url after the refusal (nothing changed)');
      await db.connection.applier.execute('UPDATE products SET discount = NULL WHERE discount >= price');
      ok(await project.run(['migrate:up']), 'up once the rows are fixed');
      ok(await project.run(['migrate:check', '--url', db.url]), 'check --url with both checks');
      await assert.rejects(db.insert('products', [{ id: 3, price: '5.00', discount: '7.00' }]));
      ok(await project.run(['migrate:down', '--steps', '1']), 'down');
      ok(await project.run(['migrate:check', '--url', db.url]), 'check --url after down');
      await db.insert('products', [{ id: 3, price: '5.00', discount: '7.00' }]);
      assert.equal(await db.count('products'), 3);
    });
  });
}

describe('@Check where the target has no CHECK constraints', () => {
  for (const url of ['dynamodb://localhost:1', 'mongodb://localhost:1/app']) {
    test(`${url.split(':')[0]} refuses it at generate, naming the model's file and line`, async () => {
      project = await createProject(url);
      await project.write('models/product.ts', product("@Check('price_positive', 'price > 0')"));
      const r = await project.run(['migrate:generate', '-m', 'products']);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /models\/product\.ts:4 \(Product\): \w+ cannot enforce the check price_positive on products \(price > 0\): \w+ has no CHECK constraints/);
      assert.deepStrictEqual(await project.migrations(), []);
    });
  }
});
