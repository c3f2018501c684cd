import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { writeFilesAtomic } from './write-files-atomic.js';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'tm-write-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe('writeFilesAtomic: every file or none', () => {
  it('writes all files, replacing an existing one', async () => {
    await writeFile(join(dir, 'b.json'), 'old');
    await writeFilesAtomic(dir, [{ path: join(dir, 'a.ts'), text: 'A' }, { path: join(dir, 'b.json'), text: 'B' }]);
    assert.deepEqual((await readdir(dir)).sort(), ['a.ts', 'b.json']);
    assert.equal(await readFile(join(dir, 'b.json'), 'utf8'), 'B');
  });

  it('when the last rename fails, removes the file it already put in place and every temporary file', async () => {
    // A non-empty folder where the snapshot belongs: the rename onto it fails (root ignores permissions, this does not).
    await mkdir(join(dir, 'b.json'));
    await writeFile(join(dir, 'b.json', 'keep'), 'x');
    await assert.rejects(
      writeFilesAtomic(dir, [{ path: join(dir, 'a.ts'), text: 'A' }, { path: join(dir, 'b.json'), text: 'B' }]),
      (err: unknown) => isTidemarkError(err, 'TM_IO') && /cannot write b\.json \(E[A-Z]+\); nothing was written/.test(err.message),
    );
    assert.deepEqual(await readdir(dir), ['b.json']);
    assert.deepEqual(await readdir(join(dir, 'b.json')), ['keep']);
  });

  it('when the folder cannot be created (a file in its place), writes nothing and names it', async () => {
    await writeFile(join(dir, 'migrations'), 'not a folder');
    await assert.rejects(
      writeFilesAtomic(dir, [{ path: join(dir, 'migrations', 'a.ts'), text: 'A' }]),
      (err: unknown) => isTidemarkError(err, 'TM_IO') && err.exitCode === 1 && /cannot create migrations \((EEXIST|ENOTDIR)\)/.test(err.message),
    );
    assert.deepEqual(await readdir(dir), ['migrations']);
  });
});
