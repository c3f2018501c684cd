/**
 * `DataValue` is a value a data step writes or reads, in JavaScript terms: each backend converts
 * it to what the column's portable type stores (README: "Portable types"), e.g. a boolean becomes
 * 0/1 on SQLite and MySQL, a `Date` an ISO string on SQLite, a json value JSON text on SQL.
 * A decimal is given as a string (or a number) so no digit is lost.
 */
export type DataValue =
  | string | number | bigint | boolean | Date | Uint8Array | null
  | readonly DataValue[] | { readonly [key: string]: DataValue };

/** `Row` is one row or document: column names (as stored, snake_case) to values. */
export type Row = { readonly [column: string]: DataValue };

/** `DataResult` is what a data step reports: how many rows or documents it wrote. */
export interface DataResult {
  readonly rows: number;
}
