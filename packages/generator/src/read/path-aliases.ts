import { dirname } from 'node:path';
import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';

// Only the compiler options are wanted: a host that lists no files keeps TypeScript from
// expanding the project's `include` globs, which would walk the whole source tree.
const CONFIG_HOST: ts.ParseConfigHost = {
  useCaseSensitiveFileNames: tsc.sys.useCaseSensitiveFileNames,
  readDirectory: () => [],
  fileExists: (path) => tsc.sys.fileExists(path),
  readFile: (path) => tsc.sys.readFile(path),
};

/**
 * `PathAliases` resolves a non-relative import (`@/types/visibility.js`) through the `paths` and
 * `baseUrl` of the tsconfig.json nearest the importing file, `extends` included, exactly as
 * TypeScript resolves it (README: Models). Imports that resolve into `node_modules`, or with no
 * tsconfig aliases at all, are not followed, as before. Each tsconfig is read once.
 * @internal
 */
export class PathAliases {
  readonly #optionsByConfig = new Map<string, ts.CompilerOptions | undefined>();
  readonly #configByDir = new Map<string, string | undefined>();

  /** `resolve` returns the file `specifier` names from `fromFile`, or `undefined`. */
  resolve(fromFile: string, specifier: string): string | undefined {
    const options = this.#options(dirname(fromFile));
    if (!options || (!options.paths && options.baseUrl === undefined)) return undefined;
    const resolved = tsc.resolveModuleName(specifier, fromFile, options, tsc.sys).resolvedModule;
    return resolved && !resolved.isExternalLibraryImport ? resolved.resolvedFileName : undefined;
  }

  #options(dir: string): ts.CompilerOptions | undefined {
    if (!this.#configByDir.has(dir)) this.#configByDir.set(dir, tsc.findConfigFile(dir, tsc.sys.fileExists));
    const config = this.#configByDir.get(dir);
    if (!config) return undefined;
    if (!this.#optionsByConfig.has(config)) {
      const { config: json, error } = tsc.readConfigFile(config, tsc.sys.readFile);
      // An unreadable tsconfig leaves aliases unresolved; the type then fails with the usual error.
      this.#optionsByConfig.set(config, error ? undefined : tsc.parseJsonConfigFileContent(json, CONFIG_HOST, dirname(config), undefined, config).options);
    }
    return this.#optionsByConfig.get(config);
  }
}
