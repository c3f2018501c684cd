import type { Operation } from '@tidemark/core';

/** The phrase of one operation, or undefined for what only accompanies another (an index, a foreign key). */
function phrase(o: Operation): string | undefined {
  switch (o.kind) {
    case 'createTable': return `create ${o.table.name}`;
    case 'dropTable': return `drop ${o.table}`;
    case 'renameTable': return `rename ${o.from} to ${o.to}`;
    case 'addColumn': return `add ${o.table} ${o.column.name}`;
    case 'dropColumn': return `drop ${o.table} ${o.column}`;
    case 'alterColumn': return `alter ${o.table} ${o.column}`;
    case 'renameColumn': return `rename ${o.table} ${o.from} to ${o.to}`;
    case 'alterPrimaryKey': return `change ${o.table} key`;
    case 'createIndex': return `add index ${o.index.name}`;
    case 'dropIndex': return `drop index ${o.index}`;
    case 'addForeignKey': return `add foreign key ${o.foreignKey.name}`;
    case 'dropForeignKey': return `drop foreign key ${o.foreignKey}`;
    case 'execute': return undefined;
  }
}

const ACCOMPANYING = new Set<Operation['kind']>(['createIndex', 'dropIndex', 'addForeignKey', 'dropForeignKey']);

/**
 * `defaultMessage` names a migration after its changes when `-m` is not given: one change is
 * its phrase (`add users website`), two are joined (`add users website and drop posts`), more
 * are the first and a count (`create users and 3 more`). Indexes and foreign keys that come
 * with a table or column change are left out of the name, so `create posts` is not
 * `create posts and 2 more`; alone, they name the migration themselves.
 */
export function defaultMessage(operations: readonly Operation[]): string {
  const main = operations.filter((o) => !ACCOMPANYING.has(o.kind));
  const phrases = [...new Set((main.length > 0 ? main : operations).map(phrase).filter((p): p is string => p !== undefined))];
  if (phrases.length === 0) return 'migration';
  if (phrases.length <= 2) return phrases.join(' and ');
  return `${phrases[0]} and ${phrases.length - 1} more`;
}
