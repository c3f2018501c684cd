import { readFileSync } from 'node:fs';

/**
 * `FileTexts` reads each file once per run. The cache hashes the same text the reader parses, so
 * a file saved between the two can never be stored under the other version's hash.
 * @internal
 */
export class FileTexts {
  readonly #texts = new Map<string, string | null>();

  /** `read` is the file's text, or `null` when there is no file at `path` (or it is a folder). */
  read(path: string): string | null {
    let text = this.#texts.get(path);
    if (text === undefined) {
      try {
        text = readFileSync(path, 'utf8');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') throw err;
        text = null;
      }
      this.#texts.set(path, text);
    }
    return text;
  }
}
