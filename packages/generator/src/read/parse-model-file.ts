import { readFileSync } from 'node:fs';
import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';

/**
 * `parseModelFile` parses one file, syntax only, with the TypeScript compiler that ts-morph
 * ships: no program, no lib files, no type checker. ts-morph's Project would wrap every file in
 * bookkeeping the reader never uses (it walks compiler nodes directly), which cost a quarter of
 * the read on 1,000 models. Parent pointers are set: error locations need `getSourceFile()`.
 * @internal
 */
export function parseModelFile(path: string): ts.SourceFile {
  return tsc.createSourceFile(path, readFileSync(path, 'utf8'), tsc.ScriptTarget.ES2022, true, tsc.ScriptKind.TS);
}
