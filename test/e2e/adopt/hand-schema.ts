import type { Dialect } from '@tidemark/core';
import { parseDynamoDbUrl } from '@tidemark/dynamodb';
// the raw AWS client, through the backend's internal entry for the repository's harnesses
import { openGateway } from '@tidemark/dynamodb/testing';
import type { TestDatabase } from '../../backends/index.js';

/**
 * The library schema of `LIBRARY_MODELS`, created by hand with each database's own language
 * (SQL, DynamoDB's CreateTable), the way a team's existing database was made before Tidemark,
 * plus `legacy_audit`, a table another tool owns. Sent as native statements, bypassing Tidemark's
 * operations entirely.
 */
export const HAND_SCHEMA: Partial<Record<Dialect, (db: TestDatabase) => Promise<void>>> = {
  sqlite: (db) => sql(db, [
    'CREATE TABLE authors (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL, bio VARCHAR(255))',
    'CREATE TABLE books (id INTEGER NOT NULL PRIMARY KEY, title VARCHAR(255) NOT NULL, author_id INTEGER NOT NULL, pages INTEGER)',
    'CREATE INDEX idx_books_author_id ON books (author_id)',
    'CREATE TABLE legacy_audit (id INTEGER PRIMARY KEY, note TEXT)',
    "INSERT INTO legacy_audit (id, note) VALUES (1, 'kept')",
  ]),
  postgres: (db) => sql(db, [
    'CREATE TABLE authors (id integer PRIMARY KEY, name varchar(255) NOT NULL, bio varchar(255))',
    'CREATE TABLE books (id integer PRIMARY KEY, title varchar(255) NOT NULL, author_id integer NOT NULL, pages integer)',
    'CREATE INDEX idx_books_author_id ON books (author_id)',
    'CREATE TABLE legacy_audit (id serial PRIMARY KEY, note text)',
    "INSERT INTO legacy_audit (id, note) VALUES (1, 'kept')",
  ]),
  mysql: (db) => sql(db, [
    'CREATE TABLE authors (id INT NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL, bio VARCHAR(255) NULL)',
    'CREATE TABLE books (id INT NOT NULL PRIMARY KEY, title VARCHAR(255) NOT NULL, author_id INT NOT NULL, pages INT NULL, INDEX idx_books_author_id (author_id))',
    'CREATE TABLE legacy_audit (id INT AUTO_INCREMENT PRIMARY KEY, note TEXT)',
    "INSERT INTO legacy_audit (id, note) VALUES (1, 'kept')",
  ]),
  dynamodb: async (db) => {
    const gateway = await openGateway(parseDynamoDbUrl(db.url), 'hand schema');
    try {
      const create = async (input: Record<string, unknown>) => {
        await gateway.send('CreateTable', { BillingMode: 'PAY_PER_REQUEST', ...input } as never);
      };
      await create({ TableName: 'authors', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }] });
      await create({
        TableName: 'books', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }, { AttributeName: 'author_id', AttributeType: 'N' }],
        GlobalSecondaryIndexes: [{ IndexName: 'idx_books_author_id', KeySchema: [{ AttributeName: 'author_id', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
      });
      await create({ TableName: 'legacy_audit', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] });
      await gateway.send('PutItem', { TableName: 'legacy_audit', Item: { id: { S: '1' }, note: { S: 'kept' } } });
    } finally {
      gateway.close();
    }
  },
};

async function sql(db: TestDatabase, statements: readonly string[]): Promise<void> {
  for (const s of statements) await db.connection.applier.execute(s);
}

/** Hand-written models of the schema above, as a team would write them (or `migrate:pull` would). */
export const LIBRARY_MODELS = `import { Model, Key, Index } from '@tidemark/decorators';

@Model()
export class Author {
  @Key() id!: number;
  name!: string;
  bio?: string | null;
}

@Model()
export class Book {
  @Key() id!: number;
  title!: string;
  @Index() authorId!: number;
  pages?: number | null;
}
`;

/** The edit made after the baseline: one new indexed column. */
export const LIBRARY_MODELS_EDITED = LIBRARY_MODELS.replace('  pages?: number | null;\n', '  pages?: number | null;\n  @Index() isbn?: string | null;\n');
