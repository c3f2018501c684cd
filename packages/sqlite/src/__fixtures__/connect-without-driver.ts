// Child process for errors.test.ts: connect while better-sqlite3 cannot be found; print the error.
import { sqliteBackend } from '../index.js';

try {
  await sqliteBackend.connect('sqlite::memory:');
  process.stdout.write('connected\n');
} catch (err) {
  const e = err as { code?: string; hint?: string; details?: unknown };
  process.stdout.write(`${JSON.stringify({ code: e.code, hint: e.hint, details: e.details })}\n`);
}
