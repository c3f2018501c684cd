const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `printString` renders a string as a single-quoted TypeScript literal. */
export function printString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

const keys = new Map<string, string>();
/** A key as written in an object literal: bare where legal, quoted otherwise (cached: keys repeat). */
function printKey(key: string): string {
  let printed = keys.get(key);
  if (printed === undefined) keys.set(key, (printed = IDENTIFIER.test(key) ? key : printString(key)));
  return printed;
}

/**
 * `printLiteral` renders plain data (strings, numbers, booleans, arrays, objects) as compact
 * TypeScript source, the way a person would write it: single quotes, unquoted keys where legal.
 */
export function printLiteral(value: unknown): string {
  if (typeof value === 'string') return printString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `[${value.map(printLiteral).join(', ')}]`;
  let out = '';
  for (const key in value as Record<string, unknown>) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    out += `${out ? ', ' : ''}${printKey(key)}: ${printLiteral(v)}`;
  }
  return out ? `{ ${out} }` : '{}';
}
