import type { ColumnDefault } from '@tidemark/core';
import type { CallSite } from './call-site.js';
import type { BelongsToOptions, ColumnDecoratorOptions, ExpressionIndexOptions, IndexOptions, ModelOptions } from './options.js';

/** `PropertyRecord` is what the property decorators recorded about one property. @internal */
export interface PropertyRecord {
  readonly name: string;
  key?: boolean;
  auto?: boolean;
  unique?: boolean;
  index?: boolean;
  applicationEnforced?: boolean;
  concurrently?: boolean;
  ignore?: boolean;
  column?: ColumnDecoratorOptions;
  default?: ColumnDefault;
  relation?: {
    readonly kind: 'belongsTo' | 'hasMany' | 'hasOne';
    /** Called only when the models are read, so classes may refer to each other. */
    readonly target: () => unknown;
    readonly options?: BelongsToOptions;
  };
}

/** `ModelRecord` is what the decorators recorded about one class. @internal */
export interface ModelRecord {
  model?: ModelOptions;
  site?: CallSite;
  readonly indexes: { readonly properties: readonly string[]; readonly options?: IndexOptions & Partial<Pick<ExpressionIndexOptions, 'expression'>> }[];
  readonly checks: { readonly name: string; readonly expression: string }[];
  /** Insertion order is declaration order: property decorators run top to bottom. */
  readonly properties: Map<string, PropertyRecord>;
}

/**
 * `MODEL_METADATA_KEY` is the reflect-metadata key under which each class's `ModelRecord` is
 * stored when reflect-metadata is loaded (`Reflect.getOwnMetadata(MODEL_METADATA_KEY, User)`).
 */
export const MODEL_METADATA_KEY = 'tidemark:model';

interface ReflectMetadata {
  getMetadata(key: unknown, target: object, property?: string | symbol): unknown;
  getOwnMetadata(key: unknown, target: object, property?: string | symbol): unknown;
  defineMetadata(key: unknown, value: unknown, target: object, property?: string | symbol): void;
}

/** `reflectMetadata` is the reflect-metadata API when that optional peer is loaded. @internal */
export function reflectMetadata(): ReflectMetadata | undefined {
  const r = Reflect as unknown as Partial<ReflectMetadata>;
  return typeof r.getMetadata === 'function' && typeof r.defineMetadata === 'function' && typeof r.getOwnMetadata === 'function'
    ? (r as ReflectMetadata)
    : undefined;
}

// Shared through the global symbol registry, so two copies of this package (dual install,
// a bundled and an unbundled one) still see each other's records.
function fallbackStore(): WeakMap<object, ModelRecord> {
  const g = globalThis as { [STORE]?: WeakMap<object, ModelRecord> };
  return (g[STORE] ??= new WeakMap());
}
const STORE = Symbol.for('tidemark.decorators.records');
// TC39 field decorators do not see their class; they record here until a class decorator claims it.
const BUCKET = Symbol.for('tidemark.decorators.bucket');
let pendingBucket: ModelRecord | undefined;

const emptyRecord = (): ModelRecord => ({ indexes: [], checks: [], properties: new Map() });

/** `readRecord` returns the record of `cls` itself (never of a parent class), if it has one. @internal */
export function readRecord(cls: object): ModelRecord | undefined {
  // Both places are checked: reflect-metadata may have been loaded after some models.
  return (reflectMetadata()?.getOwnMetadata(MODEL_METADATA_KEY, cls) as ModelRecord | undefined) ?? fallbackStore().get(cls);
}

/**
 * `unclaimedRecord` is what TC39 field decorators recorded for a class that has no class
 * decorator to claim it (a base class without `@Model`), read from the class's own decorator
 * metadata object. Without a metadata object (TypeScript's TC39 output where `Symbol.metadata`
 * does not exist) the next class decorator claims those fields instead. @internal
 */
export function unclaimedRecord(cls: object): ModelRecord | undefined {
  const key = (Symbol as { metadata?: symbol }).metadata ?? Symbol.for('Symbol.metadata');
  const metadata = (cls as { [k: symbol]: unknown })[key] as { [BUCKET]?: ModelRecord } | null | undefined;
  return metadata && Object.prototype.hasOwnProperty.call(metadata, BUCKET) ? metadata[BUCKET] : undefined;
}

/** `recordOf` returns the record of `cls`, creating it (in reflect-metadata when loaded). @internal */
export function recordOf(cls: object): ModelRecord {
  const existing = readRecord(cls);
  if (existing) return existing;
  const record = emptyRecord();
  const reflect = reflectMetadata();
  if (reflect) reflect.defineMetadata(MODEL_METADATA_KEY, record, cls);
  else fallbackStore().set(cls, record);
  return record;
}

/** `propertyOf` returns the record of property `name`, creating it in declaration order. @internal */
export function propertyOf(record: ModelRecord, name: string): PropertyRecord {
  let p = record.properties.get(name);
  if (!p) record.properties.set(name, (p = { name }));
  return p;
}

/**
 * `bucketOf` returns where a TC39 field decorator records: the class's decorator metadata object
 * when the compiler provides one (esbuild always does; TypeScript only when `Symbol.metadata`
 * exists), otherwise a pending record that the next class decorator claims. @internal
 */
export function bucketOf(metadata: object | undefined): ModelRecord {
  if (!metadata) return (pendingBucket ??= emptyRecord());
  const m = metadata as { [BUCKET]?: ModelRecord };
  // The metadata object inherits from the parent class's one: only an own bucket belongs to this class.
  if (!Object.prototype.hasOwnProperty.call(m, BUCKET)) m[BUCKET] = emptyRecord();
  return m[BUCKET]!;
}

/** `claimBucket` moves what TC39 field decorators recorded into the record of `cls`. @internal */
export function claimBucket(cls: object, metadata: object | undefined): ModelRecord {
  const record = recordOf(cls);
  const m = metadata as { [BUCKET]?: ModelRecord } | undefined;
  // With a metadata object, field decorators of this class used it, so the pending bucket is not ours.
  const bucket = m ? (Object.prototype.hasOwnProperty.call(m, BUCKET) ? m[BUCKET] : undefined) : pendingBucket;
  if (!bucket) return record;
  for (const [name, p] of bucket.properties) record.properties.set(name, { ...record.properties.get(name), ...p });
  if (m) delete m[BUCKET];
  else pendingBucket = undefined;
  return record;
}
