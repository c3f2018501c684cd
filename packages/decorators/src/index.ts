/**
 * `@tidemark/decorators`: the model decorators (README: Models), the column type brands, and
 * `readLoadedModels`, the run-time reader that turns decorated classes into model descriptions.
 */
export type { Float, Decimal, Uuid, Text, Json } from './brands.js';
export type { ModelOptions, IndexOptions, ExpressionIndexOptions, IndexBuildOptions, UniqueOptions, ColumnDecoratorOptions, BelongsToOptions } from './options.js';
export type { TidemarkClassDecorator, TidemarkPropertyDecorator } from './decorator-kinds.js';
export { Model } from './model.js';
export { Index } from './index-decorator.js';
export { Check } from './check.js';
export { Key, Auto, Unique, Ignore } from './flags.js';
export { Column } from './column.js';
export { Default } from './default.js';
export { BelongsTo, HasMany, HasOne, type ModelTarget, type Relation } from './relations.js';
export { MODEL_METADATA_KEY } from './metadata-store.js';
export { readLoadedModels, type ReadLoadedModelsOptions } from './read-loaded-models.js';
