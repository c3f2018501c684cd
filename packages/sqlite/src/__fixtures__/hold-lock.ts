// Child process for lock.test.ts: takes the migration lock on the database at argv[2], says
// "locked" on stdout, holds it for argv[3] ms while recording a history row, then releases it.
import { setTimeout as sleep } from 'node:timers/promises';
import { connectSqlite } from '../connect.js';

const [url, holdMs] = process.argv.slice(2);
const conn = await connectSqlite(url!);
await conn.withLock(async () => {
  await conn.history.ensure();
  process.stdout.write('locked\n');
  await sleep(Number(holdMs));
  await conn.history.save({ id: 'child', checksum: 'c', appliedAt: new Date().toISOString(), executionMs: Number(holdMs), appliedBy: 'child', outcome: 'applied' });
});
await conn.close();
