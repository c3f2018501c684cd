/**
 * The static model reader: TypeScript model files → `ModelDescription[]` for `buildSnapshot`,
 * from syntax alone (ts-morph; nothing is executed).
 */
export { readModelFiles, type ReadModelFilesOptions } from './read-model-files.js';
export { findModelFiles } from './find-model-files.js';
