// A model set shaped like a real application (issue 9): a base entity every model extends, 40+
// models across files, array columns with defaults, composite and unique-column foreign keys,
// foreign keys without their own index, partial, GIN and trigram indexes, CHECKs. Generated,
// applied on PostgreSQL, checked clean, compared with PostgreSQL's own catalog, rows inserted,
// then rolled all the way back.
import assert from 'node:assert/strict';
import { connect } from '@tidemark/cli';
import pg from 'pg';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { backendsUnderTest, type TestDatabase } from '../backends/index.js';
import { createProject, type TempProject } from '../support/project.js';

const postgres = (await backendsUnderTest()).find((b) => b.harness.name === 'postgres')!;
const FEATURES = 42;

const BASE = `import { Key, Auto, Default, Index } from '@tidemark/decorators';

/** Every model's id and timestamps; not a table itself. */
@Index(['createdAt'])
export abstract class BaseEntity {
  @Key() @Auto() id!: number;
  @Default(Default.now) createdAt!: Date;
  @Default(Default.now) updatedAt!: Date;
  deletedAt?: Date | null;
}
`;

const TENANT = `import { Model, Column, Unique, HasMany } from '@tidemark/decorators';
import { BaseEntity } from './base.js';

@Model()
export class Tenant extends BaseEntity {
  @Unique() @Column({ length: 120 }) slug!: string;
  name!: string;
}
`;

/** One feature model of many: it belongs to the tenant (by its unique slug) and to the model before it. */
function featureModel(i: number): string {
  const name = `Feature${i}`;
  const previous = i > 1 ? `Feature${i - 1}` : undefined;
  return `import { Model, Column, Index, Check, BelongsTo, type Relation } from '@tidemark/decorators';
import { BaseEntity } from './base.js';
import { Tenant } from './tenant.js';
${previous ? `import { ${previous} } from './feature-${i - 1}.js';\n` : ''}
@Model()
@Index(['title'], { where: 'deleted_at IS NULL' })
@Index(['labels'], { using: 'gin' })
${i % 5 === 0 ? "@Index(['title'], { using: 'gin', ops: { title: 'gin_trgm_ops' } })\n" : ''}@Check('${name.toLowerCase()}_rank_positive', 'rank >= 0')
export class ${name} extends BaseEntity {
  @Column({ length: 200 }) title!: string;
  rank: number = 0;
  @Column({ type: 'string[]', length: 40 }) labels: string[] = ['new'];
  @Column({ type: 'i32[]' }) scores!: number[];
  @BelongsTo(() => Tenant, { references: 'slug', onDelete: 'cascade', index: ${i % 2 === 0 ? 'false' : 'true'} }) tenant!: Relation<Tenant>;
${previous ? `  @BelongsTo(() => ${previous}, { onDelete: 'set null' }) parent?: Relation<${previous}> | null;\n` : ''}}
`;
}

const ORDERS = `import { Model, Key, Column, BelongsTo, type Relation } from '@tidemark/decorators';
import { BaseEntity } from './base.js';

@Model()
export class Order extends BaseEntity {
  @Column({ length: 40 }) reference!: string;
}

@Model()
export class OrderLine {
  @Key() orderId!: number;
  @Key() lineNo!: number;
  @BelongsTo(() => Order, { key: 'orderId', onDelete: 'cascade' }) order!: Relation<Order>;
  quantity!: number;
}

@Model()
export class Shipment extends BaseEntity {
  // a composite foreign key to OrderLine's composite key
  @BelongsTo(() => OrderLine, { key: ['lineOrderId', 'lineNo'], onDelete: 'cascade' }) line!: Relation<OrderLine>;
  lineOrderId!: number;
  lineNo!: number;
}
`;

