/**
 * `unusableValue` returns what a data step gives back when it did not really run (while a
 * migration is recorded, or a step skipped on resume): an object that calls `onUse` (which must
 * throw) the moment code reads it — iterates it, reads a property, spreads or prints it. Only
 * `then` reads as absent, so `await` hands it over without touching it.
 */
export function unusableValue<T extends object>(onUse: () => never): T {
  const use = (): never => onUse();
  return new Proxy([] as unknown as T, {
    get: (_target, key) => (key === 'then' ? undefined : use()),
    has: use,
    ownKeys: use,
    getOwnPropertyDescriptor: use,
    set: use,
    apply: use,
  });
}
