// A project whose `.schema.json` was written at snapshot format version 1: it still reads, it is
// left as it is while nothing changes, and it is written back as version 2 with the next migration.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, test } from 'vitest';
import { hashSnapshot, parseSnapshot } from '@tidemark/core';
import { generate } from './generate.js';

const V1 = `${JSON.stringify({
  format: 'tidemark.snapshot', version: 1,
  tables: [{ name: 'users', model: 'User', columns: [{ name: 'id', type: 'i32', nullable: false, autoIncrement: true }, { name: 'tags', type: 'json', nullable: false }], primaryKey: ['id'], indexes: [], foreignKeys: [] }],
}, null, 2)}\n`;
const model = (extra: string) => `import { Model, Key, Auto } from '@tidemark/decorators';
import type { Json } from '@tidemark/decorators';
@Model() export class User {
  @Key() @Auto() id!: number;
  tags!: Json<string[]>;
${extra}}
`;

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a version-1 .schema.json reads, stays untouched without changes, and is written as version 2 with the next migration', async () => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-upgrade-'));
  mkdirSync(join(dir, 'migrations'));
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'migrations', '.schema.json'), V1);
  writeFileSync(join(dir, 'models', 'user.ts'), model(''));
  const options = { cwd: dir, models: ['models/**/*.ts'], migrations: 'migrations', now: new Date('2026-01-02T03:04:05Z') };

  assert.equal((await generate({ ...options, message: 'nothing' })).status, 'no-changes');
  assert.equal(readFileSync(join(dir, 'migrations', '.schema.json'), 'utf8'), V1);

  writeFileSync(join(dir, 'models', 'user.ts'), model('  name?: string | null;\n'));
  const result = await generate({ ...options, message: 'add name' });
  assert.equal(result.status, 'written');
  const written = readFileSync(join(dir, 'migrations', '.schema.json'), 'utf8');
  assert.match(written, /"version": 2,/);
  // the migration starts from the version-1 file's schema, by the same hash it always had
  assert.ok(result.text!.includes(await hashSnapshot(parseSnapshot(V1))));
});
