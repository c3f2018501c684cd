import { isTidemarkError, TidemarkError } from '@tidemark/core';

/** `DynamoErrorContext` says what Tidemark was doing when the SDK or the service failed. */
export interface DynamoErrorContext {
  /** The DynamoDB API call (`UpdateTable`). */
  readonly command?: string;
  /** The Tidemark step (`createIndex`, `history`, `lock`). */
  readonly op?: string;
  readonly table?: string;
  /** The URL, password hidden. */
  readonly target?: string;
}

/** The error's AWS name (`ConditionalCheckFailedException`) or Node network code (`ECONNREFUSED`). */
function nativeName(err: unknown): string | undefined {
  const e = err as { name?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return typeof e?.name === 'string' && e.name !== 'Error' ? e.name : undefined;
}

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'TimeoutError']);
const CREDENTIALS = new Set(['CredentialsProviderError', 'UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException',
  'MissingAuthenticationTokenException', 'AccessDeniedException', 'InvalidClientTokenId']);

function hintFor(name: string | undefined, context: DynamoErrorContext): string {
  if (name && NETWORK.has(name)) {
    return `check that DynamoDB answers at ${context.target ?? 'the URL'}; for DynamoDB Local run \`node scripts/dynamodb-local.mjs start\` (or your own) and use its dynamodb://host:port`;
  }
  if (name && CREDENTIALS.has(name)) {
    return 'check the AWS credentials and their permissions (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, SSO login, instance role); Tidemark uses the default credential chain';
  }
  switch (name) {
    case 'ResourceNotFoundException': return `check that table ${context.table ?? ''} exists in this region; \`tidemark migrate:status\` shows what was applied`;
    case 'ResourceInUseException': return `another change to ${context.table ?? 'the table'} is still in progress, or the table already exists; wait, check the table in the console, then run again`;
    case 'LimitExceededException': return 'DynamoDB limits concurrent table and index changes per account; wait for the running ones to finish, then run again';
    case 'ProvisionedThroughputExceededException': case 'ThrottlingException': case 'RequestLimitExceeded':
      return 'DynamoDB throttled the requests; raise the table\'s capacity (or use on-demand) and run again';
    case 'ValidationException': return 'DynamoDB refused the request as invalid; read its message above, fix the migration (or the items it names), then run again';
    default: return 'read the DynamoDB message above; fix the migration or the database, then run again';
  }
}

/**
 * `translateDynamoError` turns anything the AWS SDK throws into TM_BACKEND_ERROR with
 * `details.{op, command, table, awsError, requestId}`, a hint chosen by the kind of failure, and
 * the native error as `cause`, so no raw SDK error leaves the backend. TidemarkErrors pass through.
 */
export function translateDynamoError(err: unknown, context: DynamoErrorContext = {}): TidemarkError {
  if (isTidemarkError(err)) return err;
  const name = nativeName(err);
  const message = err instanceof Error ? err.message : String(err);
  const where = [context.command, context.table && `on ${context.table}`].filter(Boolean).join(' ');
  const requestId = (err as { $metadata?: { requestId?: string } } | null)?.$metadata?.requestId;
  return new TidemarkError('TM_BACKEND_ERROR', {
    message: `dynamodb: ${where ? `${where}: ` : ''}${name && !message.includes(name) ? `${name}: ` : ''}${message}`,
    hint: hintFor(name, context),
    details: { dialect: 'dynamodb', op: context.op, command: context.command, table: context.table, awsError: name, requestId },
    cause: err,
  });
}

/** `awsErrorName` returns the AWS error name a translated (or raw) error carries, if any. */
export function awsErrorName(err: unknown): string | undefined {
  if (isTidemarkError(err)) {
    const name = err.details.awsError;
    return typeof name === 'string' ? name : undefined;
  }
  return nativeName(err);
}
