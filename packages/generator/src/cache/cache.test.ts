// The generate caches (README: Measured): a warm run gives byte-identical output to a cold one,
// reads again exactly the files whose text or dependencies changed (an imported enum, a base
// class, a name found among the model files' exports), ignores a corrupt or other-version cache,
// and survives concurrent runs. Nothing here is timed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, it, vi } from 'vitest';
import { isTidemarkError, serializeSnapshot } from '@tidemark/core';
import { HEADER, writeSources } from '../read/__fixtures__/read-sources.js';
import { generate, readModels } from '../generate/generate.js';
import { ModelCache } from './model-cache.js';

const FILES = {
  'node_modules/.keep': '',
  'models/role.ts': "export enum Role { Admin = 'admin', Member = 'member' }\n",
  'models/base.ts': "import { Key, Auto } from '@tidemark/decorators';\nexport abstract class Base {\n  @Key() @Auto() id!: number;\n  createdAt!: Date;\n}\n",
  'models/user.ts': `${HEADER}import { Role } from './role.js';\n@Model() export class User {\n  @Key() @Auto() id!: number;\n  role!: Role;\n  status!: Status;\n}\n`,
  'models/post.ts': `${HEADER}import { Base } from './base.js';\n@Model() export class Post extends Base {\n  title!: string;\n}\n`,
  'models/status.ts': "export type Status = 'open' | 'closed';\n",
  'models/tag.ts': `${HEADER}@Model() export class Tag {\n  @Key() @Auto() id!: number;\n  label!: string;\n}\n`,
};
const GLOBS = ['models/*.ts'];
const NOW = new Date('2025-01-17T12:00:00Z');

let dir: string;
let cacheDir: string;
beforeEach(() => {
  dir = writeSources(FILES);
  // Generated migrations import @tidemark/cli/migration: the workspace's packages, as an install would have them.
  symlinkSync(fileURLToPath(new URL('../../../../node_modules/@tidemark', import.meta.url)), join(dir, 'node_modules', '@tidemark'));
  cacheDir = join(dir, 'node_modules', '.cache', 'tidemark');
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.TIDEMARK_NO_CACHE;
});

