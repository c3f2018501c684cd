import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * `isInstalled` says whether `pkg` is in a `node_modules` folder at or above `dir`, where Node
 * (and pnpm's top-level links) would find it. It looks only for the folder: resolving the package
 * would depend on its export conditions, and loading it is what `init` must not do.
 */
export function isInstalled(dir: string, pkg: string): boolean {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules', pkg, 'package.json'))) return true;
    if (dirname(at) === at) return false;
  }
}
