/**
 * `runPool` calls `work` on every item, at most `concurrency` at a time, in list order, and
 * returns the results in list order. Once `signal` is aborted no further item starts: those get
 * `notStarted(item)`; the ones running finish. `work` must not throw (a fleet records each
 * target's failure as its result, so one target can never stop the others).
 */
export async function runPool<T, R>(
  items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>,
  notStarted: (item: T) => R, signal?: AbortSignal,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      const item = items[index]!;
      results[index] = signal?.aborted ? notStarted(item) : await work(item, index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
