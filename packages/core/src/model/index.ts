export * from './model-description.js';
export * from './build-snapshot.js';
