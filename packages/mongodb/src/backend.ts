import { checkCapabilities } from '@tidemark/core';
import type { Backend, BackendConnection, ConnectOptions, Operation, RenderOptions, SchemaSnapshot } from '@tidemark/core';
import { capabilities } from './capabilities.js';
import { renderOperation } from './render.js';
import { DEFAULT_BATCH_SIZE } from './run/rewrite.js';
import { connectMongo } from './connect.js';

/**
 * `mongodbBackend` is Tidemark's MongoDB backend: a model is a collection whose `$jsonSchema`
 * validator the migrations keep in step, its key a unique index, its data rewritten where a
 * change needs it. Loaded by the CLI for `mongodb://` and `mongodb+srv://` URLs.
 * @example const conn = await mongodbBackend.connect('mongodb://localhost:27017/shop');
 */
export const mongodbBackend = {
  dialect: 'mongodb',
  capabilities,
  connect: (url: string, options?: ConnectOptions): Promise<BackendConnection> => connectMongo(url, options),
  // refuses what MongoDB cannot build, as the applier does, so a dry run never prints it
  render: (operation: Operation, before: SchemaSnapshot, options?: RenderOptions): string[] => {
    checkCapabilities('mongodb', capabilities, [operation], before);
    return renderOperation(operation, before, options?.database ?? '<database>', DEFAULT_BATCH_SIZE);
  },
} as const satisfies Backend;
