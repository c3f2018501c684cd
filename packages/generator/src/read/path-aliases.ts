import { dirname } from 'node:path';
import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';
import { ProbeRecorder, type Probes } from './dependency-log.js';

/** A config file's compiler options and the files reading it looked at (it, its `extends`). */
interface ConfigOptions {
  readonly options: ts.CompilerOptions | undefined;
  readonly probes: Probes;
}

/**
 * `PathAliases` resolves a non-relative import (`@/types/visibility.js`) through the `paths` and
 * `baseUrl` of the tsconfig.json nearest the importing file, `extends` included, exactly as
 * TypeScript resolves it (README: Models). Imports that resolve into `node_modules`, or with no
 * tsconfig aliases at all, are not followed, as before. Each tsconfig is read once. Every file it
 * looks at (tsconfig files, module candidates) goes to `probes`, so a cached description that
 * used an alias is invalidated when the tsconfig or the target changes.
 * @internal
 */
export class PathAliases {
  readonly #optionsByConfig = new Map<string, ConfigOptions>();
  readonly #configByDir = new Map<string, { config: string | undefined; probes: Probes }>();

  /** `resolve` returns the file `specifier` names from `fromFile`, or `undefined`. */
  resolve(fromFile: string, specifier: string, probes: ProbeRecorder): string | undefined {
    const options = this.#options(dirname(fromFile), probes);
    if (!options || (!options.paths && options.baseUrl === undefined)) return undefined;
    const host: ts.ModuleResolutionHost = {
      fileExists: (path) => {
        const exists = tsc.sys.fileExists(path);
        probes.record(path, exists);
        return exists;
      },
      readFile: (path) => tsc.sys.readFile(path),
      directoryExists: (path) => tsc.sys.directoryExists(path),
      realpath: tsc.sys.realpath ? (path: string) => tsc.sys.realpath!(path) : undefined,
    };
    const resolved = tsc.resolveModuleName(specifier, fromFile, options, host).resolvedModule;
    return resolved && !resolved.isExternalLibraryImport ? resolved.resolvedFileName : undefined;
  }

  #options(dir: string, probes: ProbeRecorder): ts.CompilerOptions | undefined {
    let found = this.#configByDir.get(dir);
    if (!found) {
      const recorder = new ProbeRecorder();
      const config = tsc.findConfigFile(dir, (path) => {
        const exists = tsc.sys.fileExists(path);
        recorder.record(path, exists);
        return exists;
      });
      this.#configByDir.set(dir, (found = { config, probes: recorder }));
    }
    replay(probes, found.probes);
    if (!found.config) return undefined;
    let parsed = this.#optionsByConfig.get(found.config);
    if (!parsed) parsed = this.#parse(found.config);
    replay(probes, parsed.probes);
    return parsed.options;
  }

  #parse(config: string): ConfigOptions {
    const recorder = new ProbeRecorder();
    const readFile = (path: string) => {
      const text = tsc.sys.readFile(path);
      recorder.record(path, text !== undefined);
      return text;
    };
    // Only the compiler options are wanted: a host that lists no files keeps TypeScript from
    // expanding the project's `include` globs, which would walk the whole source tree.
    const host: ts.ParseConfigHost = {
      useCaseSensitiveFileNames: tsc.sys.useCaseSensitiveFileNames,
      readDirectory: () => [],
      fileExists: (path) => tsc.sys.fileExists(path),
      readFile,
    };
    const { config: json, error } = tsc.readConfigFile(config, readFile);
    // An unreadable tsconfig leaves aliases unresolved; the type then fails with the usual error.
    const options = error ? undefined : tsc.parseJsonConfigFileContent(json, host, dirname(config), undefined, config).options;
    const parsed = { options, probes: recorder };
    this.#optionsByConfig.set(config, parsed);
    return parsed;
  }
}

function replay(into: ProbeRecorder, probes: Probes): void {
  for (const p of probes.files) into.record(p, true);
  for (const p of probes.absent) into.record(p, false);
}
