import { redactUrl, urlInvalid } from '@tidemark/core';

/** `DEFAULT_LOCAL_REGION` is the region a local endpoint gets without `?region=`. */
export const DEFAULT_LOCAL_REGION = 'us-east-1';

/**
 * `DynamoDbLocation` is where a `dynamodb:` URL points: a local (or other self-hosted) endpoint
 * reached over http with placeholder credentials, or AWS itself through the default credential
 * chain (environment, shared config and SSO profiles, instance and container roles).
 */
export type DynamoDbLocation =
  | {
    readonly kind: 'endpoint';
    /** `http://host:port`. */
    readonly endpoint: string;
    readonly region: string;
    /** DynamoDB Local keeps a separate database per access key id and region. */
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
    readonly isLocal: boolean;
  }
  | {
    readonly kind: 'aws';
    /** Absent: the SDK's own region resolution (AWS_REGION, the shared config file). */
    readonly region?: string;
    readonly isLocal: false;
  };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '0.0.0.0']);
const REGION = /^[a-z0-9][a-z0-9-]{0,62}$/i;
const ACCESS_KEY = /^[A-Za-z0-9]{1,128}$/;

/** The AWS variables a local endpoint honours (the rest of the environment is not read). */
export interface DynamoDbEnv {
  readonly AWS_ACCESS_KEY_ID?: string | undefined;
  readonly AWS_SECRET_ACCESS_KEY?: string | undefined;
  readonly AWS_REGION?: string | undefined;
  readonly AWS_DEFAULT_REGION?: string | undefined;
}

/**
 * `parseDynamoDbUrl` reads `dynamodb://host:port[?region=…]` (a local endpoint) and `dynamodb://aws[?region=…]` (AWS, default credential
 * chain; credentials in such a URL are refused, since URLs end up in config files and logs).
 * Unknown options are refused rather than ignored.
 *
 * DynamoDB Local (without `-sharedDb`) keeps one database per access key id and region, so a
 * local endpoint takes its credentials and region from, in order: the URL (`key:secret@`,
 * `?region=`), the AWS environment variables the application itself uses (`env`), and only then
 * the placeholders `tidemark` / us-east-1. That way the app and its migrations see the same tables.
 * @example parseDynamoDbUrl('dynamodb://localhost:8000') // { kind: 'endpoint', endpoint: 'http://localhost:8000', region: 'us-east-1', … }
 */
export function parseDynamoDbUrl(url: string, env: DynamoDbEnv = {}): DynamoDbLocation {
  const shown = redactUrl(url);
  if (!/^dynamodb:\/\//i.test(url)) throw urlInvalid(shown, 'is not a dynamodb:// URL (write dynamodb://localhost:8000 or dynamodb://aws?region=eu-west-1)');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw urlInvalid(shown, 'is not a valid URL');
  }
  if (parsed.pathname !== '' && parsed.pathname !== '/') throw urlInvalid(shown, `has a path (${parsed.pathname}); a DynamoDB URL names an endpoint and a region, not a database`);
  if (parsed.hash) throw urlInvalid(shown, 'has a #fragment');
  for (const key of parsed.searchParams.keys()) {
    if (key !== 'region') throw urlInvalid(shown, `has an unknown option ${key}= (the only option is region=)`);
  }
  const region = parsed.searchParams.get('region') ?? undefined;
  if (region !== undefined && !REGION.test(region)) throw urlInvalid(shown, `has an invalid region ${JSON.stringify(region)}`);
  const host = parsed.hostname.toLowerCase();
  if (host === '') throw urlInvalid(shown, 'names no host (write dynamodb://localhost:8000 or dynamodb://aws?region=eu-west-1)');
  if (host === 'aws') {
    if (parsed.username || parsed.password) {
      throw urlInvalid(shown, 'carries credentials; for AWS they come from the default credential chain (AWS_PROFILE, AWS_ACCESS_KEY_ID…, SSO, instance roles), never from the URL');
    }
    if (parsed.port) throw urlInvalid(shown, 'has a port; dynamodb://aws means the AWS service itself');
    return region === undefined ? { kind: 'aws', isLocal: false } : { kind: 'aws', region, isLocal: false };
  }
  if (!parsed.port) throw urlInvalid(shown, 'names no port (DynamoDB Local listens on 8000 by default: dynamodb://localhost:8000)');
  const fromUrl = parsed.username !== '';
  const fromEnv = !fromUrl && Boolean(env.AWS_ACCESS_KEY_ID) && Boolean(env.AWS_SECRET_ACCESS_KEY);
  const accessKeyId = fromUrl ? decodeURIComponent(parsed.username) : fromEnv ? env.AWS_ACCESS_KEY_ID! : 'tidemark';
  if (fromUrl && !ACCESS_KEY.test(accessKeyId)) throw urlInvalid(shown, 'has an access key id that is not letters and digits');
  const secretAccessKey = fromUrl ? decodeURIComponent(parsed.password) || 'tidemark' : fromEnv ? env.AWS_SECRET_ACCESS_KEY! : 'tidemark';
  const envRegion = env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  return {
    kind: 'endpoint',
    endpoint: `http://${parsed.host}`,
    region: region ?? envRegion ?? DEFAULT_LOCAL_REGION,
    credentials: { accessKeyId, secretAccessKey },
    isLocal: LOCAL_HOSTS.has(host),
  };
}
