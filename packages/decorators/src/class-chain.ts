import { readRecord, unclaimedRecord, type ModelRecord } from './metadata-store.js';

/**
 * `recordsAlongChain` are the decorator records of `cls` and of its base classes, the deepest
 * base first (README: Models, "Base classes"), as the static reader walks `extends`. A base class
 * with no decorated property has no record and adds nothing here; its undecorated fields still
 * show on a constructed instance, where the reader refuses them.
 * @internal
 */
export function recordsAlongChain(cls: Function): { readonly cls: Function; readonly record: ModelRecord | undefined }[] {
  const chain: { cls: Function; record: ModelRecord | undefined }[] = [];
  for (let c: Function = cls; c !== Function.prototype && c !== null; c = Object.getPrototypeOf(c) as Function) {
    chain.unshift({ cls: c, record: readRecord(c) ?? unclaimedRecord(c) });
  }
  return chain;
}
