import type { BackendHarness } from './harness.js';

// Placeholder while the mongodb backend is being built: it reports itself unreachable.
export const mongodbHarness: BackendHarness = {
  name: 'mongodb',
  capabilities: { transactionalDdl: false, inPlaceColumnChanges: [], foreignKeys: 'none', uniqueIndexes: 'none', autoIncrement: false, alterPrimaryKey: false },
  unreachable: async () => 'the mongodb backend is not built yet',
  create: async () => { throw new Error('not built yet'); },
};
