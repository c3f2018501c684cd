// The conversion expressions, evaluated on sample values with a model of the operators they
// use (__fixtures__/expression-model.ts): what converts, what fails the precheck, what the
// rewrite writes, and which changes need a precheck or a rewrite at all.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { normalizeColumn, type ColumnSnapshot, type PortableType } from '@tidemark/core';
import { MIN_KEY } from '../document.js';
import { evaluate, MINKEY, Typed } from '../__fixtures__/expression-model.js';
import { conversionFor } from './conversion.js';
import { convertValue } from './convert-value.js';

const col = (type: PortableType, extra: Partial<ColumnSnapshot> = {}): ColumnSnapshot => normalizeColumn({ name: 'v', type, nullable: true, ...extra });

/** What the precheck sees for `value` (MINKEY: it would be counted as failing). */
const checked = (from: ColumnSnapshot, to: ColumnSnapshot, value: unknown) => evaluate(convertValue('$v', from, to, MIN_KEY), { v: value });
/** What the rewrite writes for `value`. */
const rewritten = (from: ColumnSnapshot, to: ColumnSnapshot, value: unknown) => evaluate(conversionFor('t', 'v', from, to).rewriteUpdate[0]!.$set as never, { v: value }) as { v: unknown };

describe('values that convert, and values the precheck counts', () => {
  it('text → boolean reads the usual spellings, case and spaces aside', () => {
    const [f, t] = [col('text'), col('boolean')];
    assert.deepStrictEqual(['true', ' Yes ', 'T', '1', 'false', 'no', '0', 'F'].map((v) => checked(f, t, v)), [true, true, true, true, false, false, false, false]);
    assert.equal(checked(f, t, 'maybe'), MINKEY);
    assert.equal(checked(f, t, null), null);
    assert.equal(checked(f, t, undefined), null);
  });

  it('text → integer accepts whole numbers that fit; fractions, words and overflow fail', () => {
    const [f, t] = [col('text'), col('i32')];
    assert.deepStrictEqual(checked(f, t, '12'), new Typed('int', 12));
    for (const bad of ['4.5', 'abc', '3000000000', '']) assert.equal(checked(f, t, bad), MINKEY, bad);
    assert.deepStrictEqual(checked(f, col('i64'), '3000000000'), new Typed('long', 3000000000));
  });

  it('f64 or decimal → integer fails on fractions (where $convert would truncate) and on overflow', () => {
    assert.deepStrictEqual(checked(col('f64'), col('i32'), new Typed('double', 4)), new Typed('int', 4));
    assert.equal(checked(col('f64'), col('i32'), new Typed('double', 4.5)), MINKEY);
    assert.equal(checked(col('decimal'), col('i64'), new Typed('decimal', 0.25)), MINKEY);
    assert.equal(checked(col('f64'), col('i32'), new Typed('double', 3e9)), MINKEY);
    assert.equal(checked(col('i64'), col('i32'), new Typed('long', 2 ** 31)), MINKEY);
  });

  it('→ decimal(p,s) keeps values that fit the scale, and fails on rounding and past the precision', () => {
    const to = col('decimal', { precision: 4, scale: 2 });
    assert.deepStrictEqual(checked(col('i32'), to, new Typed('int', 5)), new Typed('decimal', 5));
    assert.deepStrictEqual(checked(col('f64'), to, new Typed('double', 2.5)), new Typed('decimal', 2.5));
    assert.equal(checked(col('f64'), to, new Typed('double', 2.346)), MINKEY);
    assert.equal(checked(col('i32'), to, new Typed('int', 123)), MINKEY);
    assert.equal(checked(col('decimal', { precision: 10, scale: 3 }), to, new Typed('decimal', 99.994)), MINKEY);
  });

  it('core narrowing rule: text must be written as the number it becomes, and a decimal must not round', () => {
    const text = conversionFor('t', 'v', col('text'), col('i32'));
    const counted = (filter: { $expr?: unknown } | undefined, v: unknown) => evaluate(filter!.$expr as never, { v });
    assert.equal(text.inexact?.check, 'number text');
    assert.match(text.inexact!.hint, /convert them explicitly first with a data step/);
    for (const v of ['007', ' 7', '7.0', '+7', '-0', '1e3']) {
      assert.equal(checked(col('text'), col('i32'), v), MINKEY, v);
      assert.deepEqual([counted(text.failing, v), counted(text.inexact!.failing, v)], [false, true], `${v} is counted as number text only`);
    }
    for (const v of ['7', '-7', '0']) assert.deepEqual([counted(text.failing, v), counted(text.inexact!.failing, v)], [false, false], v);
    assert.deepEqual([counted(text.failing, 'abc'), counted(text.inexact!.failing, 'abc')], [true, false], 'abc is no number at all');
    assert.equal(checked(col('text'), col('decimal', { precision: 6, scale: 2 }), '007.5'), MINKEY);
    assert.deepStrictEqual(checked(col('text'), col('decimal', { precision: 6, scale: 2 }), '7.5'), new Typed('decimal', 7.5));
    const scale = conversionFor('t', 'v', col('decimal', { precision: 10, scale: 3 }), col('decimal', { precision: 10, scale: 2 }));
    assert.equal(scale.inexact?.check, 'decimal scale');
    assert.deepEqual([counted(scale.failing, new Typed('decimal', 1.234)), counted(scale.inexact!.failing, new Typed('decimal', 1.234))], [false, true]);
    assert.deepEqual([counted(scale.failing, new Typed('decimal', 1.23)), counted(scale.inexact!.failing, new Typed('decimal', 1.23))], [false, false]);
    assert.equal(conversionFor('t', 'v', col('text'), col('f64')).inexact, undefined, 'text → f64 stays lenient');
  });

  it('string length, enum values and the uuid form are checked after the conversion', () => {
    assert.equal(checked(col('text'), col('string', { length: 3 }), 'abcd'), MINKEY);
    assert.equal(checked(col('text'), col('string', { length: 3 }), 'abc'), 'abc');
    assert.equal(checked(col('i32'), col('string', { length: 1 }), new Typed('int', 12)), MINKEY);
    assert.equal(checked(col('text'), col('enum', { values: ['a', 'b'] }), 'c'), MINKEY);
    assert.equal(checked(col('enum', { values: ['a', 'b', 'c'] }), col('enum', { values: ['a', 'b'] }), 'b'), 'b');
    assert.equal(checked(col('text'), col('uuid'), '00000000-0000-0000-0000-00000000000A'), '00000000-0000-0000-0000-00000000000A');
    assert.equal(checked(col('text'), col('uuid'), 'x'), MINKEY);
  });

  it('numbers, booleans and dates → text; text → dates; timestamps → dates keep the day', () => {
    assert.equal(checked(col('i32'), col('text'), new Typed('int', 5)), '5');
    assert.equal(checked(col('boolean'), col('text'), true), 'true');
    assert.equal(checked(col('date'), col('text'), new Date('2024-01-05T00:00:00Z')), '2024-01-05');
    assert.equal(checked(col('timestamp'), col('text'), new Date('2024-01-05T10:20:30.004Z')), '2024-01-05T10:20:30.004Z');
    assert.deepStrictEqual(checked(col('text'), col('timestamp'), '2024-01-01 00:00:05'), new Date('2024-01-01T00:00:05Z'));
    assert.deepStrictEqual(checked(col('text'), col('date'), '2024-01-01T10:00:00Z'), new Date('2024-01-01T00:00:00Z'));
    assert.equal(checked(col('text'), col('date'), 's5'), MINKEY);
    assert.deepStrictEqual(checked(col('timestamp'), col('date'), new Date('2024-01-05T10:20:30Z')), new Date('2024-01-05T00:00:00Z'));
  });

  it('json and bytes convert to nothing else, and nothing converts to them', () => {
    assert.equal(checked(col('json'), col('i32'), { n: 1 }), MINKEY);
    assert.equal(checked(col('json'), col('text'), { n: 1 }), MINKEY);
    assert.equal(checked(col('text'), col('json'), '{}'), MINKEY);
    assert.equal(checked(col('bytes'), col('text'), 'b1'), MINKEY);
    assert.equal(checked(col('date'), col('i64'), new Date(0)), MINKEY);
  });

  it('the rewrite writes the converted value and leaves a value that does not convert as it was', () => {
    assert.deepStrictEqual(rewritten(col('text'), col('boolean'), 'yes'), { v: true });
    assert.deepStrictEqual(rewritten(col('text'), col('boolean'), 'maybe'), { v: 'maybe' });
    assert.deepStrictEqual(rewritten(col('i32'), col('i64'), new Typed('int', 7)), { v: new Typed('long', 7) });
  });

  it('a field whose name is not a plain identifier ($, spaces, quotes, other scripts) is read with $getField', () => {
    for (const name of ['a$b', 'with space', `it's "q"`, '名前']) {
      const c = conversionFor('t', name, col('i32'), col('i64'));
      assert.deepStrictEqual(evaluate(c.rewriteUpdate[0]!.$set as never, { [name]: new Typed('int', 1) }), { [name]: new Typed('long', 1) }, name);
    }
    assert.equal(conversionFor('t', 'plain_name', col('i32'), col('i64')).rewriteUpdate[0]!.$set !== undefined, true);
  });
});

