import type { BackendHarness } from './harness.js';

// Placeholder while the postgres backend is being built: it reports itself unreachable.
export const postgresHarness: BackendHarness = {
  name: 'postgres',
  capabilities: { transactionalDdl: false, inPlaceColumnChanges: [], foreignKeys: 'none', uniqueIndexes: 'none', autoIncrement: false, alterPrimaryKey: false },
  unreachable: async () => 'the postgres backend is not built yet',
  create: async () => { throw new Error('not built yet'); },
};
