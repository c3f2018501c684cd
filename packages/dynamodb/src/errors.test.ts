import assert from 'node:assert/strict';
import { test } from 'vitest';
import { isTidemarkError, TidemarkError } from '@tidemark/core';
import { awsErrorName, translateDynamoError } from './errors.js';

class ServiceError extends Error {
  readonly $metadata = { requestId: 'req-1' };
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

test('an SDK error becomes TM_BACKEND_ERROR with the call, the table, the AWS name and a fitting hint', () => {
  const err = translateDynamoError(new ServiceError('ResourceNotFoundException', 'Requested resource not found'), { command: 'DescribeTable', table: 'users', op: 'introspect' });
  assert.ok(isTidemarkError(err, 'TM_BACKEND_ERROR'));
  assert.match(err.message, /^dynamodb: DescribeTable on users: ResourceNotFoundException: Requested resource not found$/);
  assert.deepEqual(err.details, { dialect: 'dynamodb', op: 'introspect', command: 'DescribeTable', table: 'users', awsError: 'ResourceNotFoundException', requestId: 'req-1' });
  assert.match(err.hint, /exists in this region/);
  assert.equal(awsErrorName(err), 'ResourceNotFoundException');
});

test('network and credential failures say what to check', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
  assert.match(translateDynamoError(refused, { target: 'dynamodb://localhost:8000' }).hint, /DynamoDB answers at dynamodb:\/\/localhost:8000/);
  assert.match(translateDynamoError(new ServiceError('UnrecognizedClientException', 'bad token')).hint, /AWS credentials/);
});

test('a TidemarkError passes through unchanged', () => {
  const own = new TidemarkError('TM_PRECHECK_FAILED', { message: 'x', hint: 'y' });
  assert.equal(translateDynamoError(own), own);
});
