/** `migrate:pull`: a live schema written as model files (README: CLI, migrate:pull). */
export { pullModels, type PullModelsOptions, type PullResult, type PulledFile } from './pull-models.js';
export { planModels, type PlannedModels } from './plan-models.js';