describe('an application-shaped model set on PostgreSQL', { skip: Boolean(postgres.skip) }, () => {
  let project: TempProject;
  let db: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    db = await postgres.harness.create();
    project = await createProject(db.url);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.dispose();
    await project?.cleanup();
  });

  test('is generated, applied, checked clean against the catalog, holds rows, and rolls back', async () => {
    // trigram indexes need pg_trgm: the project's own first migration enables it
    await project.write('models/base.ts', BASE);
    await project.write('models/tenant.ts', TENANT);
    await project.write('models/orders.ts', ORDERS);
    for (let i = 1; i <= FEATURES; i++) await project.write(`models/feature-${i}.ts`, featureModel(i));
    const empty = await project.run(['migrate:generate', '--empty', '-m', 'enable pg_trgm']);
    assert.equal(empty.code, 0, empty.stderr);
    const [extension] = await project.migrations();
    const file = `migrations/${extension}`;
    await project.write(file, (await project.read(file)).replace(/async up\(db\) \{\n[^\n]*\n/, "async up(db) {\n    await db.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm');\n"));

    const generated = await project.run(['migrate:generate', '-m', 'application']);
    assert.equal(generated.code, 0, generated.stderr);

    const up = await project.run(['migrate:up']);
    assert.equal(up.code, 0, up.stderr);
    const check = await project.run(['migrate:check', '--url', db.url]);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.match((await project.run(['migrate:generate', '-m', 'again'])).stdout, /No changes/);

    // PostgreSQL's own catalog, not Tidemark's introspection
    const count = async (sql: string): Promise<number> => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
    const schema = "table_schema = current_schema()";
    assert.equal(await count(`SELECT count(*) AS n FROM information_schema.tables WHERE ${schema} AND table_name NOT LIKE '\\_tidemark%'`), FEATURES + 4);
    assert.equal(await count(`SELECT count(*) AS n FROM information_schema.columns WHERE ${schema} AND data_type = 'ARRAY'`), FEATURES * 2);
    assert.equal(await count("SELECT count(*) AS n FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE '%USING gin (labels)%'"), FEATURES);
    assert.equal(await count("SELECT count(*) AS n FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE '%gin_trgm_ops%'"), Math.floor(FEATURES / 5));
    assert.equal(await count("SELECT count(*) AS n FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE '%WHERE (deleted_at IS NULL)%'"), FEATURES);
    assert.equal(await count("SELECT count(*) AS n FROM pg_constraint WHERE contype = 'c' AND conname LIKE 'feature%_rank_positive'"), FEATURES);
    assert.equal(await count("SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND cardinality(conkey) = 2"), 1, 'one composite foreign key');
    assert.equal(await count("SELECT count(*) AS n FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = c.confkey[1] WHERE c.contype = 'f' AND a.attname = 'slug'"), FEATURES, 'foreign keys to the unique slug');
    // `index: false` on the even features: their tenant_slug column has no index of its own
    assert.equal(await count("SELECT count(*) AS n FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE '%(tenant_slug)%'"), Math.ceil(FEATURES / 2));
    // every table has the base entity's columns, in the base's order first
    const firstColumns = await client.query<{ t: string; cols: string }>(`SELECT table_name AS t, string_agg(column_name, ',' ORDER BY ordinal_position) AS cols FROM information_schema.columns WHERE ${schema} AND table_name LIKE 'feature%' GROUP BY table_name`);
    for (const row of firstColumns.rows) assert.ok(row.cols.startsWith('id,created_at,updated_at,deleted_at,'), `${row.t}: ${row.cols}`);

    // rows: defaults fill the arrays, the database enforces the checks and the composite key
    await client.query("INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme')");
    await client.query("INSERT INTO feature1s (title, scores, tenant_slug) VALUES ('first', '{1,2}', 'acme')");
    const row = (await client.query<{ labels: string[]; scores: number[] }>('SELECT labels, scores FROM feature1s')).rows[0]!;
    assert.deepEqual([row.labels, row.scores], [['new'], [1, 2]]);
    await assert.rejects(client.query("INSERT INTO feature2s (title, rank, scores, tenant_slug) VALUES ('x', -1, '{}', 'acme')"), /feature2_rank_positive/);
    await assert.rejects(client.query('INSERT INTO shipments (line_order_id, line_no) VALUES (1, 1)'), /foreign key/);
    const connection = await connect(db.url, { readOnly: true });
    try {
      assert.equal((await connection.introspect()).tables.length, FEATURES + 4);
    } finally {
      await connection.close();
    }

    const down = await project.run(['migrate:down', '--steps', '2', '--allow-destructive']);
    assert.equal(down.code, 0, down.stderr);
    assert.equal(await count(`SELECT count(*) AS n FROM information_schema.tables WHERE ${schema} AND table_name NOT LIKE '\\_tidemark%'`), 0);
  });
});
