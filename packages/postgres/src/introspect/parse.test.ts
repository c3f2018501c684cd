import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { parseDefault } from './parse-default.js';
import { parseEnumCheck } from './parse-enum-check.js';
import { storedType } from './pg-type.js';

describe('parseDefault reads what pg_get_expr deparses', () => {
  it('numbers, quoted numbers and booleans, by the column type', () => {
    assert.deepEqual(parseDefault('7', 'i32'), { default: 7 });
    assert.deepEqual(parseDefault("'-5'::integer", 'i32'), { default: -5 });
    assert.deepEqual(parseDefault("'9007199254740'::bigint", 'i64'), { default: 9007199254740 });
    assert.deepEqual(parseDefault("'-1.5'::numeric", 'f64'), { default: -1.5 });
    assert.deepEqual(parseDefault("'1000000000000000000000'::numeric", 'f64'), { default: 1e21 });
    assert.deepEqual(parseDefault('2.25', 'decimal'), { default: 2.25 });
    assert.deepEqual(parseDefault('true', 'boolean'), { default: true });
    assert.deepEqual(parseDefault("'f'::boolean", 'boolean'), { default: false });
  });

  it('strings, with quotes and casts, also through text for normalised types', () => {
    assert.deepEqual(parseDefault("'it''s'::text", 'text'), { default: "it's" });
    assert.deepEqual(parseDefault("'x'::character varying", 'string'), { default: 'x' });
    assert.deepEqual(parseDefault("'5'::text", 'text'), { default: '5' });
    assert.deepEqual(parseDefault("('1970-01-01T00:00:00.000Z'::text)::timestamp with time zone", 'timestamp'), { default: '1970-01-01T00:00:00.000Z' });
    assert.deepEqual(parseDefault(`('{"a":1}'::text)::jsonb`, 'json'), { default: '{"a":1}' });
    assert.deepEqual(parseDefault("('a::b)'::text)::uuid", 'uuid'), { default: 'a::b)' });
  });

  it('the current time, sequences, NULL and other expressions', () => {
    assert.deepEqual(parseDefault('CURRENT_TIMESTAMP', 'timestamp'), { default: { fn: 'now' } });
    assert.deepEqual(parseDefault('CURRENT_DATE', 'date'), { default: { fn: 'now' } });
    assert.deepEqual(parseDefault('now()', 'timestamp'), { default: { fn: 'now' } });
    assert.deepEqual(parseDefault("nextval('users_id_seq'::regclass)", 'i32'), { serial: true });
    assert.deepEqual(parseDefault(null, 'text'), {});
    assert.deepEqual(parseDefault('NULL::text', 'text'), {});
    assert.deepEqual(parseDefault('gen_random_uuid()', 'uuid'), {});
    assert.deepEqual(parseDefault("('a'::text || 'b'::text)", 'text'), {});
  });
});

describe('parseEnumCheck reads what pg_get_constraintdef deparses', () => {
  it('several values, one value, none', () => {
    assert.deepEqual(parseEnumCheck("CHECK ((s = ANY (ARRAY['a'::text, 'it''s'::text])))", 's'), ['a', "it's"]);
    assert.deepEqual(parseEnumCheck(`CHECK (("we ""ird"" c" = ANY (ARRAY['x'::text, 'y, z'::text])))`, '"we ""ird"" c"'), ['x', 'y, z']);
    assert.deepEqual(parseEnumCheck("CHECK ((one = 'only'::text))", 'one'), ['only']);
    assert.deepEqual(parseEnumCheck('CHECK ((emp IS NULL))', 'emp'), []);
  });

  it('any other CHECK is not an enum', () => {
    assert.equal(parseEnumCheck('CHECK ((n > 0))', 'n'), undefined);
    assert.equal(parseEnumCheck("CHECK ((s = ANY (ARRAY['a'::text])) AND (length(s) > 0))", 's'), undefined);
    assert.equal(parseEnumCheck("CHECK ((other = 'a'::text))", 's'), undefined);
    assert.equal(parseEnumCheck("CHECK ((s = ANY (ARRAY['a'::character varying])))", 's'), undefined);
  });
});

describe('storedType', () => {
  it('maps PostgreSQL types and typmods back to portable types', () => {
    assert.deepEqual(storedType('int4', -1), { type: 'i32' });
    assert.deepEqual(storedType('int8', -1), { type: 'i64' });
    assert.deepEqual(storedType('float8', -1), { type: 'f64' });
    assert.deepEqual(storedType('numeric', 786439), { type: 'decimal', precision: 12, scale: 3 });
    assert.deepEqual(storedType('numeric', (8 << 16) + 4), { type: 'decimal', precision: 8, scale: 0 });
    assert.deepEqual(storedType('numeric', -1), { type: 'decimal' });
    assert.deepEqual(storedType('varchar', 84), { type: 'string', length: 80 });
    assert.deepEqual(storedType('varchar', -1), { type: 'string' });
    assert.deepEqual(storedType('timestamptz', -1), { type: 'timestamp' });
    assert.deepEqual(storedType('jsonb', -1), { type: 'json' });
    assert.deepEqual(storedType('bytea', -1), { type: 'bytes' });
    assert.deepEqual(storedType('tsvector', -1), { type: 'text' });
  });
});

describe('array columns', () => {
  it('an array type reads as its element type with the element typmod', () => {
    assert.deepEqual(storedType('_varchar', 44), { type: 'array', items: 'string', length: 40 });
    assert.deepEqual(storedType('_numeric', ((8 << 16) | 2) + 4), { type: 'array', items: 'decimal', precision: 8, scale: 2 });
    assert.deepEqual(storedType('_timestamptz', -1), { type: 'array', items: 'timestamp' });
    // arrays of json or bytes are not Tidemark's: they read as text, so check reports them
    assert.deepEqual(storedType('_jsonb', -1), { type: 'text' });
  });

  it('a list default as renderDefault writes it reads back element by element, by the element type', () => {
    assert.deepEqual(parseDefault(`('{"a","b, c","say \\"hi\\"","NULL"}'::text)::character varying(40)[]`, 'array', 'string'), { default: ['a', 'b, c', 'say "hi"', 'NULL'] });
    assert.deepEqual(parseDefault("('{1,-2}'::text)::integer[]", 'array', 'i32'), { default: [1, -2] });
    assert.deepEqual(parseDefault("('{t,f}'::text)::boolean[]", 'array', 'boolean'), { default: [true, false] });
    assert.deepEqual(parseDefault("('{}'::text)::text[]", 'array', 'text'), { default: [] });
    // a NULL element is no list default Tidemark writes
    assert.deepEqual(parseDefault("('{a,NULL}'::text)::text[]", 'array', 'text'), {});
  });

  it('an enum array CHECK reads its values', () => {
    assert.deepEqual(parseEnumCheck("CHECK ((roles <@ ARRAY['admin'::text, 'member'::text]))", 'roles'), ['admin', 'member']);
  });
});
