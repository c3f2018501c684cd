import { applyOperation, op, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SchemaOperation, type SchemaSnapshot } from '@tidemark/core';

/**
 * The golden plan tests' fixed input: one `before` schema and one list of operations, each valid
 * against `before` on its own (they are rendered one by one against it, not in sequence), so
 * every backend renders the same questions. Keys are strings so that every backend can hold the
 * tables; operations a backend refuses are part of its expected output.
 */
const empty: SchemaSnapshot = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, tables: [] };

const setup = [
  op.createTable({
    name: 'authors',
    columns: [{ name: 'id', type: 'string', length: 36 }, { name: 'name', type: 'string', length: 100 }, { name: 'email', type: 'string', length: 200, nullable: true }],
    primaryKey: ['id'],
  }),
  op.createTable({
    name: 'books',
    columns: [
      { name: 'id', type: 'string', length: 36 }, { name: 'author_id', type: 'string', length: 36 }, { name: 'editor_id', type: 'string', length: 36, nullable: true },
      { name: 'title', type: 'string', length: 200 }, { name: 'pages', type: 'i32' },
    ],
    primaryKey: ['id'],
    indexes: [{ name: 'idx_books_author_id', columns: ['author_id'] }],
    foreignKeys: [{ name: 'fk_books_author_id', columns: ['author_id'], referencedTable: 'authors', referencedColumns: ['id'] }],
  }),
];

/** The schema every operation is rendered against. */
export const before: SchemaSnapshot = setup.reduce<SchemaSnapshot>((schema, o) => applyOperation(schema, o), empty);

/** The operations, by a stable name that heads each one's block in the expected files. */
export const operations: readonly (readonly [string, SchemaOperation])[] = [
  ['createTable reviews', op.createTable({
    name: 'reviews',
    columns: [{ name: 'id', type: 'string', length: 36 }, { name: 'book_id', type: 'string', length: 36 }, { name: 'stars', type: 'i32' }, { name: 'body', type: 'text', nullable: true }],
    primaryKey: ['id'],
    indexes: [{ name: 'idx_reviews_book_id', columns: ['book_id'] }],
  })],
  ['dropTable books', op.dropTable('books')],
  ['renameTable authors → writers', op.renameTable('authors', 'writers')],
  ['addColumn books.published_on (nullable date)', op.addColumn('books', { name: 'published_on', type: 'date', nullable: true })],
  ['addColumn books.in_print (boolean, default true)', op.addColumn('books', { name: 'in_print', type: 'boolean', default: true })],
  ['dropColumn authors.email', op.dropColumn('authors', 'email')],
  ['alterColumn books.pages i32 → i64', op.alterColumn('books', 'pages', { type: 'i64' })],
  ['alterColumn authors.name longer', op.alterColumn('authors', 'name', { type: 'string', length: 255 })],
  ['alterColumn authors.email NOT NULL', op.alterColumn('authors', 'email', { type: 'string', length: 200 })],
  ['renameColumn books.title → headline', op.renameColumn('books', 'title', 'headline')],
  ['createIndex books.title', op.createIndex('books', { name: 'idx_books_title', columns: ['title'] })],
  ['createIndex unique authors.email', op.createIndex('authors', { name: 'idx_authors_email', columns: ['email'], unique: true })],
  ['createIndex partial, descending books.pages, title', op.createIndex('books', { name: 'idx_books_pages_title', columns: ['pages', 'title'], where: 'editor_id IS NULL', keyOptions: { pages: { order: 'desc' } } })],
  ['createIndex gin books.title gin_trgm_ops, nulls first', op.createIndex('books', { name: 'idx_books_title_trgm', columns: ['title'], using: 'gin', keyOptions: { title: { ops: 'gin_trgm_ops', nulls: 'first' } } })],
  ['addCheck books pages_positive', op.addCheck('books', { name: 'pages_positive', expression: 'pages > 0' })],
  ['createIndex unique expression lower(authors.email)', op.createIndex('authors', { name: 'idx_authors_lower_email', columns: [], expression: 'lower(email)', unique: true })],
  ['dropIndex idx_books_author_id', op.dropIndex('books', 'idx_books_author_id')],
  ['addForeignKey books.editor_id → authors', op.addForeignKey('books', { name: 'fk_books_editor_id', columns: ['editor_id'], referencedTable: 'authors', referencedColumns: ['id'] })],
  ['dropForeignKey fk_books_author_id', op.dropForeignKey('books', 'fk_books_author_id')],
  ['alterPrimaryKey books (id, author_id)', op.alterPrimaryKey('books', ['id', 'author_id'])],
];
