import { globSync } from 'tinyglobby';

/**
 * `findModelFiles` lists the TypeScript files matching `globs` under `cwd` as absolute paths,
 * sorted so every run reads models in the same order. Declaration files and `node_modules` are
 * skipped.
 * @example `findModelFiles(process.cwd(), ['src/models/**\/*.ts'])`
 */
export function findModelFiles(cwd: string, globs: readonly string[]): string[] {
  return globSync([...globs], { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts'] })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
