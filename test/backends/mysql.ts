import type { BackendHarness } from './harness.js';

// Placeholder while the mysql backend is being built: it reports itself unreachable.
export const mysqlHarness: BackendHarness = {
  name: 'mysql',
  capabilities: { transactionalDdl: false, inPlaceColumnChanges: [], foreignKeys: 'none', uniqueIndexes: 'none', autoIncrement: false, alterPrimaryKey: false },
  unreachable: async () => 'the mysql backend is not built yet',
  create: async () => { throw new Error('not built yet'); },
};
