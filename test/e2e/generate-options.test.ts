// migrate:generate's index options and its check against the target backend: an index marked
// `concurrently` gives a migration that runs outside a transaction; a URL naming a backend makes
// generate refuse, with what to do instead, what that backend cannot carry out.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { createProject, type TempProject } from '../support/project.js';

const HEADER = "import { Model, Key, Auto, Column, Unique, Index } from '@tidemark/decorators';\nimport type { Uuid } from '@tidemark/decorators';\n";
const model = (body: string) => `${HEADER}@Model()\nexport class Item {\n${body}\n}\n`;

let project: TempProject;
afterEach(async () => { await project.cleanup(); });

describe('an index built CONCURRENTLY', () => {
  beforeEach(async () => { project = await createProject(); });

  test('is written with { concurrently: true } in a migration that says transaction: false, and applies', async () => {
    await project.write('models/item.ts', model('  @Key() @Auto() id!: number;\n  name!: string;'));
    assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
    const [first] = await project.migrations();
    assert.doesNotMatch(await project.read(`migrations/${first}`), /transaction: false/);
    await project.write('models/item.ts', model('  @Key() @Auto() id!: number;\n  @Index({ concurrently: true }) name!: string;'));
    const r = await project.run(['migrate:generate', '-m', 'index names']);
    assert.equal(r.code, 0, r.stderr);
    const second = (await project.migrations())[1]!;
    const text = await project.read(`migrations/${second}`);
    assert.match(text, /\n {2}transaction: false,\n/);
    assert.match(text, /await db\.createIndex\('items', \{ name: 'idx_items_name', columns: \['name'\], unique: false \}, \{ concurrently: true \}\);/);
    assert.match(text, /CONCURRENTLY \(PostgreSQL\), which cannot run in a transaction/);
    const up = await project.run(['migrate:up']);
    assert.equal(up.code, 0, up.stderr);
  });
});

describe('generate against a DynamoDB target', () => {
  beforeEach(async () => { project = await createProject('dynamodb://localhost:1'); });

  test('refuses an @Auto key, naming the column, and --no-target-check writes it anyway', async () => {
    await project.write('models/item.ts', model('  @Key() @Auto() id!: number;'));
    const r = await project.run(['migrate:generate', '-m', 'init']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /TM_UNSUPPORTED_OPERATION/);
    assert.match(r.stderr, /auto-increment column items\.id/);
    assert.deepStrictEqual(await project.migrations(), []);
    assert.equal((await project.run(['migrate:generate', '-m', 'init', '--no-target-check'])).code, 0);
  });

  test('refuses a unique index DynamoDB cannot enforce, and accepts one the application enforces', async () => {
    await project.write('models/item.ts', model('  @Key() id!: Uuid;\n  @Unique() email!: string;'));
    const refused = await project.run(['migrate:generate', '-m', 'init']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /unique index on items/);
    assert.match(refused.stderr, /enforced: 'application'/);
    await project.write('models/item.ts', model("  @Key() id!: Uuid;\n  @Unique({ enforced: 'application' }) email!: string;"));
    const r = await project.run(['migrate:generate', '-m', 'init']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(await project.read(`migrations/${(await project.migrations())[0]}`), /applicationEnforced: true/);
  });

  test('refuses a key change and explains the copy it would need', async () => {
    await project.write('models/item.ts', model('  @Key() id!: Uuid;\n  sku!: string;'));
    assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
    await project.write('models/item.ts', model('  @Key() id!: Uuid;\n  @Key() sku!: string;'));
    const r = await project.run(['migrate:generate', '-m', 'rekey']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /change the key of items to \(id, sku\) in place/);
    assert.match(r.stderr, /copy every item/);
    assert.equal((await project.migrations()).length, 1);
  });
});

describe('--empty', () => {
  beforeEach(async () => { project = await createProject(); });

  test('as the first migration it writes .schema.json too, so the next generate and up go on', async () => {
    await project.write('models/item.ts', model('  @Key() @Auto() id!: number;'));
    assert.equal((await project.run(['migrate:generate', '--empty', '-m', 'extensions first'])).code, 0);
    assert.match(await project.read('migrations/.schema.json'), /"tables": \[\]/);
    const next = await project.run(['migrate:generate', '-m', 'items']);
    assert.equal(next.code, 0, next.stderr);
    assert.equal((await project.migrations()).length, 2);
    assert.equal((await project.run(['migrate:up'])).code, 0);
  });
});
