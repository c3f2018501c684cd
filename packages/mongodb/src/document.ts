/**
 * `Document` is a command or a reply as it crosses the runner seam: plain JavaScript in MongoDB
 * Extended JSON (https://www.mongodb.com/docs/manual/reference/mongodb-extended-json/). Typed
 * values are written as their wrappers (`{ $numberLong: '10' }`, `{ $date: '…' }`), so every
 * command Tidemark builds is plain data: tests compare it with `deepEqual`, `--dry-run` prints
 * exactly what runs, and nothing but `connect` needs the driver's BSON classes.
 */
export type Document = { [key: string]: unknown };

/** `isDocument` tells whether a value is a plain object (not an array, not null). */
export function isDocument(value: unknown): value is Document {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `MIN_KEY` is BSON MinKey, the marker of "this value does not convert": no conversion produces
 * it and no column type stores it, so a precheck can count it without ambiguity.
 */
export const MIN_KEY: Document = { $minKey: 1 };

/** `CursorId` is a cursor id as a reply carries it: a number, or `$numberLong` when it is past 2^53. */
export type CursorId = number | { readonly $numberLong: string };

/** `asLong` writes a cursor id as a 64-bit integer, which `getMore` and `killCursors` require. */
export function asLong(id: CursorId): { $numberLong: string } {
  return { $numberLong: typeof id === 'number' ? String(id) : id.$numberLong };
}

/** `isExhausted` tells whether a cursor id is 0 (the server has nothing more). */
export function isExhausted(id: CursorId | undefined): boolean {
  return id === undefined || id === 0 || (typeof id === 'object' && id.$numberLong === '0');
}

/**
 * `fieldPath` is the aggregation reference to a top-level field: `'$name'` for a plain
 * identifier, `$getField` (MongoDB 5.0+) for any other name (spaces, quotes, `$`, non-ASCII
 * letters), so no column name is ever read as a path or a variable.
 */
export function fieldPath(name: string): unknown {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `$${name}` : { $getField: { field: { $literal: name }, input: '$$CURRENT' } };
}

/** `commandName` is a command's name: its first key (`{ create: 'users' }` → `create`). */
export function commandName(command: Document): string {
  return Object.keys(command)[0] ?? '';
}

/** `commandCollection` is the collection a command names first, when it names one. */
export function commandCollection(command: Document): string | undefined {
  const value = command[commandName(command)];
  return typeof value === 'string' ? value : undefined;
}