/** Reads the models with the cache; returns the snapshot's text and which files were parsed (stored). */
async function read(): Promise<{ snapshot: string; parsed: string[] }> {
  const store = vi.spyOn(ModelCache.prototype, 'store');
  try {
    const built = await readModels(dir, GLOBS, cacheDir);
    return { snapshot: serializeSnapshot(built.snapshot), parsed: store.mock.calls.map((c) => (c[0] as string).slice(dir.length + 1)).sort() };
  } finally {
    store.mockRestore();
  }
}
const cold = async () => serializeSnapshot((await readModels(dir, GLOBS, null)).snapshot);
const edit = (path: string, from: string, to: string) => {
  const file = join(dir, path);
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${from} in ${path}`);
  writeFileSync(file, text.replace(from, to));
};

describe('the model cache', () => {
  it('reads every file once, then none, and gives the cold read byte for byte', async () => {
    const first = await read();
    assert.deepEqual(first.parsed, ['models/base.ts', 'models/post.ts', 'models/role.ts', 'models/status.ts', 'models/tag.ts', 'models/user.ts']);
    const warm = await read();
    assert.deepEqual(warm.parsed, []);
    assert.equal(warm.snapshot, first.snapshot);
    assert.equal(warm.snapshot, await cold());
  });

  it('re-reads only the files that use an edited enum or base class, or an edited file itself', async () => {
    await read();
    edit('models/role.ts', "Member = 'member'", "Member = 'member', Guest = 'guest'");
    const afterEnum = await read();
    assert.deepEqual(afterEnum.parsed, ['models/role.ts', 'models/user.ts']);
    assert.match(afterEnum.snapshot, /"guest"/);
    assert.equal(afterEnum.snapshot, await cold());

    edit('models/base.ts', 'createdAt!: Date;', 'createdAt!: Date;\n  updatedAt?: Date;');
    const afterBase = await read();
    assert.deepEqual(afterBase.parsed, ['models/base.ts', 'models/post.ts']);
    assert.match(afterBase.snapshot, /"updated_at"/);
    assert.equal(afterBase.snapshot, await cold());

    edit('models/tag.ts', 'label!: string;', 'label!: string;\n  color?: string;');
    assert.deepEqual((await read()).parsed, ['models/tag.ts']);
  });

  it('sees a change to a type found among the model files exports (no import), and to a missing import', async () => {
    await read();
    // user.ts names Status without importing it: it is found as the one model file exporting it.
    edit('models/status.ts', "'open' | 'closed'", "'open' | 'closed' | 'archived'");
    const after = await read();
    assert.deepEqual(after.parsed, ['models/status.ts', 'models/user.ts']);
    assert.match(after.snapshot, /"archived"/);
    // A second file exporting Status makes the name ambiguous: user.ts must be read again and fail.
    writeFileSync(join(dir, 'models/status2.ts'), "export type Status = 'x';\n");
    await assert.rejects(read(), (e: unknown) => isTidemarkError(e, 'TM_MODEL_INVALID') && /Status/.test(e.message));
    rmSync(join(dir, 'models/status2.ts'));
    // An import that did not resolve is remembered as missing: creating the file is seen.
    edit('models/tag.ts', HEADER, `${HEADER}import type { Shade } from '../shared/shade.js';\n`);
    edit('models/tag.ts', 'label!: string;', 'label!: string;\n  shade!: Shade;');
    await assert.rejects(read(), (e: unknown) => isTidemarkError(e, 'TM_MODEL_INVALID') && /Shade/.test(e.message));
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared', 'shade.ts'), "export type Shade = 'light' | 'dark';\n");
    assert.match((await read()).snapshot, /"dark"/);
  });

  it('ignores a corrupt cache file and one written by another Tidemark version', async () => {
    await read();
    const file = join(cacheDir, 'model-descriptions.json');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.slice(0, good.length / 2));
    const afterCorrupt = await read();
    assert.equal(afterCorrupt.parsed.length, 6);
    assert.equal(afterCorrupt.snapshot, await cold());
    // Another version's entries, forged to describe a table that does not exist, are never used.
    const forged = JSON.parse(readFileSync(file, 'utf8')) as { version: string; body: Record<string, { models: { table?: string }[] }> };
    for (const entry of Object.values(forged.body)) for (const m of entry.models) m.table = 'forged';
    writeFileSync(file, JSON.stringify({ ...forged, version: '0.0.0-other' }));
    const afterOther = await read();
    assert.equal(afterOther.parsed.length, 6);
    assert.doesNotMatch(afterOther.snapshot, /forged/);
  });

  it('gives generate the same migration and snapshot warm as cold, and still finds an edited migration', async () => {
    const options = { cwd: dir, models: GLOBS, migrations: 'migrations', message: 'init', now: NOW };
    process.env.TIDEMARK_NO_CACHE = '1';
    const coldRun = await generate({ ...options, dryRun: true });
    delete process.env.TIDEMARK_NO_CACHE;
    await generate({ ...options, dryRun: true });
    const warmRun = await generate({ ...options, dryRun: true });
    assert.equal(warmRun.text, coldRun.text);
    assert.equal(serializeSnapshot(warmRun.snapshot), serializeSnapshot(coldRun.snapshot));
    const written = await generate(options);
    assert.equal(written.status, 'written');
    assert.equal((await generate({ ...options, message: 'again' })).status, 'no-changes');
    // The replay is cached under the files' checksums: an edited migration is replayed and found.
    const migration = join(dir, written.file!);
    const text = readFileSync(migration, 'utf8');
    assert.match(text, /\n {2}},\n {2}async down\(db\) \{/);
    writeFileSync(migration, text.replace(/\n {2}},\n {2}async down\(db\) \{/, "\n    await db.dropTable('tags');\n  },\n  async down(db) {"));
    await assert.rejects(generate({ ...options, message: 'again' }), (e: unknown) => isTidemarkError(e, 'TM_SNAPSHOT_DRIFT'));
  });

  it('stays valid when two processes generate at once', async () => {
    const generator = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
    const script = `const { readModels } = await import(${JSON.stringify(generator)});
      const { serializeSnapshot } = await import('@tidemark/core');
      for (let i = 0; i < 5; i++) process.stdout.write(serializeSnapshot((await readModels(process.argv[1], ['models/*.ts'])).snapshot).length + '\\n');`;
    const run = () => new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, dir], { cwd: fileURLToPath(new URL('.', import.meta.url)) });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('close', (code) => (code === 0 ? done(out) : fail(new Error(err))));
    });
    const expected = (await cold()).length;
    // Each edit between rounds makes both processes write the cache while the other reads it.
    for (const round of [1, 2, 3]) {
      edit('models/tag.ts', 'label!: string;', `label!: string;\n  extra${round}?: string;`);
      const outputs = await Promise.all([run(), run()]);
      const lengths = new Set(outputs.flatMap((o) => o.trim().split('\n')).map(Number));
      assert.deepEqual([...lengths], [(await cold()).length]);
    }
    assert.ok(expected > 0);
    JSON.parse(readFileSync(join(cacheDir, 'model-descriptions.json'), 'utf8'));
    assert.deepEqual((await read()).parsed, []);
  });
});
