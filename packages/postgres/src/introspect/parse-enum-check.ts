import { readStringLiteral, unwrap } from './sql-text.js';

/** Reads `'a'::text, 'b'::text` (the whole of `list`) into its values, or undefined. */
function readTextList(list: string): string[] | undefined {
  const values: string[] = [];
  let i = 0;
  while (i < list.length) {
    const lit = readStringLiteral(list, i);
    if (!lit || !list.startsWith('::text', lit.end)) return undefined;
    values.push(lit.value);
    i = lit.end + '::text'.length;
    if (i === list.length) break;
    if (!list.startsWith(', ', i)) return undefined;
    i += 2;
  }
  return values;
}

/**
 * `parseEnumCheck` reads the values of an enum CHECK from its definition as
 * `pg_get_constraintdef` deparses `"c" IN ('a', 'b')`: `CHECK ((c = ANY (ARRAY['a'::text, 'b'::text])))`,
 * `CHECK ((c = 'a'::text))` for one value and `CHECK ((c IS NULL))` for none. `column` is the
 * column as PostgreSQL quotes it (`quote_ident`). Any other CHECK is not an enum: undefined.
 */
export function parseEnumCheck(definition: string, column: string): string[] | undefined {
  if (!definition.startsWith('CHECK ')) return undefined;
  const body = unwrap(definition.slice('CHECK '.length));
  if (body === `${column} IS NULL`) return [];
  // enum[]: `CHECK ((c <@ ARRAY['a'::text, 'b'::text]))`
  const contained = `${column} <@ ARRAY[`;
  if (body.startsWith(contained) && body.endsWith(']')) return readTextList(body.slice(contained.length, -1));
  const any = `${column} = ANY (ARRAY[`;
  if (body.startsWith(any) && body.endsWith('])')) return readTextList(body.slice(any.length, -2));
  const one = `${column} = `;
  if (body.startsWith(one)) {
    const values = readTextList(body.slice(one.length));
    return values?.length === 1 ? values : undefined;
  }
  return undefined;
}
