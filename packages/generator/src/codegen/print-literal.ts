const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `printString` renders a string as a single-quoted TypeScript literal. */
export function printString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
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
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${IDENTIFIER.test(k) ? k : printString(k)}: ${printLiteral(v)}`).join(', ')} }`;
}
