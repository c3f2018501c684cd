// readMigrationFiles (README: Files, How a run works): id order, bad names are errors, .d.ts and non-.ts files
// are ignored, a missing folder has no migrations, checksums ignore line endings.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { fakeHash, sha256, tempDir, type TempDir } from '../__fixtures__/harness.js';
import { readMigrationFiles } from './migration-file.js';

let tmp: TempDir;
beforeEach(async () => { tmp = await tempDir(); });
afterEach(async () => { await tmp.cleanup(); });

describe('readMigrationFiles', () => {
  test('lists .ts migrations in id order whatever order they were written in', async () => {
    for (const id of ['20250301_000000_c', '20250101_120000_a', '20250101_120000_a_more', '20241231_235959_z', '20250101_090000_b']) {
      await tmp.write({ id });
    }
    const files = await readMigrationFiles(tmp.dir);
    assert.deepEqual(files.map((f) => f.id), [
      '20241231_235959_z', '20250101_090000_b', '20250101_120000_a', '20250101_120000_a_more', '20250301_000000_c',
    ]);
    assert.equal(files[0]!.path, join(tmp.dir, '20241231_235959_z.ts'));
  });

  test('records the text, a line-ending-independent sha256 and a generated header', async () => {
    const header = { from: fakeHash('x'), to: fakeHash('y') };
    const text = await tmp.write({ id: '20250101_000000_init', header });
    await tmp.writeRaw('20250102_000000_crlf.ts', text.replace(/\n/g, '\r\n').replace('20250101_000000_init', '20250102_000000_crlf'));
    const [init, crlf] = await readMigrationFiles(tmp.dir);
    assert.equal(init!.text, text);
    assert.equal(init!.checksum, sha256(text));
    assert.deepEqual(init!.header, header);
    assert.equal(crlf!.checksum, sha256(text.replace('20250101_000000_init', '20250102_000000_crlf')));
    assert.deepEqual(crlf!.header, header, 'a CRLF header still parses');
  });

  test('a hand-written file without a header has none', async () => {
    await tmp.write({ id: '20250101_000000_hand' });
    const [file] = await readMigrationFiles(tmp.dir);
    assert.equal(file!.header, undefined);
  });

  test('a .ts file not named like a migration id is TM_MIGRATION_INVALID naming it', async () => {
    await tmp.write({ id: '20250101_000000_ok' });
    await tmp.writeRaw('helpers.ts', 'export const x = 1;\n');
    await assert.rejects(readMigrationFiles(tmp.dir), (err: unknown) => {
      assert.ok(isTidemarkError(err, 'TM_MIGRATION_INVALID'), String(err));
      assert.match(err.message, /helpers\.ts/);
      assert.equal(err.details.file, join(tmp.dir, 'helpers.ts'));
      return true;
    });
  });

  test('upper-case or short timestamps are not migration ids', async () => {
    for (const name of ['20250101_000000_Add_Users.ts', '2025011_000000_x.ts', '20250101_000000_.ts']) {
      const t = await tempDir();
      try {
        await t.writeRaw(name, 'export {};\n');
        await assert.rejects(readMigrationFiles(t.dir), { code: 'TM_MIGRATION_INVALID' }, name);
      } finally {
        await t.cleanup();
      }
    }
  });

  test('.d.ts files, .schema.json and other non-.ts files are ignored', async () => {
    await tmp.write({ id: '20250101_000000_ok' });
    await tmp.writeRaw('20250101_000000_ok.d.ts', 'export {};\n');
    await tmp.writeRaw('types.d.ts', 'export {};\n');
    await tmp.writeRaw('.schema.json', '{}\n');
    await tmp.writeRaw('README.md', '# notes\n');
    await tmp.writeRaw('20250101_000000_ok.ts.bak', 'x');
    const files = await readMigrationFiles(tmp.dir);
    assert.deepEqual(files.map((f) => f.id), ['20250101_000000_ok']);
  });

  test('a migrations path that is a file is TM_MIGRATION_INVALID naming it, not a raw fs error', async () => {
    await tmp.writeRaw('notes.txt', 'x');
    await assert.rejects(readMigrationFiles(join(tmp.dir, 'notes.txt')), (err: unknown) => {
      assert.ok(isTidemarkError(err, 'TM_MIGRATION_INVALID'), String(err));
      assert.match(err.message, /notes\.txt/);
      return true;
    });
  });

  test('a missing folder has no migrations; an empty one neither', async () => {
    assert.deepEqual(await readMigrationFiles(join(tmp.dir, 'does-not-exist')), []);
    assert.deepEqual(await readMigrationFiles(tmp.dir), []);
  });
});
