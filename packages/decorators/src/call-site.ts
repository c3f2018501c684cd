/** `CallSite` is where a decorator was written, as far as the stack trace tells. */
export interface CallSite {
  readonly file: string;
  readonly line?: number;
}

// `ImportMeta.url` and `URL` are typed by DOM or Node types, which this package does not load.
const ownUrl = (import.meta as ImportMeta & { url: string }).url;
/**
 * This package's folder: this file is `<package>/dist/call-site.js`, or `<package>/src/call-site.ts`
 * when run from source. Frames are skipped by this folder, not by the file's own folder, because
 * with source maps enabled V8 names the `src/` file of a shipped `dist/` file.
 */
const ownPackage = toPath(ownUrl.slice(0, ownUrl.lastIndexOf('/', ownUrl.lastIndexOf('/') - 1) + 1));
// `at fn (location)` or `at location`; `node:internal/...` and `<anonymous>` locations never match.
const FRAME = /(?:\(|at )((?:file:\/\/|\/|[A-Za-z]:[\\/])[^()]*?):(\d+):\d+\)?$/;
// Any installed Tidemark package (a decorator may be wrapped by another one): `/node_modules/@tidemark/<name>/`.
const TIDEMARK_INSTALLED = /[\\/]node_modules[\\/]@tidemark[\\/][^\\/]+[\\/]/;

/**
 * `callSite` returns the file and line of the code that called the current decorator factory,
 * relative to the working directory. It reads `new Error().stack`, so it is best effort: the line
 * is that of the running (maybe compiled) file unless source maps are enabled, and it is
 * `undefined` on engines without V8-style stacks.
 * @internal
 */
export function callSite(): CallSite | undefined {
  const stack = new Error().stack;
  if (!stack) return undefined;
  const site = firstForeignFrame(stack, ownPackage);
  return site && { ...site, file: relativeToCwd(site.file) };
}

/**
 * `firstForeignFrame` is the first frame of `stack` outside Tidemark: neither in the folder
 * `ownPackage` nor in any `node_modules/@tidemark/*` package, however many frames of them there are.
 * @internal
 */
export function firstForeignFrame(stack: string, ownPackage: string): { file: string; line: number } | undefined {
  const own = slashes(ownPackage);
  for (const frame of stack.split('\n').slice(1)) {
    const m = FRAME.exec(frame.trim());
    // V8 prints a file URL or a path, depending on the loader and on source maps.
    const file = m?.[1] ? toPath(m[1]) : undefined;
    if (!file || slashes(file).startsWith(own) || TIDEMARK_INSTALLED.test(file)) continue;
    return { file, line: Number(m![2]) };
  }
  return undefined;
}

/** Windows paths come with either slash, from a file URL or from a source map. */
function slashes(path: string): string {
  return path.replaceAll('\\', '/');
}

function toPath(file: string): string {
  if (!file.startsWith('file://')) return file;
  const path = decodeURIComponent(file.slice('file://'.length));
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}

function relativeToCwd(path: string): string {
  // No `node:path`: this package may run wherever decorators run.
  const cwd = (globalThis as { process?: { cwd?: () => string } }).process?.cwd?.();
  return cwd && path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}
