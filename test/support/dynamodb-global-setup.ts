// vitest globalSetup: when TIDEMARK_DYNAMODB_URL is not set, java is installed, the run may need
// DynamoDB (TIDEMARK_REQUIRE_BACKENDS unset or naming dynamodb) and the selected files can use it,
// ONE DynamoDB Local is started for the whole run (tests isolate themselves by region), its URL
// passed to the test processes in TIDEMARK_DYNAMODB_URL, and it is stopped afterwards (also on
// failure; scripts/dynamodb-local.mjs kills the JVM when this process is gone, however it went).
import { relative, sep } from 'node:path';
import type { TestProject } from 'vitest/node';

/** Test files that talk to DynamoDB when it is reachable. */
const USES_DYNAMODB = ['test/conformance/', 'test/evolution/', 'test/e2e/', 'packages/dynamodb/'];

/** Whether the run may need DynamoDB: the test files it selects (with its path filters) include one that can use it. */
async function wantsDynamoDb(project: TestProject): Promise<boolean> {
  const env = process.env;
  if (env.TIDEMARK_DYNAMODB_URL) return false;
  const required = (env.TIDEMARK_REQUIRE_BACKENDS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (required.length > 0 && !required.includes('dynamodb')) return false;
  // the run's filters (`vitest run <substring> …`); vitest keeps them on its instance
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const { testFiles } = await project.globTestFiles(filters);
  return testFiles.some((file) => USES_DYNAMODB.some((prefix) => relative(project.config.root, file).split(sep).join('/').startsWith(prefix)));
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (!(await wantsDynamoDb(project))) return;
  // @ts-expect-error a plain .mjs script without declarations
  const { hasJava, startDynamoDbLocal } = await import('../../scripts/dynamodb-local.mjs');
  if (!hasJava()) {
    console.error('\n!!! DynamoDB Local NOT started: java was not found (install a Java 17 runtime); the dynamodb tests report it unreachable\n');
    return;
  }
  let dynamo: { url: string; stop(): Promise<void> };
  try {
    dynamo = await startDynamoDbLocal();
  } catch (err) {
    console.error(`\n!!! DynamoDB Local NOT started: ${err instanceof Error ? err.message : String(err)}; the dynamodb tests report it unreachable\n`);
    return;
  }
  // the worker processes are forked after global setup, with this process's environment
  process.env.TIDEMARK_DYNAMODB_URL = dynamo.url;
  console.error(`DynamoDB Local started for this run at ${dynamo.url}`);
  return async () => {
    delete process.env.TIDEMARK_DYNAMODB_URL;
    await dynamo.stop();
  };
}
