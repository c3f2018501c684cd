import { DEFAULT_LOCK_TIMEOUT_MS, lockTimeoutFromEnv, redactUrl, type StatementListener } from '@tidemark/core';
import { DynamoConnection } from './connection.js';
import { openGateway } from './gateway.js';
import { DEFAULT_LOCK_TTL_MS } from './lock.js';
import { parseDynamoDbUrl } from './url.js';
import { waitTimeoutFromEnv, type WaitEvent } from './wait.js';


/** `DynamoConnectOptions` tune `connectDynamoDb`. */
export interface DynamoConnectOptions {
  /** How long to wait for another run's lock; default TIDEMARK_LOCK_TIMEOUT_MS or 60000. */
  readonly lockTimeoutMs?: number;
  /** How long a lock item lives unless renewed; default 30000. */
  readonly lockTtlMs?: number;
  /** How long to wait for one table or index change; default TIDEMARK_DYNAMODB_WAIT_TIMEOUT_MS or 30 minutes. */
  readonly waitTimeoutMs?: number;
  /** Hears every look at a table or index that was not ready yet (tests, diagnostics). */
  readonly onWait?: (event: WaitEvent) => void;
  /** Hears every API call (`--verbose`): its name and table, never the items. */
  readonly onStatement?: StatementListener;
}

/**
 * `connectDynamoDb` opens a client for a `dynamodb:` URL and returns its `BackendConnection`.
 * No request is made until the first command needs one.
 * @example const conn = await connectDynamoDb('dynamodb://localhost:8000'); try { … } finally { await conn.close(); }
 */
export async function connectDynamoDb(url: string, options: DynamoConnectOptions = {}): Promise<DynamoConnection> {
  const location = parseDynamoDbUrl(url, process.env);
  // the SDK's notice about future Node versions is not Tidemark's output (it went to every command)
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const target = redactUrl(url);
  const db = await openGateway(location, target, options.onStatement);
  return new DynamoConnection(db, {
    target,
    isLocal: location.isLocal,
    lockTimeoutMs: options.lockTimeoutMs ?? lockTimeoutFromEnv(process.env),
    lockTtlMs: options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS,
    wait: { timeoutMs: options.waitTimeoutMs ?? waitTimeoutFromEnv(), onWait: options.onWait },
  });
}

// kept under this package's name too: the lock timeout is read the same way by every backend
export { DEFAULT_LOCK_TIMEOUT_MS, lockTimeoutFromEnv };
