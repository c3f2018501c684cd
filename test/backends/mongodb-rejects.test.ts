// Issue 16: the MongoDB live suites hung `npm test` when a server rejected commands. With
// MONGODB_URL pointing at a fake server that answers the handshake and `ping` but rejects every
// other command (test/support/fake-mongodb.ts), the live suite (packages/mongodb/src/live.test.ts)
// and a conformance file must FAIL, and exit, within a bound — and conformance must report the
// case's own error first, then the failed cleanup.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'vitest';
import { startRejectingMongo } from '../support/fake-mongodb.js';
import { REPO_ROOT } from '../support/project.js';

const BOUND_MS = 120_000;
const VITEST = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

/** Runs test files in a child vitest; resolves with its exit code and output, or `hung` after the bound. */
function runSuites(files: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string; hung: boolean }> {
  return new Promise((resolve, reject) => {
    // vitest of this repository (vitest.config.ts), run on its own for these files
    const child = spawn(process.execPath, [VITEST, 'run', ...files], {
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
    // this runner's own variables (VITEST, VITEST_POOL_ID, …) stay out of the child's run
    const rest = Object.fromEntries(Object.entries(process.env).filter(([k]) =>
      !['TIDEMARK_REQUIRE_BACKENDS', 'TIDEMARK_DYNAMODB_URL', 'NODE_TEST_CONTEXT', 'FORCE_COLOR', 'NODE_ENV', 'TEST'].includes(k) && !k.startsWith('VITEST')));
    const started = Date.now();
    const run = await runSuites(['packages/mongodb/src/live.test.ts', 'test/conformance/names-and-values.test.ts'], {
      ...rest,
      MONGODB_URL: fake.url,
      // only SQLite (always there) and the fake MongoDB: the other servers are pointed nowhere
      TIDEMARK_POSTGRES_URL: 'postgres://postgres@127.0.0.1:1/none',
      TIDEMARK_MYSQL_URL: 'mysql://root@127.0.0.1:1/none',
      // set, so the child's global setup starts no DynamoDB Local; nothing answers there
      TIDEMARK_DYNAMODB_URL: 'dynamodb://127.0.0.1:1',
      NO_COLOR: '1',
    });
    assert.equal(run.hung, false, `the suites were still running after ${BOUND_MS} ms:\n${run.output.slice(-4000)}`);
    assert.notEqual(run.code, 0, `a server that rejects every command cannot pass the suites:\n${run.output.slice(-4000)}`);
    assert.ok(fake.rejected.includes('dropDatabase'), 'the cleanup really met a rejected command');
    assert.match(run.output, /live MongoDB/);
    assert.match(run.output, /requires authentication/);
    // conformance: the case's own error (its first rejected command), then the cleanup's. vitest
    // prints the AggregateError of test/support/cleanup.ts as its errors, in order, under the case.
    assert.match(run.output, /names and values \[mongodb\]/);
    assert.match(run.output, /FAIL [^\n]*names and values \[mongodb\] > [^\n]*\n\w*Error: [^\n]*requires authentication\n[\s\S]*?(Error: dropping the test database|MongoServerError: command dropDatabase requires authentication)/);
    console.error(`the suites failed, as they must, in ${Date.now() - started} ms`);
  } finally {
    await fake.close();
  }
});
