import type { TypeRef } from '@tidemark/core';
import { readRecord } from './metadata-store.js';

/**
 * `designTypeRef` maps the constructor TypeScript recorded as `design:type` (only with
 * `emitDecoratorMetadata`) to a type. It returns `undefined` when the constructor does not tell
 * the column type: `Object` is what TypeScript writes for unions of different types, brands
 * (`Float`, `Uuid`...), `Json<T>`, interfaces, and imported type aliases.
 * What it returns can still be less precise than the static reader: `Number` is also a `Float`,
 * `Decimal` or numeric enum, and `String` a `Text`, `Uuid`, literal union or string enum.
 * @internal
 */
export function designTypeRef(design: unknown): TypeRef | undefined {
  if (typeof design !== 'function' || design === Object) return undefined;
  switch (design) {
    case Number: return { kind: 'scalar', type: 'i32' };
    case BigInt: return { kind: 'scalar', type: 'i64' };
    case String: return { kind: 'scalar', type: 'string' };
    case Boolean: return { kind: 'scalar', type: 'boolean' };
    case Date: return { kind: 'scalar', type: 'timestamp' };
    case Array: return { kind: 'scalar', type: 'json' };
  }
  // Buffer extends Uint8Array.
  if (design === Uint8Array || design.prototype instanceof Uint8Array) return { kind: 'scalar', type: 'bytes' };
  if (readRecord(design)?.model) return { kind: 'model', name: design.name, array: false };
  return { kind: 'unknown', text: design.name || 'anonymous class' };
}
