// The keystone walk: eight model edits on a SQLite file holding rows. After each
// `migrate:generate` + `migrate:up`, the introspected database equals .schema.json and every
// row inserted so far is still there; then `migrate:down` all the way back leaves only
// Tidemark's tracking table.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { comparableSnapshot, parseSnapshot } from '@tidemark/core';
import { sqliteBackend } from '@tidemark/sqlite';
import { createProject, type TempProject } from '../support/project.js';

const HEADER = "import { Model, Key, Auto, Column, Unique, Index, BelongsTo } from '@tidemark/decorators';\n";

/** The models at each step; each differs from the previous by one edit. */
const STEPS: { message: string; user: string; post: string; flags?: string[] }[] = [
  {
    message: 'create users and posts',
    user: `@Model() export class User { @Key() @Auto() id!: number; name!: string; email!: string; }`,
    post: `@Model() export class Post { @Key() @Auto() id!: number; title!: string; authorId!: number; views!: number; }`,
  },
  {
    message: 'add user active flag',
    user: `@Model() export class User { @Key() @Auto() id!: number; name!: string; email!: string; isActive: boolean = true; }`,
    post: `@Model() export class Post { @Key() @Auto() id!: number; title!: string; authorId!: number; views!: number; }`,
  },
  {
    message: 'add user bio',
    user: `@Model() export class User { @Key() @Auto() id!: number; name!: string; email!: string; isActive: boolean = true; bio?: string | null; }`,
    post: `@Model() export class Post { @Key() @Auto() id!: number; title!: string; authorId!: number; views!: number; }`,
  },
  {
    message: 'add unique email and composite index',
    user: `@Model() export class User { @Key() @Auto() id!: number; name!: string; @Unique() email!: string; isActive: boolean = true; bio?: string | null; }`,
    post: `@Model() @Index(['authorId', 'title']) export class Post { @Key() @Auto() id!: number; title!: string; authorId!: number; views!: number; }`,
  },
  {
    message: 'rename post title to headline',
    user: `@Model() export class User { @Key() @Auto() id!: number; name!: string; @Unique() email!: string; isActive: boolean = true; bio?: string | null; }`,
    post: `@Model() @Index(['authorId', 'headline']) export class Post { @Key() @Auto() id!: number; @Column({ renamedFrom: 'title' }) headline!: string; authorId!: number; views!: number; }`,
  },
  {
    message: 'widen views to bigint',
    user: `@Model() export class User { @Key() @Auto() id!: number; name!: string; @Unique() email!: string; isActive: boolean = true; bio?: string | null; }`,
    post: `@Model() @Index(['authorId', 'headline']) export class Post { @Key() @Auto() id!: number; @Column({ renamedFrom: 'title' }) headline!: string; authorId!: number; views!: bigint; }`,
  },
  {
    message: 'posts belong to users',
    user: `@Model() export class User { @Key() @Auto() id!: number; name!: string; @Unique() email!: string; isActive: boolean = true; bio?: string | null; }`,
    post: `@Model() @Index(['authorId', 'headline']) export class Post { @Key() @Auto() id!: number; @Column({ renamedFrom: 'title' }) headline!: string; @BelongsTo(() => User, { onDelete: 'cascade' }) author!: User; authorId!: number; views!: bigint; }`,
  },
  {
    message: 'drop user bio',
    user: `@Model() export class User { @Key() @Auto() id!: number; name!: string; @Unique() email!: string; isActive: boolean = true; }`,
    post: `@Model() @Index(['authorId', 'headline']) export class Post { @Key() @Auto() id!: number; @Column({ renamedFrom: 'title' }) headline!: string; @BelongsTo(() => User, { onDelete: 'cascade' }) author!: User; authorId!: number; views!: bigint; }`,
    flags: ['--allow-destructive'],
  },
];

let project: TempProject;
beforeAll(async () => { project = await createProject(); });
afterAll(async () => { await project.cleanup(); });

async function assertDatabaseMatchesSnapshot(): Promise<void> {
  const snapshot = parseSnapshot(await project.read('migrations/.schema.json'));
  const connection = await sqliteBackend.connect(`sqlite:${join(project.dir, 'app.db')}`);
  try {
    assert.deepStrictEqual(comparableSnapshot(await connection.introspect()), comparableSnapshot(snapshot));
  } finally {
    await connection.close();
  }
}

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(join(project.dir, 'app.db'));
  try { return fn(db); } finally { db.close(); }
}

test('eight model edits, each generated and applied on a SQLite file with rows', async () => {
  const expectedUsers: { id: number; name: string }[] = [];
  const expectedPosts: { id: number; views: number }[] = [];
  for (const [i, step] of STEPS.entries()) {
    await project.write('models/user.ts', `${HEADER}${step.user}\n`);
    await project.write('models/post.ts', `${HEADER}import { User } from './user.js';\n${step.post}\n`);
    const gen = await project.run(['migrate:generate', '--message', step.message]);
    assert.equal(gen.code, 0, `generate step ${i + 1}: ${gen.stderr}${gen.stdout}`);
    assert.match(gen.stdout, /Generated migration: migrations\/\d{8}_\d{6}_/);
    const up = await project.run(['migrate:up', ...(step.flags ?? [])]);
    assert.equal(up.code, 0, `up step ${i + 1}: ${up.stderr}${up.stdout}`);
    assert.match(up.stdout, /✅ Applied 1 migration\(s\)/);
    await assertDatabaseMatchesSnapshot();

    // rows inserted before the next edit must survive every later migration
    withDb((db) => {
      const userId = Number(db.prepare('INSERT INTO users (name, email) VALUES (?, ?)').run(`user${i}`, `u${i}@example.com`).lastInsertRowid);
      expectedUsers.push({ id: userId, name: `user${i}` });
      const titleColumn = i >= 4 ? 'headline' : 'title';
      const postId = Number(db.prepare(`INSERT INTO posts (${titleColumn}, author_id, views) VALUES (?, ?, ?)`).run(`post${i}`, userId, 1000 + i).lastInsertRowid);
      expectedPosts.push({ id: postId, views: 1000 + i });
    });
    withDb((db) => {
      assert.deepStrictEqual(db.prepare('SELECT id, name FROM users ORDER BY id').all(), expectedUsers);
      assert.deepStrictEqual(db.prepare('SELECT id, views FROM posts ORDER BY id').all(), expectedPosts);
    });
  }
  assert.equal((await project.migrations()).length, STEPS.length);

  // nothing left to generate, and .schema.json stays byte-identical
  const schemaBefore = await project.read('migrations/.schema.json');
  const again = await project.run(['migrate:generate', '--message', 'nothing']);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /No changes/);
  assert.equal(await project.read('migrations/.schema.json'), schemaBefore);
  assert.equal((await project.migrations()).length, STEPS.length);

  // down without --allow-destructive is refused (the first migration's down drops tables)
  const refused = await project.run(['migrate:down', '--steps', String(STEPS.length)]);
  assert.equal(refused.code, 3, refused.stderr);
  assert.match(refused.stderr, /TM_DESTRUCTIVE_REFUSED/);

  const down = await project.run(['migrate:down', '--steps', String(STEPS.length), '--allow-destructive']);
  assert.equal(down.code, 0, down.stderr);
  assert.match(down.stdout, new RegExp(`✅ Rolled back ${STEPS.length} migration\\(s\\)`));
  const tables = withDb((db) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all());
  assert.deepStrictEqual(tables, [{ name: '_tidemark_migrations' }]);
});
