/* Test helpers: write model sources to a temp dir and read them with the static reader. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isTidemarkError, type ModelDescription, type PropertyDescription } from '@tidemark/core';
import { readModelFiles } from '../read-model-files.js';

/** `HEADER` imports every decorator and brand, as a model file would. */
export const HEADER =
  "import { Model, Key, Auto, Column, Unique, Index, Default, BelongsTo, HasMany, HasOne, Ignore } from '@tidemark/decorators';\n" +
  "import type { Float, Decimal, Uuid, Text, Json, Relation } from '@tidemark/decorators';\n";

const dirs: string[] = [];
process.on('exit', () => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** `writeSources` writes `files` (path → source) under a fresh temp dir and returns the dir. */
export function writeSources(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tidemark-read-'));
  dirs.push(dir);
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  return dir;
}

/** `readSources` writes `files` and reads the `listed` ones (default: all) with the temp dir as cwd. */
export function readSources(files: Readonly<Record<string, string>>, listed = Object.keys(files)): ModelDescription[] {
  const cwd = writeSources(files);
  return readModelFiles(listed, { cwd });
}

/**
 * `readProperty` reads `declaration` as the second property of a one-model file (after
 * `@Key() id!: number`), with `before` inserted above the class and `files` beside it.
 */
export function readProperty(declaration: string, before = '', files: Readonly<Record<string, string>> = {}): PropertyDescription {
  const source = `${HEADER}${before}\n@Model()\nexport class Subject {\n  @Key() id!: number;\n  ${declaration}\n}\n`;
  const model = readSources({ 'subject.ts': source, ...files }, ['subject.ts']).find((m) => m.className === 'Subject');
  return model!.properties[1]!;
}

/** `lineOf` is the 1-based line of the first occurrence of `needle` in `source`. */
export function lineOf(source: string, needle: string): number {
  const at = source.indexOf(needle);
  assert.ok(at >= 0, `${needle} not found`);
  return source.slice(0, at).split('\n').length;
}

/** `assertModelError` asserts that `run` throws TM_MODEL_INVALID whose message starts with `where` and matches `problem`. */
export function assertModelError(run: () => unknown, where: string, problem: RegExp): void {
  assert.throws(run, (err: unknown) => {
    assert.ok(isTidemarkError(err, 'TM_MODEL_INVALID'), `expected TM_MODEL_INVALID, got ${String(err)}`);
    assert.ok(err.message.startsWith(`${where}: `), `expected "${where}: ..." in: ${err.message}`);
    assert.match(err.message, problem);
    assert.ok(err.hint.length > 0, 'an error needs a hint');
    return true;
  });
}
