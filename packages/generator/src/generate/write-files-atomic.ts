import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { ioError } from '@tidemark/core';

/** `FileToWrite` is one file of a write that must land whole or not at all. */
export interface FileToWrite {
  readonly path: string;
  readonly text: string;
}

/**
 * `writeFilesAtomic` writes several files as one: every text goes to a temporary file beside its
 * target first (where a full disk or a read-only folder shows up while nothing is in place yet),
 * then each is renamed into place in the order given. If a rename fails, the files this call
 * created are removed again, so the project is as it was. Callers put a file that replaces an
 * existing one last (`.schema.json` after the new migration): its rename is the final step, and a
 * rename replaces atomically or not at all. Without this, a migration written next to a
 * snapshot that could not be written is an orphan the next `up` applies.
 * A failure is TM_IO naming the file (relative to `cwd`) and saying nothing was written.
 */
export async function writeFilesAtomic(cwd: string, files: readonly FileToWrite[]): Promise<void> {
  const shown = (path: string) => relative(cwd, path) || path;
  const fail = (action: 'write' | 'create', path: string, err: unknown) => ioError(action, shown(path), err, '; nothing was written');
  const staged: { tmp: string; path: string }[] = [];
  const created: string[] = [];
  try {
    for (const f of files) {
      const folder = dirname(f.path);
      await mkdir(folder, { recursive: true }).catch((err: unknown) => { throw fail('create', folder, err); });
      const tmp = `${f.path}.tmp-${process.pid}-${Date.now()}`;
      await writeFile(tmp, f.text, { encoding: 'utf8', flag: 'wx' }).catch((err: unknown) => { throw fail('write', f.path, err); });
      staged.push({ tmp, path: f.path });
    }
    for (const s of staged) {
      const existed = await fileExists(s.path);
      await rename(s.tmp, s.path).catch((err: unknown) => { throw fail('write', s.path, err); });
      if (!existed) created.push(s.path);
    }
  } catch (err) {
    await Promise.all([...staged.map((s) => rm(s.tmp, { force: true })), ...created.map((p) => rm(p, { force: true }))]);
    throw err;
  }
}

async function fileExists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
