import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { applyOperations, emptySnapshot, isTidemarkError, op, shortenIdentifier, type SchemaOperation, type SchemaSnapshot } from '@tidemark/core';
import { renderOperation } from './render-operation.js';

const users = op.createTable({
  name: 'users',
  columns: [
    { name: 'id', type: 'i32', autoIncrement: true },
    { name: 'email', type: 'string', length: 120 },
    { name: 'bio', type: 'text', nullable: true },
    { name: 'age', type: 'i32', nullable: true },
  ],
  primaryKey: ['id'],
  indexes: [{ name: 'idx_users_email', columns: ['email'], unique: true }],
});
const posts = op.createTable({
  name: 'posts',
  columns: [{ name: 'id', type: 'i64', autoIncrement: true }, { name: 'user_id', type: 'i32' }, { name: 'title', type: 'string', length: 80 }],
  primaryKey: ['id'],
  foreignKeys: [{ name: 'fk_posts_user_id', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade' }],
});

/** The schema after `ops`, and what `next` renders to on it. */
function render(ops: readonly SchemaOperation[], next: SchemaOperation): string[] {
  return renderOperation(next, applyOperations(emptySnapshot(), ops));
}

const refused = (fn: () => unknown, what: RegExp) =>
  assert.throws(fn, (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && what.test(err.message) && err.hint.length > 0);

describe('MySQL statements for every operation kind', () => {
  it('createTable: one statement with key, indexes, a helper index for an uncovered foreign key, and the constraint', () => {
    assert.deepEqual(render([], users), [
      'CREATE TABLE `users` (\n'
      + '  `id` INT NOT NULL AUTO_INCREMENT,\n'
      + '  `email` VARCHAR(120) NOT NULL,\n'
      + '  `bio` LONGTEXT NULL,\n'
      + '  `age` INT NULL,\n'
      + '  PRIMARY KEY (`id`),\n'
      + '  UNIQUE INDEX `idx_users_email` (`email`)\n'
      + ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
    ]);
    assert.deepEqual(render([users], posts), [
      'CREATE TABLE `posts` (\n'
      + '  `id` BIGINT NOT NULL AUTO_INCREMENT,\n'
      + '  `user_id` INT NOT NULL,\n'
      + '  `title` VARCHAR(80) NOT NULL,\n'
      + '  PRIMARY KEY (`id`),\n'
      + '  INDEX `fk_posts_user_id` (`user_id`),\n'
      + '  CONSTRAINT `fk_posts_user_id` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION\n'
      + ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
    ]);
  });

  it('every portable type, with defaults in the form each type needs', () => {
    const [sql] = render([], op.createTable({
      name: 't',
      columns: [
        { name: 'a', type: 'i32', default: -7 }, { name: 'b', type: 'i64', default: 9007199254740 }, { name: 'c', type: 'f64', default: 1.5 },
        { name: 'd', type: 'decimal', precision: 12, scale: 3, default: 2.25 }, { name: 'e', type: 'string', length: 80, default: "it's \\" },
        { name: 'f', type: 'text', default: 'long' }, { name: 'g', type: 'boolean', default: true }, { name: 'h', type: 'uuid' },
        { name: 'i', type: 'date', default: { fn: 'now' } }, { name: 'j', type: 'timestamp', default: { fn: 'now' } },
        { name: 'k', type: 'json', nullable: true, default: '{}' }, { name: 'l', type: 'bytes', nullable: true }, { name: 'm', type: 'enum', values: ['red', "it's"], default: 'red' },
        { name: 'n', type: 'timestamp', default: '2024-01-01T10:00:00.000Z' }, { name: 'o', type: 'string' }, { name: 'p', type: 'decimal' }, { name: 'q', type: 'decimal', precision: 6 },
      ],
      primaryKey: [],
    }));
    assert.deepEqual(sql!.split('\n').slice(1, -1), [
      '  `a` INT NOT NULL DEFAULT -7,',
      '  `b` BIGINT NOT NULL DEFAULT 9007199254740,',
      '  `c` DOUBLE NOT NULL DEFAULT 1.5,',
      '  `d` DECIMAL(12,3) NOT NULL DEFAULT 2.25,',
      "  `e` VARCHAR(80) NOT NULL DEFAULT 'it''s \\\\',",
      "  `f` LONGTEXT NOT NULL DEFAULT ('long'),",
      '  `g` TINYINT(1) NOT NULL DEFAULT 1,',
      '  `h` CHAR(36) NOT NULL,',
      '  `i` DATE NOT NULL DEFAULT (CURRENT_DATE),',
      '  `j` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),',
      "  `k` JSON NULL DEFAULT ('{}'),",
      '  `l` LONGBLOB NULL,',
      "  `m` ENUM('red','it''s') NOT NULL DEFAULT 'red',",
      "  `n` DATETIME(3) NOT NULL DEFAULT '2024-01-01 10:00:00.000',",
      "  `o` VARCHAR(255) NOT NULL COMMENT 'tidemark:default-size',",
      "  `p` DECIMAL(10,2) NOT NULL COMMENT 'tidemark:default-size',",
      "  `q` DECIMAL(6,0) NOT NULL COMMENT 'tidemark:default-scale'",
    ]);
  });

  it('dropTable, renameTable, dropColumn, renameColumn', () => {
    assert.deepEqual(render([users], op.dropTable('users')), ['DROP TABLE `users`']);
    assert.deepEqual(render([users], op.renameTable('users', 'people')), ['ALTER TABLE `users` RENAME TO `people`']);
    assert.deepEqual(render([users], op.dropColumn('users', 'bio')), ['ALTER TABLE `users` DROP COLUMN `bio`']);
    assert.deepEqual(render([users], op.renameColumn('users', 'email', 'mail')), ['ALTER TABLE `users` RENAME COLUMN `email` TO `mail`']);
    const docs = [users, op.addColumn('users', { name: 'doc', type: 'json', nullable: true, default: '{}' })];
    assert.deepEqual(render(docs, op.renameColumn('users', 'doc', 'data')), ["ALTER TABLE `users` CHANGE COLUMN `doc` `data` JSON NULL DEFAULT ('{}')"]);
  });

  it('addColumn: one statement, or a temporary DEFAULT for the back-fill that the second takes back', () => {
    assert.deepEqual(render([users], op.addColumn('users', { name: 'nick', type: 'string', length: 20, nullable: true })),
      ['ALTER TABLE `users` ADD COLUMN `nick` VARCHAR(20) NULL']);
    assert.deepEqual(render([users], op.addColumn('users', { name: 'score', type: 'i32' }, { backfill: 10 })), [
      'ALTER TABLE `users` ADD COLUMN `score` INT NOT NULL DEFAULT 10',
      'ALTER TABLE `users` ALTER COLUMN `score` DROP DEFAULT',
    ]);
    assert.deepEqual(render([users], op.addColumn('users', { name: 'seen', type: 'timestamp' }, { backfill: '1970-01-01T00:00:00.000Z' })), [
      "ALTER TABLE `users` ADD COLUMN `seen` DATETIME(3) NOT NULL DEFAULT '1970-01-01 00:00:00.000'",
      'ALTER TABLE `users` ALTER COLUMN `seen` DROP DEFAULT',
    ]);
    assert.deepEqual(render([users], op.addColumn('users', { name: 'doc', type: 'json', default: '[]' }, { backfill: '{}' })), [
      "ALTER TABLE `users` ADD COLUMN `doc` JSON NOT NULL DEFAULT ('{}')",
      "ALTER TABLE `users` MODIFY COLUMN `doc` JSON NOT NULL DEFAULT ('[]')",
    ]);
  });

  it('alterColumn: one MODIFY where MySQL converts faithfully', () => {
    assert.deepEqual(render([users], op.alterColumn('users', 'age', { type: 'i64', nullable: true })), ['ALTER TABLE `users` MODIFY COLUMN `age` BIGINT NULL']);
    assert.deepEqual(render([users], op.alterColumn('users', 'email', { type: 'string', length: 200, default: 'anon' })),
      ["ALTER TABLE `users` MODIFY COLUMN `email` VARCHAR(200) NOT NULL DEFAULT 'anon'"]);
  });

  it('alterColumn: indexes over the column are rebuilt in the same statement when their prefix changes', () => {
    const indexed = [users, op.createIndex('users', { name: 'idx_users_bio', columns: ['bio', 'age'] })];
    assert.deepEqual(render(indexed, op.alterColumn('users', 'bio', { type: 'string', length: 50, nullable: true })),
      ['ALTER TABLE `users` MODIFY COLUMN `bio` VARCHAR(50) NULL, DROP INDEX `idx_users_bio`, ADD INDEX `idx_users_bio` (`bio`, `age`)']);
    assert.deepEqual(render([users, op.createIndex('users', { name: 'idx_users_age', columns: ['age'] })], op.alterColumn('users', 'age', { type: 'text', nullable: true })),
      ['ALTER TABLE `users` MODIFY COLUMN `age` LONGTEXT NULL, DROP INDEX `idx_users_age`, ADD INDEX `idx_users_age` (`age`(255))']);
  });

  it('alterColumn to and from boolean, and between enum and numbers, converts the values as SQLite does', () => {
    assert.deepEqual(render([users], op.alterColumn('users', 'bio', { type: 'boolean', nullable: true })), [
      "UPDATE `users` SET `bio` = CASE WHEN LOWER(`bio`) IN ('1', 'true', 't', 'yes') THEN '1' ELSE '0' END WHERE LOWER(`bio`) IN ('1', 'true', 't', 'yes', '0', 'false', 'f', 'no')",
      'ALTER TABLE `users` MODIFY COLUMN `bio` TINYINT(1) NULL',
    ]);
    assert.deepEqual(render([users], op.alterColumn('users', 'age', { type: 'boolean', nullable: true })), [
      'UPDATE `users` SET `age` = CASE WHEN `age` <> 0 THEN 1 ELSE 0 END WHERE `age` NOT IN (0, 1)',
      'ALTER TABLE `users` MODIFY COLUMN `age` TINYINT(1) NULL',
    ]);
    const flag = [users, op.addColumn('users', { name: 'ok', type: 'boolean', nullable: true })];
    assert.deepEqual(render(flag, op.alterColumn('users', 'ok', { type: 'text', nullable: true })), [
      'ALTER TABLE `users` MODIFY COLUMN `ok` LONGTEXT NULL',
      "UPDATE `users` SET `ok` = CASE CAST(`ok` AS CHAR) WHEN '1' THEN 'true' ELSE 'false' END WHERE CAST(`ok` AS CHAR) IN ('0', '1')",
    ]);
    assert.deepEqual(render(flag, op.alterColumn('users', 'ok', { type: 'enum', values: ['true', 'false'], nullable: true })), [
      'ALTER TABLE `users` MODIFY COLUMN `ok` VARCHAR(255) NULL',
      "UPDATE `users` SET `ok` = CASE CAST(`ok` AS CHAR) WHEN '1' THEN 'true' ELSE 'false' END WHERE CAST(`ok` AS CHAR) IN ('0', '1')",
      "ALTER TABLE `users` MODIFY COLUMN `ok` ENUM('true','false') NULL",
    ]);
    assert.deepEqual(render([users], op.alterColumn('users', 'age', { type: 'enum', values: ['1', '2'], nullable: true })), [
      'ALTER TABLE `users` MODIFY COLUMN `age` VARCHAR(255) NULL',
      "ALTER TABLE `users` MODIFY COLUMN `age` ENUM('1','2') NULL",
    ]);
  });

  it('alterPrimaryKey', () => {
    const pairs = op.createTable({ name: 'pairs', columns: [{ name: 'a', type: 'i32' }, { name: 'b', type: 'i32' }], primaryKey: ['a'] });
    assert.deepEqual(render([pairs], op.alterPrimaryKey('pairs', ['b', 'a'])), ['ALTER TABLE `pairs` DROP PRIMARY KEY, ADD PRIMARY KEY (`b`, `a`)']);
    assert.deepEqual(render([pairs], op.alterPrimaryKey('pairs', [])), ['ALTER TABLE `pairs` DROP PRIMARY KEY']);
  });

  it('createIndex and dropIndex, with a prefix on text', () => {
    assert.deepEqual(render([users], op.createIndex('users', { name: 'idx_users_bio_age', columns: ['bio', 'age'] })),
      ['ALTER TABLE `users` ADD INDEX `idx_users_bio_age` (`bio`(255), `age`)']);
    assert.deepEqual(render([users], op.dropIndex('users', 'idx_users_email')), ['ALTER TABLE `users` DROP INDEX `idx_users_email`']);
  });

  it('the helper index of a foreign key comes and goes with the indexes that cover it', () => {
    assert.deepEqual(render([users, posts], op.createIndex('posts', { name: 'idx_posts_user_id', columns: ['user_id', 'title'] })),
      ['ALTER TABLE `posts` ADD INDEX `idx_posts_user_id` (`user_id`, `title`), DROP INDEX `fk_posts_user_id`']);
    const covered = [users, posts, op.createIndex('posts', { name: 'idx_posts_user_id', columns: ['user_id'] })];
    assert.deepEqual(render(covered, op.dropIndex('posts', 'idx_posts_user_id')),
      ['ALTER TABLE `posts` ADD INDEX `fk_posts_user_id` (`user_id`), DROP INDEX `idx_posts_user_id`']);
    assert.deepEqual(render(covered, op.dropForeignKey('posts', 'fk_posts_user_id')), ['ALTER TABLE `posts` DROP FOREIGN KEY `fk_posts_user_id`']);
  });

  it('addForeignKey and dropForeignKey, with the helper index when no index covers the key', () => {
    assert.deepEqual(render([users, posts], op.dropForeignKey('posts', 'fk_posts_user_id')),
      ['ALTER TABLE `posts` DROP FOREIGN KEY `fk_posts_user_id`, DROP INDEX `fk_posts_user_id`']);
    const loose = [users, op.createTable({ name: 'kids', columns: [{ name: 'id', type: 'i32' }, { name: 'user_id', type: 'i32', nullable: true }], primaryKey: ['id'] })];
    assert.deepEqual(render(loose, op.addForeignKey('kids', { name: 'fk_kids_user_id', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'set null', onUpdate: 'restrict' })),
      ['ALTER TABLE `kids` ADD INDEX `fk_kids_user_id` (`user_id`), ADD CONSTRAINT `fk_kids_user_id` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE SET NULL ON UPDATE RESTRICT']);
  });

  it('execute passes SQL text through and refuses other native statements', () => {
    assert.deepEqual(renderOperation(op.execute('UPDATE t SET a = 1'), emptySnapshot()), ['UPDATE t SET a = 1']);
    refused(() => renderOperation(op.execute({ find: 'x' }), emptySnapshot()), /non-SQL/);
  });

  it('names: backquotes doubled, and names over 64 bytes shortened the same way every time', () => {
    const long = `t_${'x'.repeat(80)}`;
    const odd = op.createTable({ name: 'we`ird "name"', columns: [{ name: 'or`der', type: 'i32' }], primaryKey: ['or`der'] });
    assert.match(render([], odd)[0]!, /^CREATE TABLE `we``ird "name"` \(\n {2}`or``der` INT NOT NULL,/);
    const before: SchemaSnapshot = applyOperations(emptySnapshot(), [op.createTable({ name: long, columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] })]);
    const short = shortenIdentifier(long, 64);
    assert.equal(short.length, 64);
    assert.deepEqual(renderOperation(op.dropTable(long), before), [`DROP TABLE \`${short}\``]);
    assert.deepEqual(renderOperation(op.dropTable(long), before), renderOperation(op.dropTable(long), before));
  });

  it('refuses, before anything runs, what MySQL cannot hold', () => {
    refused(() => render([users], op.createIndex('users', { name: 'u_bio', columns: ['bio'], unique: true })), /uniqueness of the text column users\.bio/);
    const docs = op.createTable({ name: 'docs', columns: [{ name: 'id', type: 'i32' }, { name: 'body', type: 'json' }], primaryKey: ['id'] });
    refused(() => render([docs], op.createIndex('docs', { name: 'i_body', columns: ['body'] })), /index the json column docs\.body/);
    const titled = [users, posts, op.createIndex('posts', { name: 'idx_posts_title', columns: ['title'] })];
    refused(() => render(titled, op.alterColumn('posts', 'title', { type: 'json' })), /index the json column posts\.title/);
    refused(() => render([users, posts], op.addForeignKey('posts', { name: 'fk_x', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'set null' })),
      /ON DELETE SET NULL on the NOT NULL column user_id/);
    const optional = [users, op.createTable({ name: 'kids', columns: [{ name: 'id', type: 'i32' }, { name: 'user_id', type: 'i32', nullable: true }], primaryKey: ['id'],
      foreignKeys: [{ name: 'fk_kids_user_id', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'set null' }] })];
    refused(() => render(optional, op.alterColumn('kids', 'user_id', { type: 'i32' })), /SET NULL on the NOT NULL column user_id/);
    refused(() => render([], op.createTable({ name: 'e', columns: [{ name: 'v', type: 'enum', values: [] }], primaryKey: [] })), /enum column v without values/);
    refused(() => render([users], op.alterPrimaryKey('users', ['id', 'age'])), /nullable column users\.age part of the primary key/);
    refused(() => render([users], op.addColumn('users', { name: 'at', type: 'string', default: { fn: 'now' } })), /current time: it is a string column/);
  });
});
