import { op, type SchemaOperation } from '@tidemark/core';
import type { Document } from '../document.js';
import { testConnection } from './connection.js';
import { DdlStateRunner } from './ddl-state-runner.js';

/** `users` is the table most operation tests start from. */
export const users = op.createTable({
  name: 'users',
  columns: [{ name: 'id', type: 'uuid' }, { name: 'name', type: 'string', length: 40 }, { name: 'age', type: 'i32', nullable: true }],
  primaryKey: ['id'],
  indexes: [{ name: 'idx_users_name', columns: ['name'], unique: true }],
});

/** `posts` points at users.id (a foreign key kept as metadata). */
export const posts = op.createTable({
  name: 'posts',
  columns: [{ name: 'id', type: 'uuid' }, { name: 'user_id', type: 'uuid' }],
  primaryKey: ['id'],
  indexes: [{ name: 'idx_posts_user_id', columns: ['user_id'] }],
  foreignKeys: [{ name: 'fk_posts_user_id', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade' }],
});

/** A connection over a catalog-keeping runner on which `setup` has been applied; the commands it took are forgotten. */
export async function prepared(...setup: SchemaOperation[]) {
  const runner = new DdlStateRunner();
  const conn = testConnection(runner);
  for (const o of setup) await conn.applier.apply(o);
  runner.clear();
  return { runner, conn };
}

/** The commands sent, without the introspection that precedes an operation outside the lock. */
export function withoutIntrospection(commands: readonly Document[]): Document[] {
  return commands.filter((c) => !('listCollections' in c) && !('listIndexes' in c));
}
