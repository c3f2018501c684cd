// The schema of the pull golden test (pull.test.ts): every portable type, composite keys, a
// self-reference, every referential action, enums, names the rules give and names they do not,
// and what no model can say (a table without a key, a composite foreign key).
import { normalizeSnapshot, op, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SchemaSnapshot, type TableSnapshot } from '@tidemark/core';

const table = (spec: Parameters<typeof op.createTable>[0]): TableSnapshot => op.createTable(spec).table;

export const pullSchema: SchemaSnapshot = normalizeSnapshot({
  format: SNAPSHOT_FORMAT,
  version: SNAPSHOT_VERSION,
  tables: [
    table({
      name: 'people',
      columns: [
        { name: 'id', type: 'i64', autoIncrement: true },
        { name: 'age', type: 'i32', nullable: true, default: 18 },
        { name: 'visits', type: 'i64', default: 0 },
        { name: 'score', type: 'f64', default: 1.5 },
        { name: 'balance', type: 'decimal', precision: 12, scale: 4 },
        { name: 'fee', type: 'decimal', precision: 10, scale: 2, default: 0 },
        { name: 'nickname', type: 'string', length: 80 },
        { name: 'email', type: 'string', length: 255 },
        { name: 'bio', type: 'text', nullable: true },
        { name: 'is_active', type: 'boolean', default: true },
        { name: 'external_id', type: 'uuid' },
        { name: 'born_on', type: 'date', nullable: true, default: '2000-01-01' },
        { name: 'created_at', type: 'timestamp', default: { fn: 'now' } },
        { name: 'settings', type: 'json', nullable: true },
        { name: 'avatar', type: 'bytes', nullable: true },
        { name: 'role', type: 'enum', values: ['admin', 'member', "o'brien"], default: 'member' },
        { name: 'line_1', type: 'string', length: 120, nullable: true },
        { name: 'class', type: 'string', length: 20, nullable: true },
        { name: 'updatedAt', type: 'timestamp', nullable: true },
      ],
      primaryKey: ['id'],
      indexes: [
        { name: 'idx_people_email', columns: ['email'], unique: true },
        { name: 'people_by_name', columns: ['nickname'], unique: false },
        { name: 'idx_people_role_age', columns: ['role', 'age'], unique: true },
      ],
    }),
    table({
      name: 'categories',
      columns: [{ name: 'id', type: 'i32', autoIncrement: true }, { name: 'name', type: 'string', length: 80 }, { name: 'parent_id', type: 'i32', nullable: true }],
      primaryKey: ['id'],
      indexes: [{ name: 'idx_categories_parent_id', columns: ['parent_id'], unique: false }],
      foreignKeys: [{ name: 'categories_parent_fk', columns: ['parent_id'], referencedTable: 'categories', referencedColumns: ['id'], onDelete: 'set null', onUpdate: 'cascade' }],
    }),
    table({
      name: 'person_categories',
      // the key lists its columns in another order than the table: declaration order is key order
      columns: [{ name: 'person_id', type: 'i64' }, { name: 'category_id', type: 'i32' }, { name: 'since', type: 'date', nullable: true }],
      primaryKey: ['category_id', 'person_id'],
      indexes: [{ name: 'idx_person_categories_person_id', columns: ['person_id'], unique: false }],
      foreignKeys: [
        { name: 'fk_person_categories_category_id', columns: ['category_id'], referencedTable: 'categories', referencedColumns: ['id'], onDelete: 'restrict', onUpdate: 'no action' },
        { name: 'fk_person_categories_person_id', columns: ['person_id'], referencedTable: 'people', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' },
      ],
    }),
    table({
      name: 'profiles',
      columns: [{ name: 'id', type: 'uuid' }, { name: 'owner', type: 'i64' }],
      primaryKey: ['id'],
      indexes: [{ name: 'idx_profiles_owner', columns: ['owner'], unique: true }],
      foreignKeys: [{ name: 'fk_profiles_owner', columns: ['owner'], referencedTable: 'people', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'cascade' }],
    }),
    table({
      name: 'texts',
      columns: [{ name: 'code', type: 'string', length: 10 }, { name: 'body', type: 'text' }, { name: 'cat_id', type: 'i32' }, { name: 'cat_name', type: 'string', length: 80 }],
      primaryKey: ['code'],
      indexes: [{ name: 'idx_texts_cat_id_cat_name', columns: ['cat_id', 'cat_name'], unique: false }],
      foreignKeys: [{ name: 'texts_cat_fk', columns: ['cat_id', 'cat_name'], referencedTable: 'categories', referencedColumns: ['id', 'name'], onDelete: 'no action', onUpdate: 'no action' }],
    }),
    { name: 'audit_log', model: '', columns: [{ name: 'at', type: 'timestamp', nullable: false }, { name: 'what', type: 'text', nullable: true }], primaryKey: [], indexes: [], foreignKeys: [] },
  ],
});
