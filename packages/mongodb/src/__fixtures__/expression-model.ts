/**
 * A model of the aggregation operators the conversions use, written from MongoDB's documented
 * semantics (https://www.mongodb.com/docs/manual/reference/operator/aggregation/), so tests can
 * evaluate the expressions Tidemark builds on sample values: it checks their structure (which
 * variable is bound where, which branch fails) without a server. It is not MongoDB: where the
 * server differs (number formatting, date parsing corner cases), the live suite is the judge.
 */

/** `Typed` is a number with its BSON type, as the server keeps it. */
export class Typed {
  constructor(readonly type: 'int' | 'long' | 'double' | 'decimal', readonly value: number) {}
}
export const MINKEY = Symbol('MinKey');
const MISSING = undefined;

type Value = unknown;
const num = (v: Value): number | undefined => (v instanceof Typed ? v.value : typeof v === 'number' ? v : undefined);
const isNullish = (v: Value): boolean => v === null || v === MISSING;

function equal(a: Value, b: Value): boolean {
  if (a === MINKEY || b === MINKEY) return a === b;
  const x = num(a); const y = num(b);
  if (x !== undefined && y !== undefined) return x === y;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return JSON.stringify(a) === JSON.stringify(b);
}

class ConversionError extends Error {}

function convert(input: Value, to: string): Value {
  const n = num(input);
  const integer = (bits: number): Typed => {
    let v: number;
    if (n !== undefined) v = Math.trunc(n);
    else if (typeof input === 'boolean') v = input ? 1 : 0;
    else if (typeof input === 'string' && /^[+-]?\d+$/.test(input)) v = Number(input);
    else throw new ConversionError('not an integer');
    if (Math.abs(v) >= 2 ** (bits - 1)) throw new ConversionError('overflow');
    return new Typed(bits === 32 ? 'int' : 'long', v);
  };
  const real = (type: 'double' | 'decimal'): Typed => {
    if (n !== undefined) return new Typed(type, n);
    if (typeof input === 'boolean') return new Typed(type, input ? 1 : 0);
    if (typeof input === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(input)) return new Typed(type, Number(input));
    throw new ConversionError('not a number');
  };
  switch (to) {
    case 'int': return integer(32);
    case 'long': return integer(64);
    case 'double': return real('double');
    case 'decimal': return real('decimal');
    case 'bool': return n !== undefined ? n !== 0 : typeof input === 'boolean' ? input : typeof input === 'string' ? true : (() => { throw new ConversionError('no bool'); })();
    case 'string': return n !== undefined ? String(n) : typeof input === 'boolean' ? String(input) : typeof input === 'string' ? input : (() => { throw new ConversionError('no string'); })();
    default: throw new Error(`model: $convert to ${to}`);
  }
}

function pad(n: number, w = 2): string { return String(n).padStart(w, '0'); }

