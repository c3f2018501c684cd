/** `CallSite` is where a decorator was written, as far as the stack trace tells. */
export interface CallSite {
  readonly file: string;
  readonly line?: number;
}

// Frames inside this package are skipped: the first other frame is the user's decorated class.
// `ImportMeta.url` and `URL` are typed by DOM or Node types, which this package does not load.
const ownUrl = (import.meta as ImportMeta & { url: string }).url;
const ownDir = toPath(ownUrl.slice(0, ownUrl.lastIndexOf('/') + 1));
// `at fn (location)` or `at location`; `node:internal/...` and `<anonymous>` locations never match.
const FRAME = /(?:\(|at )((?:file:\/\/|\/|[A-Za-z]:[\\/])[^()]*?):(\d+):\d+\)?$/;

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
  for (const frame of stack.split('\n').slice(1)) {
    const m = FRAME.exec(frame.trim());
    // V8 prints a file URL or a path, depending on the loader and on source maps.
    const file = m?.[1] ? toPath(m[1]) : undefined;
    if (!file || file.startsWith(ownDir)) continue;
    return { file: relativeToCwd(file), line: Number(m![2]) };
  }
  return undefined;
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
