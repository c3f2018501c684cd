import assert from 'node:assert/strict';
import { test } from 'vitest';
import { hashSnapshot, serializeSnapshot } from './canonical-json.js';
import { parseSnapshot } from './parse-snapshot.js';
import { SNAPSHOT_VERSION } from './schema-snapshot.js';
import { SNAPSHOT_UPGRADES, upgradeSnapshotData } from './upgrade-snapshot.js';

/** A `.schema.json` exactly as Tidemark wrote it at format version 1. */
const V1 = `{
  "format": "tidemark.snapshot",
  "version": 1,
  "tables": [
    {
      "name": "users",
      "model": "User",
      "columns": [
        { "name": "id", "type": "i32", "nullable": false, "autoIncrement": true },
        { "name": "tags", "type": "json", "nullable": false },
        { "name": "team_id", "type": "i32", "nullable": true }
      ],
      "primaryKey": ["id"],
      "indexes": [{ "name": "idx_users_team_id", "columns": ["team_id"], "unique": false }],
      "foreignKeys": [{ "name": "fk_users_team_id", "columns": ["team_id"], "referencedTable": "users", "referencedColumns": ["id"], "onDelete": "no action", "onUpdate": "no action" }]
    }
  ]
}
`;

test('every older version has an upgrade step to the next', () => {
  for (let v = 1; v < SNAPSHOT_VERSION; v++) assert.equal(typeof SNAPSHOT_UPGRADES[v], 'function', `no upgrade from version ${v}`);
  assert.equal(upgradeSnapshotData({ version: 1 }, 1, SNAPSHOT_VERSION).version, SNAPSHOT_VERSION);
});

test('a version-1 file reads as the current version and means what it meant (json stays json)', () => {
  const s = parseSnapshot(V1);
  assert.equal(s.version, 2);
  const users = s.tables[0]!;
  assert.deepStrictEqual(users.columns.map((c) => [c.name, c.type]), [['id', 'i32'], ['tags', 'json'], ['team_id', 'i32']]);
  assert.deepStrictEqual(users.columns.find((c) => c.name === 'tags'), { name: 'tags', type: 'json', nullable: false });
  assert.equal(users.foreignKeys.length, 1);
  // written back (when a migration is generated) it is a version-2 file with the same content
  const written = serializeSnapshot(s);
  assert.match(written, /"version": 2,/);
  assert.deepStrictEqual(parseSnapshot(written), s);
});

test('the hash of a schema does not change with the format version, so old migration headers still chain', async () => {
  const fromV1 = parseSnapshot(V1);
  const asV2 = parseSnapshot(V1.replace('"version": 1', '"version": 2'));
  assert.equal(await hashSnapshot(fromV1), await hashSnapshot(asV2));
  assert.equal(await hashSnapshot(fromV1), await hashSnapshot({ ...fromV1, version: 1 } as never));
});
