// Whole migration files through the real migrator, on the MongoDB backend over a runner that
// keeps the catalog: the example project (examples/mongodb) goes up to exactly its
// .schema.json, prints a deterministic dry run, and comes down again; the blog example
// (migrations/, which uses @Auto() keys) is refused before anything runs.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { comparableSnapshot, isTidemarkError, parseSnapshot } from '@tidemark/core';
import { createMigrator, type MigratorEvent } from '@tidemark/migrator';
import { testConnection } from './__fixtures__/connection.js';
import { DdlStateRunner } from './__fixtures__/ddl-state-runner.js';
import { cursorReply, READ_COMMANDS } from './__fixtures__/recording-runner.js';
import { capabilities } from './capabilities.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLE = `${ROOT}examples/mongodb/migrations`;
const ours = { value: { _id: 'migrations', token: 'token-1' }, ok: 1 };

function setUp() {
  const runner = new DdlStateRunner({ databaseName: 'bookshelf' });
  runner.on('findAndModify', ours, ours, ours, ours);
  const conn = testConnection(runner);
  const events: MigratorEvent[] = [];
  return { runner, conn, events };
}

describe('the MongoDB example project', () => {
  it('goes up to exactly its .schema.json, records each migration, and comes down to nothing', async () => {
    const { runner, conn, events } = setUp();
    const migrator = createMigrator({ connection: conn, directory: EXAMPLE, onEvent: (e) => events.push(e), appliedBy: 'test' });
    const up = await migrator.up();
    assert.deepStrictEqual(up.ids, ['20261121_102504_create_authors_books_and_reviews', '20261121_102510_add_page_count_helpful_votes_and_a_rating_index']);
    const expected = parseSnapshot(await readFile(`${EXAMPLE}/.schema.json`, 'utf8'), '.schema.json');
    assert.deepStrictEqual(comparableSnapshot(await conn.introspect()), comparableSnapshot(expected, capabilities));
    const saved = runner.commands.filter((c) => c.update === '_tidemark_migrations').map((c) => (c.updates as { u: { _id: string; outcome: string } }[])[0]!.u);
    // before each step a `running` record (no transactional DDL: a killed run leaves its step), then `applied`
    assert.deepStrictEqual(saved.filter((u) => u.outcome !== 'running').map((u) => [u._id, u.outcome]), up.ids.map((id) => [id, 'applied']));
    assert.deepStrictEqual(saved.filter((u) => u.outcome === 'running').map((u) => [u._id, (u as { stepsApplied?: number }).stepsApplied]), [
      [up.ids[0], 0], [up.ids[0], 1], [up.ids[0], 2], [up.ids[1], 0], [up.ids[1], 1], [up.ids[1], 2],
    ]);
    // the second migration: a nullable column (validator only), a default back-filled, an index
    const isHistory = (c: Record<string, unknown>): boolean => c.update === '_tidemark_migrations';
    const firstApplied = runner.commands.findIndex((c) => isHistory(c) && (c.updates as { u: { _id: string; outcome: string } }[])[0]!.u._id === up.ids[0] && (c.updates as { u: { outcome: string } }[])[0]!.u.outcome === 'applied');
    const second = runner.commands.slice(firstApplied + 1).filter((c) => !isHistory(c));
    assert.deepStrictEqual(second.map((c) => Object.keys(c)[0]!).filter((n) => !READ_COMMANDS.has(n)), ['collMod', 'collMod', 'createIndexes', 'delete']);
    assert.deepStrictEqual(second.filter((c) => c.aggregate === 'reviews').map((c) => (c.pipeline as object[])[0]), [
      { $match: { helpful_votes: { $exists: false } } }, { $match: { helpful_votes: { $exists: false } } },
    ]);

    runner.on('find', cursorReply(up.ids.map((id) => ({ _id: id, checksum: 'x', appliedAt: '2026-01-01T00:00:00.000Z', executionMs: 1, appliedBy: 'test', outcome: 'applied' }))));
    await assert.rejects(migrator.down({ steps: 2 }), (err) => isTidemarkError(err, 'TM_CHECKSUM_CHANGED'), 'the recorded checksums are checked');
  });

  it('prints the same dry run every time: the commands of each step in Extended JSON', async () => {
    const render = async () => {
      const { conn, events } = setUp();
      await createMigrator({ connection: conn, directory: EXAMPLE, onEvent: (e) => events.push(e) }).up({ dryRun: true });
      return events.flatMap((e) => (e.type === 'dry-run' ? [[...e.statements]] : []));
    };
    const [first, second] = await render();
    assert.deepStrictEqual(await render(), [first, second]);
    assert.equal(first!.length, 6);
    assert.match(first![0]!, /^\{"create":"authors","validator":\{"\$jsonSchema":\{"bsonType":"object","required":\["id","name","email","created_at"\]/);
    assert.equal(first![1], '{"createIndexes":"authors","indexes":[{"key":{"id":1},"name":"_tidemark_pk","unique":true},{"key":{"email":1},"name":"idx_authors_email","unique":true}]}');
    assert.deepStrictEqual(second!.slice(1), [
      '{"update":"reviews","updates":[{"q":{"helpful_votes":{"$exists":false}},"u":{"$set":{"helpful_votes":{"$numberInt":"0"}}},"multi":true}]} (in batches of 2 documents by _id)',
      second![2],
      '{"update":"reviews","updates":[{"q":{"helpful_votes":{"$exists":false}},"u":{"$set":{"helpful_votes":{"$numberInt":"0"}}},"multi":true}]} (again for documents written meanwhile)',
      '{"createIndexes":"reviews","indexes":[{"key":{"rating":1},"name":"idx_reviews_rating"}]}',
    ]);
    assert.match(second![2]!, /^\{"collMod":"reviews"/);
  });

  it('comes down again when the history matches the files', async () => {
    const { runner, conn, events } = setUp();
    const migrator = createMigrator({ connection: conn, directory: EXAMPLE, onEvent: (e) => events.push(e), appliedBy: 'test' });
    await migrator.up();
    // the history as a server would hold it: the last record saved under each id (the `running` ones were replaced)
    const saved = runner.commands.filter((c) => c.update === '_tidemark_migrations').map((c) => (c.updates as { u: { _id: string } }[])[0]!.u);
    const records = [...new Map(saved.map((u) => [u._id, u])).values()];
    runner.on('find', cursorReply(records as never));
    const down = await migrator.down({ steps: 2, allowDestructive: true });
    assert.equal(down.ids.length, 2);
    assert.deepStrictEqual((await conn.introspect()).tables, []);
    assert.deepStrictEqual(runner.commands.filter((c) => c.delete === '_tidemark_migrations').map((c) => (c.deletes as { q: object }[])[0]!.q), [...down.ids].map((id) => ({ _id: id })));
  });
});

describe('the blog example (auto-increment keys)', () => {
  it('is refused with TM_UNSUPPORTED_OPERATION before anything runs, and the lock is released', async () => {
    const { runner, conn, events } = setUp();
    const migrator = createMigrator({ connection: conn, directory: `${ROOT}migrations`, onEvent: (e) => events.push(e) });
    await assert.rejects(migrator.up(), (err) => {
      assert.ok(isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION'), String(err));
      assert.match(err.message, /^20261121_085939_create_users_posts_and_comments: mongodb cannot generate values for the auto-increment column users\.id \(mongodb has no sequences\); nothing was applied$/);
      assert.match(err.hint, /drop @Auto\(\).*Uuid/);
      assert.equal(err.exitCode, 2);
      return true;
    });
    assert.deepStrictEqual(runner.names.filter((n) => !READ_COMMANDS.has(n)), ['create', 'findAndModify', 'delete'], 'only the history collection and the lock were touched');
    assert.equal(runner.collections.size, 1);
    assert.deepStrictEqual(events.filter((e) => e.type === 'applying'), []);
  });
});
