// Issue 16: the MongoDB live suites hung `npm test` when a server rejected commands. With
// MONGODB_URL pointing at a fake server that answers the handshake and `ping` but rejects every
// other command (test/support/fake-mongodb.ts), the live suite (packages/mongodb/src/live.test.ts)
// and a conformance file must FAIL, and exit, within a bound — and conformance must report the
// case's own error first, then the failed cleanup.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'vitest';
import { startRejectingMongo } from '../support/fake-mongodb.js';
import { REPO_ROOT } from '../support/project.js';

const BOUND_MS = 120_000;

/** Runs test files in a child test runner; resolves with its exit code and output, or `hung` after the bound. */
function runSuites(files: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string; hung: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
      cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += String(c); });
    child.stderr.on('data', (c: Buffer) => { output += String(c); });
    let hung = false;
    const timer = setTimeout(() => { hung = true; child.kill('SIGKILL'); }, BOUND_MS);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, output, hung }); });
  });
}

test('suites against a MongoDB that rejects commands fail within a bound instead of hanging', { timeout: BOUND_MS + 30_000 }, async () => {
  const fake = await startRejectingMongo();
  try {
    // NODE_TEST_CONTEXT would make the child report to this runner instead of running on its own
    const { TIDEMARK_REQUIRE_BACKENDS: _r, TIDEMARK_DYNAMODB_URL: _d, NODE_TEST_CONTEXT: _c, ...rest } = process.env;
    const started = Date.now();
    const run = await runSuites(['packages/mongodb/src/live.test.ts', 'test/conformance/names-and-values.test.ts'], {
      ...rest,
      MONGODB_URL: fake.url,
      // only SQLite (always there) and the fake MongoDB: the other servers are pointed nowhere
      TIDEMARK_POSTGRES_URL: 'postgres://postgres@127.0.0.1:1/none',
      TIDEMARK_MYSQL_URL: 'mysql://root@127.0.0.1:1/none',
    });
    assert.equal(run.hung, false, `the suites were still running after ${BOUND_MS} ms:\n${run.output.slice(-4000)}`);
    assert.notEqual(run.code, 0, `a server that rejects every command cannot pass the suites:\n${run.output.slice(-4000)}`);
    assert.ok(fake.rejected.includes('dropDatabase'), 'the cleanup really met a rejected command');
    assert.match(run.output, /live MongoDB/);
    assert.match(run.output, /requires authentication/);
    // conformance: the case's own error (its first rejected command), then the cleanup's
    assert.match(run.output, /names and values \[mongodb\]/);
    assert.match(run.output, /and cleaning up afterwards failed too: Error: dropping the test database|and cleaning up afterwards failed too: MongoServerError: command dropDatabase requires authentication/);
    console.error(`the suites failed, as they must, in ${Date.now() - started} ms`);
  } finally {
    await fake.close();
  }
});
