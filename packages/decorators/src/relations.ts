import { propertyDecorator, type TidemarkPropertyDecorator } from './decorator-kinds.js';
import type { BelongsToOptions } from './options.js';

/** `ModelTarget` is the thunk naming a relation's target class; a thunk, so models may refer to each other. */
export type ModelTarget = () => abstract new (...args: never[]) => unknown;

/**
 * `BelongsTo` declares the owning side of a relation: foreign key columns (`<property>_id`, or the
 * columns of the `key` properties) referencing the target's key, or the target properties named
 * by `references` (one of its unique indexes), with a foreign key constraint and an index on them
 * (unless `index: false`). A composite target key makes a composite foreign key.
 * @example `@BelongsTo(() => User, { onDelete: 'cascade' }) author!: User;`
 * @example `@BelongsTo(() => OrderLine, { key: ['lineOrderId', 'lineNo'] }) line!: OrderLine;`
 * @example `@BelongsTo(() => User, { references: 'email', index: false }) author!: User;`
 */
export function BelongsTo(target: ModelTarget, options?: BelongsToOptions): TidemarkPropertyDecorator {
  return propertyDecorator('BelongsTo', (p) => {
    p.relation = { kind: 'belongsTo', target, ...(options ? { options: { ...options } } : {}) };
  });
}

/** `HasMany` declares the inverse side of a `@BelongsTo`: no column. */
export function HasMany(target: ModelTarget): TidemarkPropertyDecorator {
  return propertyDecorator('HasMany', (p) => {
    p.relation = { kind: 'hasMany', target };
  });
}

/** `HasOne` declares the inverse side of a one-to-one `@BelongsTo`: no column. */
export function HasOne(target: ModelTarget): TidemarkPropertyDecorator {
  return propertyDecorator('HasOne', (p) => {
    p.relation = { kind: 'hasOne', target };
  });
}

/**
 * `Relation<T>` wraps the type of a relation property whose target class is declared later or in
 * a module that imports this one (`@HasOne(() => Profile) profile?: Relation<Profile>`). With
 * `emitDecoratorMetadata`, TypeScript writes the property's class into `design:type` when the
 * class is defined, which throws "Cannot access 'Profile' before initialization" for such a
 * target; through this generic alias it writes `Object` instead. It is the plain type `T`
 * otherwise, and both readers ignore it (as TypeORM's `Relation` does).
 */
export type Relation<T> = T;
