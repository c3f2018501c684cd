// Cleanup that can neither hang a test run nor hide why it failed (issue 16: a MongoDB server
// that rejected commands hung `npm test`, and a failed cleanup replaced the case's own error).

/**
 * `bounded` settles as `promise` does, or rejects after `ms` naming `what`: a cleanup against a
 * server that stops answering fails the run instead of hanging it.
 */
export async function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const describe = (err: unknown): string => (err instanceof Error ? err.stack ?? err.message : String(err));

/**
 * `runThenCleanUp` runs `body`, then always `cleanup`. A cleanup error never replaces the body's
 * own: when both fail, one error reports both, the body's first (and is `cause`d by it); when
 * only the cleanup fails, its error.
 */
export async function runThenCleanUp<T>(body: () => Promise<T>, cleanup: () => Promise<void>): Promise<T> {
  let result: T;
  try {
    result = await body();
  } catch (err) {
    try {
      await cleanup();
    } catch (cleanupError) {
      throw new AggregateError([err, cleanupError], `${describe(err)}\n\n…and cleaning up afterwards failed too: ${describe(cleanupError)}`, { cause: err });
    }
    throw err;
  }
  await cleanup();
  return result;
}

/** `closeAll` closes every resource (bounded, all attempted even if one fails), then throws the first failure. */
export async function closeAll(closers: readonly (readonly [string, () => Promise<unknown>])[], ms = 10_000): Promise<void> {
  const results = await Promise.allSettled(closers.map(([what, close]) => bounded(Promise.resolve().then(close), ms, what)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
