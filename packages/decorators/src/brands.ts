/*
 * Column type brands. Each is a *soft* brand: the base type intersected with an optional,
 * never-present property. Plain values assign without a cast (`rating = 4.5`, `id = crypto.randomUUID()`),
 * `1.5 as Float` still works, yet mixing brands (`price = rating` with Decimal vs Float) is a type error,
 * and the alias name survives in editor hovers. The readers never look at the brand itself: the static
 * reader reads the type's name, and at run time TypeScript erases it (design:type is Number/String/Object).
 */

/** Phantom key of the brands; never present on a value. */
declare const brand: unique symbol;

/**
 * `Float` is a 64-bit floating-point column (`f64`); plain `number` maps to a 32-bit integer.
 * @example `@Column({ type: 'f64' }) rating!: Float;` (the `type` is only needed by the run-time reader)
 */
export type Float = number & { readonly [brand]?: 'Float' };

/** `Decimal` is an exact decimal column (`decimal`); precision and scale come from `@Column({ precision, scale })`. */
export type Decimal = number & { readonly [brand]?: 'Decimal' };

/** `Uuid` is a UUID column (`uuid`). */
export type Uuid = string & { readonly [brand]?: 'Uuid' };

/** `Text` is an unbounded text column (`text`); plain `string` is a `string(255)` column. */
export type Text = string & { readonly [brand]?: 'Text' };

/**
 * `Json<T>` is a JSON column holding a `T`. It is the plain type `T`, so values need no cast;
 * the name alone tells the static reader to store the property as `json`.
 */
export type Json<T> = T;
