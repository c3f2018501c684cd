/**
 * `DependencyLog` is what reading one model file looked at besides the file itself: the files
 * whose text the descriptions depend on (an imported enum, a base class, a type alias, the
 * tsconfig.json that maps a path alias) and the paths whose absence they depend on (an import
 * candidate such as `./role.ts` before `./role/index.ts`). A cached description is valid while
 * every one of these is as it was (cache/model-cache.ts).
 * @internal
 */
export class DependencyLog {
  readonly files = new Set<string>();
  readonly absent = new Set<string>();
  /**
   * Names looked up among the model files' exports (a type neither declared nor imported, such as
   * `Date`): the answer depends on which model files export that name, not on their whole text.
   */
  readonly globals = new Set<string>();

  /** `record` notes a probe: `path` was read (it exists) or found missing. */
  record(path: string, exists: boolean): void {
    (exists ? this.files : this.absent).add(path);
  }

  /** `replay` notes again the probes of an earlier lookup whose answer was cached. */
  replay(probes: Probes): void {
    for (const p of probes.files) this.files.add(p);
    for (const p of probes.absent) this.absent.add(p);
  }
}

/** `Probes` are the paths one lookup read or found missing. @internal */
export interface Probes {
  readonly files: readonly string[];
  readonly absent: readonly string[];
}

/** `ProbeRecorder` collects the probes of one lookup. @internal */
export class ProbeRecorder implements Probes {
  readonly files: string[] = [];
  readonly absent: string[] = [];
  record(path: string, exists: boolean): void {
    (exists ? this.files : this.absent).push(path);
  }
}
