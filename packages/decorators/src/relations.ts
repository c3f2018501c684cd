import { propertyDecorator, type TidemarkPropertyDecorator } from './decorator-kinds.js';
import type { BelongsToOptions } from './options.js';

/** `ModelTarget` is the thunk naming a relation's target class; a thunk, so models may refer to each other. */
export type ModelTarget = () => abstract new (...args: never[]) => unknown;

/**
 * `BelongsTo` declares the owning side of a relation: a foreign key column (`<property>_id`, or the
 * column of the `key` property) referencing the target's single-column key, with a foreign key
 * constraint and an index.
 * @example `@BelongsTo(() => User, { onDelete: 'cascade' }) author!: User;`
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
