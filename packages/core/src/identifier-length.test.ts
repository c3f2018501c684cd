import assert from 'node:assert/strict';
import { test } from 'vitest';
import { identifierLength, shortenFor, shortenIdentifier, utf8Length } from './identifier-length.js';

test('a name that fits is kept as it is', () => {
  assert.equal(shortenIdentifier('idx_users_email', 63), 'idx_users_email');
  assert.equal(shortenIdentifier('x'.repeat(63), 63), 'x'.repeat(63));
  assert.equal(shortenIdentifier('x'.repeat(500), undefined), 'x'.repeat(500));
});

test('a long name is shortened to the limit, deterministically, and long names sharing a prefix stay distinct', () => {
  const a = `idx_${'a'.repeat(70)}_one`;
  const b = `idx_${'a'.repeat(70)}_two`;
  assert.equal(utf8Length(shortenIdentifier(a, 63)), 63);
  assert.equal(shortenIdentifier(a, 63), shortenIdentifier(a, 63));
  assert.notEqual(shortenIdentifier(a, 63), shortenIdentifier(b, 63));
  assert.match(shortenIdentifier(a, 64), /^idx_a+_[0-9a-f]{8}$/);
});

test('the limit counts UTF-8 bytes and never splits a character', () => {
  const name = 'ä'.repeat(40); // 80 bytes
  const short = shortenIdentifier(name, 63);
  assert.ok(utf8Length(short) <= 63);
  assert.match(short, /^ä+_[0-9a-f]{8}$/);
  assert.equal(utf8Length('日本'), 6);
  assert.equal(utf8Length('😀'), 4);
});

test('a limit in characters (MySQL) counts code points: 64 two-byte letters fit, 65 are shortened to 64', () => {
  assert.equal(identifierLength('ä'.repeat(64), 'characters'), 64);
  assert.equal(identifierLength('ä'.repeat(64), 'bytes'), 128);
  assert.equal(shortenIdentifier('ä'.repeat(64), 64, 'characters'), 'ä'.repeat(64));
  assert.notEqual(shortenIdentifier('ä'.repeat(64), 64), 'ä'.repeat(64), 'the same name over 64 bytes');
  const short = shortenIdentifier('ä'.repeat(65), 64, 'characters');
  assert.equal(identifierLength(short, 'characters'), 64);
  assert.match(short, /^ä{55}_[0-9a-f]{8}$/);
});

test('shortenFor follows the capabilities: their limit and its unit, and keeps names where there is no limit', () => {
  const e64 = '\u00e9'.repeat(64);
  assert.equal(shortenFor({ maxIdentifierLength: 64, identifierLengthUnit: 'characters' })(e64), e64);
  assert.notEqual(shortenFor({ maxIdentifierLength: 64 })(e64), e64);
  assert.equal(utf8Length(shortenFor({ maxIdentifierLength: 63 })('x'.repeat(80))), 63);
  assert.equal(shortenFor({})('x'.repeat(300)), 'x'.repeat(300));
});
