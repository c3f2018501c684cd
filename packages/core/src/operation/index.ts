export * from './operations.js';
export * from './specs.js';
export * from './op.js';
export * from './apply-operation.js';
export * from './invert-operations.js';
export * from './classify-operation.js';
export * from './tables-touched.js';
