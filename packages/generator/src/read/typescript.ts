import { createRequire } from 'node:module';
import * as nodeModule from 'node:module';
import type { ts } from 'ts-morph';

const require = createRequire(import.meta.url);

/**
 * Compiling ts-morph's 9 MB `typescript.js` costs V8 150–200 ms on every run. Node ≥ 22.1 caches
 * compiled code natively (`module.enableCompileCache`); on Node 20, v8-compile-cache does the same
 * for CommonJS. Either way the cache lives in the OS temp folder and a stale entry is ignored.
 */
function enableCompileCache(): void {
  const native = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (native) native();
  else {
    try {
      require('v8-compile-cache');
    } catch {
      // an optimisation only: without it the reader is slower, not wrong
    }
  }
}

/**
 * `tsc` is the TypeScript compiler API that ts-morph ships (`@ts-morph/common`), loaded with
 * `require` rather than `import { ts } from 'ts-morph'`: the reader only parses, so it needs
 * neither ts-morph's wrapper layer nor Node's ES-module scan of a 9 MB CommonJS file for named
 * exports. Types still come from `import type { ts } from 'ts-morph'`, which costs nothing at run time.
 * It is a live binding, set by `loadTypeScript()`: a generate whose model files are all in the
 * cache (cache/model-cache.ts) never loads TypeScript, which is most of its start-up.
 * @internal
 */
export let tsc: typeof ts = undefined as unknown as typeof ts;

/** `SK` is `tsc.SyntaxKind`, for the reader's hot comparisons; set with `tsc`. @internal */
export let SK: typeof ts.SyntaxKind = undefined as unknown as typeof ts.SyntaxKind;

/** `loadTypeScript` loads the compiler (once); every entry point of the reader calls it before parsing. @internal */
export function loadTypeScript(): void {
  if (tsc) return;
  enableCompileCache();
  tsc = (require('@ts-morph/common') as { ts: typeof ts }).ts;
  SK = tsc.SyntaxKind;
}
