import { DEFAULT_DECIMAL, DEFAULT_STRING_LENGTH, type ColumnSnapshot } from '@tidemark/core';
import { printString } from '../codegen/print-literal.js';

/** `PropertyType` is how a column's portable type is written on a property (README: Models). */
export interface PropertyType {
  /** The TypeScript type, without `| null`. */
  readonly text: string;
  /** A brand imported from `@tidemark/decorators`, if the type is one. */
  readonly brand?: string;
  /** What `@Column({...})` must add for the type to read back: a length, precision and scale, `type: 'date'`. */
  readonly columnOptions: Readonly<Record<string, string | number>>;
  /** Whether a literal default of this type reads back from a property initializer. */
  readonly initializable: boolean;
}

/**
 * `propertyType` is the inverse of the readers' type mapping (generator/src/read/read-type.ts):
 * `number` i32, `bigint` i64, `Float`, `Decimal`, `string` (string(255)), `Text`, `boolean`,
 * `Uuid`, `Date` (timestamp; `date` needs `@Column({ type: 'date' })`), `Json<unknown>`,
 * `Uint8Array`, a string-literal union for an enum.
 */
export function propertyType(c: ColumnSnapshot): PropertyType {
  switch (c.type) {
    case 'i32': return { text: 'number', columnOptions: {}, initializable: true };
    // a bigint initializer would be `5n`, which is not a column default the readers take
    case 'i64': return { text: 'bigint', columnOptions: {}, initializable: false };
    case 'f64': return { text: 'Float', brand: 'Float', columnOptions: {}, initializable: true };
    case 'decimal': {
      const precision = c.precision ?? DEFAULT_DECIMAL.precision;
      const scale = c.scale ?? DEFAULT_DECIMAL.scale;
      const options: Record<string, number> = precision === DEFAULT_DECIMAL.precision && scale === DEFAULT_DECIMAL.scale ? {} : { precision, scale };
      return { text: 'Decimal', brand: 'Decimal', columnOptions: options, initializable: true };
    }
    case 'string': {
      const length = c.length ?? DEFAULT_STRING_LENGTH;
      return { text: 'string', columnOptions: length === DEFAULT_STRING_LENGTH ? {} : { length }, initializable: true };
    }
    case 'text': return { text: 'Text', brand: 'Text', columnOptions: {}, initializable: true };
    case 'boolean': return { text: 'boolean', columnOptions: {}, initializable: true };
    case 'uuid': return { text: 'Uuid', brand: 'Uuid', columnOptions: {}, initializable: true };
    case 'date': return { text: 'Date', columnOptions: { type: 'date' }, initializable: false };
    case 'timestamp': return { text: 'Date', columnOptions: {}, initializable: false };
    case 'json': return { text: 'Json<unknown>', brand: 'Json', columnOptions: {}, initializable: false };
    case 'bytes': return { text: 'Uint8Array', columnOptions: {}, initializable: false };
    case 'enum': return { text: (c.values ?? []).map(printString).join(' | '), columnOptions: {}, initializable: true };
    case 'array': {
      // `@Column({ type: 'string[]', length })`: the element's own options describe each element
      // (an enum array's values have no option here; the read-back check lists it as a difference)
      const element = propertyType({ ...c, type: c.items ?? 'json' });
      const { type: _elementType, ...elementOptions } = element.columnOptions;
      const text = element.text.includes(' | ') ? `(${element.text})[]` : `${element.text}[]`;
      return { text, ...(element.brand ? { brand: element.brand } : {}), columnOptions: { type: `${c.items}[]`, ...elementOptions }, initializable: false };
    }
  }
}
