import type { BackendHarness } from './harness.js';

// Placeholder while the dynamodb backend is being built: it reports itself unreachable.
export const dynamodbHarness: BackendHarness = {
  name: 'dynamodb',
  capabilities: { transactionalDdl: false, inPlaceColumnChanges: [], foreignKeys: 'none', uniqueIndexes: 'none', autoIncrement: false, alterPrimaryKey: false },
  unreachable: async () => 'the dynamodb backend is not built yet',
  create: async () => { throw new Error('not built yet'); },
};