/** `evaluate` evaluates an aggregation expression against `doc`. */
export function evaluate(expr: Value, doc: Record<string, Value>, vars: Record<string, Value> = {}): Value {
  if (typeof expr === 'string') {
    if (expr.startsWith('$$')) {
      const name = expr.slice(2);
      if (name === 'CURRENT' || name === 'ROOT') return doc;
      if (name === 'NOW' && !(name in vars)) throw new Error('model: bind NOW');
      if (!(name in vars)) throw new Error(`model: unbound variable ${name}`);
      return vars[name];
    }
    if (expr.startsWith('$')) return doc[expr.slice(1)];
    return expr;
  }
  if (Array.isArray(expr)) return expr.map((e) => evaluate(e, doc, vars));
  if (typeof expr !== 'object' || expr === null || expr instanceof Date || expr instanceof Typed) return expr;
  const keys = Object.keys(expr);
  const o = expr as Record<string, Value>;
  if (keys.length === 1 && keys[0] === '$minKey') return MINKEY;
  if (keys.length !== 1 || !keys[0]!.startsWith('$')) return Object.fromEntries(keys.map((k) => [k, evaluate(o[k], doc, vars)]));
  const op = keys[0]!;
  const arg = o[op] as Record<string, Value> & Value[];
  const ev = (e: Value, extra: Record<string, Value> = {}): Value => evaluate(e, doc, { ...vars, ...extra });
  const args = (): Value[] => (Array.isArray(arg) ? arg.map((a) => ev(a)) : [ev(arg)]);
  switch (op) {
    case '$literal': return arg;
    case '$let': {
      const bound = Object.fromEntries(Object.entries(arg.vars as Record<string, Value>).map(([k, v]) => [k, ev(v)]));
      return ev(arg.in, bound);
    }
    case '$cond': {
      const obj = o[op] as Record<string, Value>;
      const [c, t, f] = Array.isArray(arg) ? arg : [obj.if, obj.then, obj.else];
      return ev(c) ? ev(t) : ev(f);
    }
    case '$ifNull': { const [a, b] = arg; const v = ev(a); return isNullish(v) ? ev(b) : v; }
    case '$eq': { const [a, b] = args(); return equal(a, b); }
    case '$ne': { const [a, b] = args(); return !equal(a, b); }
    case '$and': return (arg as Value[]).every((x) => Boolean(ev(x)));
    case '$lt': { const [a, b] = args(); return num(a)! < num(b)!; }
    case '$gt': {
      const [a, b] = args();
      if (a === MISSING || b === MISSING) return a !== MISSING && b === MISSING; // missing sorts below everything
      return (a instanceof Date ? a.getTime() : num(a)!) > (b instanceof Date ? b.getTime() : num(b)!);
    }
    case '$add': {
      const [a, b] = args();
      return a instanceof Date ? new Date(a.getTime() + num(b)!) : num(a)! + num(b)!;
    }
    case '$lte': { const [a, b] = args(); return num(a)! <= num(b)!; }
    case '$in': { const [a, list] = args(); return (list as Value[]).some((x) => equal(a, x)); }
    case '$abs': { const v = ev(Array.isArray(arg) ? arg[0] : arg); return v instanceof Typed ? new Typed(v.type, Math.abs(v.value)) : Math.abs(num(v)!); }
    case '$trunc': { const v = ev(Array.isArray(arg) ? arg[0] : arg); return v instanceof Typed ? new Typed(v.type, Math.trunc(v.value)) : Math.trunc(num(v)!); }
    case '$round': {
      const [v, place] = args();
      const f = 10 ** (num(place) ?? 0);
      const r = Math.round(num(v)! * f) / f;
      return v instanceof Typed ? new Typed(v.type, r) : r;
    }
    case '$toLower': return String(ev(arg)).toLowerCase();
    case '$trim': return String(ev(arg.input)).trim();
    case '$strLenCP': return [...String(ev(Array.isArray(arg) ? arg[0] : arg))].length;
    case '$regexMatch': return new RegExp(String(arg.regex)).test(String(ev(arg.input)));
    case '$switch': {
      for (const b of arg.branches as { case: Value; then: Value }[]) if (ev(b.case)) return ev(b.then);
      return ev(arg.default);
    }
    case '$convert': {
      const input = ev(arg.input);
      if (isNullish(input)) return 'onNull' in arg ? ev(arg.onNull) : null;
      try { return convert(input, String(arg.to)); } catch (err) {
        if (err instanceof ConversionError && 'onError' in arg) return ev(arg.onError);
        throw err;
      }
    }
    case '$dateFromString': {
      const text = String(ev(arg.dateString));
      const d = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z)?)?$/.test(text) ? new Date(text.includes('T') || text.includes(' ') ? `${text.replace(' ', 'T').replace(/Z?$/, 'Z')}` : `${text}T00:00:00Z`) : undefined;
      if (!d || Number.isNaN(d.getTime())) return ev(arg.onError);
      return d;
    }
    case '$dateTrunc': {
      const d = ev(arg.date) as Date;
      if (arg.unit !== 'day') throw new Error('model: $dateTrunc unit');
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    }
    case '$dateToString': {
      const d = ev(arg.date) as Date;
      return String(arg.format)
        .replace('%Y', String(d.getUTCFullYear())).replace('%m', pad(d.getUTCMonth() + 1)).replace('%d', pad(d.getUTCDate()))
        .replace('%H', pad(d.getUTCHours())).replace('%M', pad(d.getUTCMinutes())).replace('%S', pad(d.getUTCSeconds())).replace('%L', pad(d.getUTCMilliseconds(), 3));
    }
    case '$getField': return (ev(arg.input) as Record<string, Value>)[String(ev(arg.field))];
    default: throw new Error(`model: operator ${op} is not modelled`);
  }
}