describe('which changes need a precheck or a rewrite', () => {
  const shape = (from: ColumnSnapshot, to: ColumnSnapshot) => { const c = conversionFor('t', 'v', from, to); return [c.mayFail, c.rewrites]; };
  it('widening needs neither, or only a rewrite to the wider BSON type', () => {
    assert.deepStrictEqual(shape(col('string', { length: 10 }), col('string', { length: 20 })), [false, false]);
    assert.deepStrictEqual(shape(col('string', { length: 10 }), col('text')), [false, false]);
    assert.deepStrictEqual(shape(col('i32'), col('i64')), [false, true]);
    assert.deepStrictEqual(shape(col('i32'), col('f64')), [false, true]);
    assert.deepStrictEqual(shape(col('enum', { values: ['a'] }), col('enum', { values: ['a', 'b'] })), [false, false]);
    assert.deepStrictEqual(shape(col('date'), col('timestamp')), [false, false]);
    assert.deepStrictEqual(shape(col('timestamp'), col('date')), [false, true]);
    assert.deepStrictEqual(shape(col('i32'), col('text')), [false, true]);
  });
  it('narrowing or crossing types needs a precheck; changes MongoDB cannot do need no rewrite (the precheck allows only nulls)', () => {
    assert.deepStrictEqual(shape(col('text'), col('string', { length: 5 })), [true, false]);
    assert.deepStrictEqual(shape(col('i64'), col('i32')), [true, true]);
    assert.deepStrictEqual(shape(col('text'), col('boolean')), [true, true]);
    // values that would round are refused, so a smaller scale rewrites nothing
    assert.deepStrictEqual(shape(col('decimal', { precision: 10, scale: 3 }), col('decimal', { precision: 10, scale: 2 })), [true, false]);
    assert.deepStrictEqual(shape(col('json'), col('i32')), [true, false]);
  });
  it('a rewrite keeping the BSON type finds its documents by comparing the value with its converted form', () => {
    const c = conversionFor('t', 'v', col('timestamp'), col('date'));
    const needs = (v: unknown) => evaluate((c.rewriteFilter.$expr as never), { v });
    assert.equal(needs(new Date('2024-01-05T10:00:00Z')), true);
    assert.equal(needs(new Date('2024-01-05T00:00:00Z')), false);
  });
});
