import assert from 'node:assert/strict';
import { test } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { parseDynamoDbUrl } from './url.js';

test('a local endpoint: http, placeholder credentials, us-east-1 unless ?region=', () => {
  assert.deepEqual(parseDynamoDbUrl('dynamodb://localhost:8000'), {
    kind: 'endpoint', endpoint: 'http://localhost:8000', region: 'us-east-1', credentials: { accessKeyId: 'tidemark', secretAccessKey: 'tidemark' }, isLocal: true,
  });
  const eu = parseDynamoDbUrl('dynamodb://127.0.0.1:9000?region=eu-west-1');
  assert.equal(eu.kind === 'endpoint' && eu.endpoint, 'http://127.0.0.1:9000');
  assert.equal(eu.region, 'eu-west-1');
  assert.equal(eu.isLocal, true);
});

test('credentials in a local URL name a DynamoDB Local database (one per access key and region)', () => {
  const loc = parseDynamoDbUrl('dynamodb://alice:s3cret@localhost:8000');
  assert.deepEqual(loc.kind === 'endpoint' && loc.credentials, { accessKeyId: 'alice', secretAccessKey: 's3cret' });
});

test('another host is an endpoint that is not local', () => {
  const loc = parseDynamoDbUrl('dynamodb://dynamo.internal:8000');
  assert.equal(loc.kind, 'endpoint');
  assert.equal(loc.isLocal, false);
});

test('dynamodb://aws uses the default credential chain: no credentials, region optional', () => {
  assert.deepEqual(parseDynamoDbUrl('dynamodb://aws?region=eu-west-1'), { kind: 'aws', region: 'eu-west-1', isLocal: false });
  assert.deepEqual(parseDynamoDbUrl('dynamodb://aws'), { kind: 'aws', isLocal: false });
});

test('bad URLs are TM_URL_INVALID, naming what is wrong and never printing a secret', () => {
  const refused = (url: string, what: RegExp) => assert.throws(() => parseDynamoDbUrl(url), (err) => {
    assert.ok(isTidemarkError(err, 'TM_URL_INVALID'), String(err));
    assert.match(err.message, what);
    assert.doesNotMatch(err.message, /s3cret/);
    return true;
  });
  refused('postgres://localhost:8000', /not a dynamodb:\/\/ URL/);
  refused('dynamodb://localhost', /no port/);
  refused('dynamodb://localhost:8000/db', /has a path/);
  refused('dynamodb://localhost:8000?table=x', /unknown option table=/);
  refused('dynamodb://localhost:8000?region=no%20way', /invalid region/);
  refused('dynamodb://key:s3cret@aws?region=eu-west-1', /carries credentials/);
  refused('dynamodb://aws:443', /has a port/);
  refused('dynamodb://', /names no host|not a valid URL/);
});

test('a local endpoint without credentials in the URL uses the AWS variables the app uses, so both see one DynamoDB Local database', () => {
  const env = { AWS_ACCESS_KEY_ID: 'appkey', AWS_SECRET_ACCESS_KEY: 'appsecret', AWS_REGION: 'eu-central-1' };
  assert.deepEqual(parseDynamoDbUrl('dynamodb://localhost:8000', env), {
    kind: 'endpoint', endpoint: 'http://localhost:8000', region: 'eu-central-1', credentials: { accessKeyId: 'appkey', secretAccessKey: 'appsecret' }, isLocal: true,
  });
  // the URL still wins, part by part
  const loc = parseDynamoDbUrl('dynamodb://alice:s3cret@localhost:8000?region=us-west-2', env);
  assert.deepEqual(loc.kind === 'endpoint' && [loc.credentials, loc.region], [{ accessKeyId: 'alice', secretAccessKey: 's3cret' }, 'us-west-2']);
  assert.equal(parseDynamoDbUrl('dynamodb://localhost:8000', { AWS_DEFAULT_REGION: 'ap-south-1' }).region, 'ap-south-1');
  // half a key pair is not a key pair
  const half = parseDynamoDbUrl('dynamodb://localhost:8000', { AWS_ACCESS_KEY_ID: 'appkey' });
  assert.deepEqual(half.kind === 'endpoint' && half.credentials, { accessKeyId: 'tidemark', secretAccessKey: 'tidemark' });
});
