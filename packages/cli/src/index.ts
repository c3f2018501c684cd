/** `@tidemark/cli`: the `tidemark` command. Every command is a thin adapter over one library function. */
export { main, type MainIo } from './main.js';
export { loadConfig, type TidemarkConfig } from './config.js';
export { resolveUrl } from './resolve-url.js';
export { loadBackend, connect, schemeOf } from './load-backend.js';
