/*
 * Test helper: compiles model source with TypeScript itself and imports it. tsx (esbuild) runs
 * the test files with TC39 decorators and never emits `design:type`, so the legacy path with
 * emitDecoratorMetadata can only be exercised through the real compiler.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

/** `CompileMode` picks the decorator flavour: legacy (experimentalDecorators), with or without metadata, or TC39. */
export type CompileMode = 'legacy+metadata' | 'legacy' | 'tc39';

/** `compileModels` turns model source into an ES module that imports @tidemark/decorators from this workspace. */
export function compileModels(source: string, mode: CompileMode): string {
  const { outputText, diagnostics } = ts.transpileModule(source, {
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      strict: true,
      experimentalDecorators: mode !== 'tc39',
      emitDecoratorMetadata: mode === 'legacy+metadata',
      useDefineForClassFields: true,
    },
  });
  if (diagnostics?.length) throw new Error(ts.formatDiagnostics(diagnostics, ts.createCompilerHost({})));
  // The same module instance the test imports, so both see the same classes and metadata.
  return outputText.replaceAll(`'@tidemark/decorators'`, `'${import.meta.resolve('@tidemark/decorators')}'`);
}

/**
 * `loadModels` compiles `source` (or the file at `path`) and imports the result from a fresh
 * temp file named `file`, so errors that name the calling file can be checked.
 */
export async function loadModels(
  input: { source: string } | { path: string }, mode: CompileMode, file = 'models.mjs',
): Promise<{ module: Record<string, unknown>; file: string }> {
  const source = 'source' in input ? input.source : readFileSync(input.path, 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'tidemark-models-'));
  const path = join(dir, file);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, compileModels(source, mode));
  return { module: (await import(pathToFileURL(path).href)) as Record<string, unknown>, file: path };
}

/** `classesOf` lists the exported classes of a loaded module, in export order. */
export function classesOf(module: Record<string, unknown>): Function[] {
  return Object.values(module).filter((v): v is Function => typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v)));
}
