import { readFile } from 'node:fs/promises';
import { emptySnapshot, ioError, parseSnapshot, snapshotInvalid, type SchemaSnapshot } from '@tidemark/core';

/** `SCHEMA_FILE` is the snapshot's file name inside the migrations folder. */
export const SCHEMA_FILE = '.schema.json';

/**
 * `readSchemaFile` reads and validates `migrations/.schema.json`. With no file and no
 * migrations the schema is empty; a missing file beside existing migrations is an error,
 * never a silent reset.
 */
export async function readSchemaFile(path: string, hasMigrations: boolean): Promise<SchemaSnapshot> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    // a folder in its place is bad project content; no permission is the file system's: either
    // way the error names the file, not "a bug in Tidemark"
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw snapshotInvalid(path, 'is a folder, not a file');
    if (code !== 'ENOENT') throw ioError('read', path, err);
    if (!hasMigrations) return emptySnapshot();
    throw snapshotInvalid(path, 'is missing, but the folder holds migrations',
      `restore ${path} from version control, or rebuild it from the migration files with \`tidemark migrate:snapshot --rebuild\`; Tidemark never resets it on its own`);
  }
  return parseSnapshot(text, path);
}
