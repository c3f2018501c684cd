import { Project, ScriptTarget } from 'ts-morph';

/**
 * `createReaderProject` makes the one ts-morph project a read uses: syntax only. No tsconfig, no
 * lib files, no dependency resolution and no type checker, so parsing a model costs only the parse;
 * the reader follows relative imports itself, and only when a type needs it.
 * @internal
 */
export function createReaderProject(): Project {
  return new Project({
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
    compilerOptions: { target: ScriptTarget.ES2022, experimentalDecorators: true, noLib: true, types: [] },
  });
}
