import type { TableSnapshot } from '@tidemark/core';
import { KEY_INDEX } from '../names.js';
import { indexSpec, keyIndexSpec } from '../schema/index-spec.js';
import { command, type CommandStep } from './plan.js';

/** `IndexRebuild` drops indexes as they are before a change and creates them as they are after it. */
export interface IndexRebuild {
  readonly drop: readonly CommandStep[];
  readonly create: readonly CommandStep[];
}

/**
 * `rebuildIndexes` rebuilds the key (when `key`) and the indexes named in `names`, taking their
 * old definitions from `before` and their new ones from `after`. MongoDB cannot alter an index,
 * so a change of its fields (a renamed column) or of its partial filter (a column changing type
 * or nullability) is a drop and a create.
 */
export function rebuildIndexes(before: TableSnapshot, after: TableSnapshot, key: boolean, names: readonly string[]): IndexRebuild {
  const newKey = key ? keyIndexSpec(after) : undefined;
  const specs = [...(newKey ? [newKey] : []), ...names.map((n) => indexSpec(after, after.indexes.find((i) => i.name === n)!))];
  const dropped = [...(key && before.primaryKey.length > 0 ? [KEY_INDEX] : []), ...names];
  return {
    drop: dropped.map((name) => command({ dropIndexes: before.name, index: name })),
    create: specs.length > 0 ? [command({ createIndexes: after.name, indexes: specs })] : [],
  };
}
