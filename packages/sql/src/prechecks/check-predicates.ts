import type { ColumnSnapshot, PortableType } from '@tidemark/core';

/**
 * `CheckPredicates` is what one SQL dialect supplies so the shared prechecks (checks.ts) can be
 * written once: how to test, in that SQL, "is this value a number", "is it written the way an
 * integer is written back", "how long is it as text"… Every expression is over one column of
 * the table being checked, read as stored before the change. The checks themselves — what they count, their messages,
 * hints and samples — are not the dialect's to change (docs/architecture.md: Where each
 * invariant lives).
 */
export interface CheckPredicates {
  /** `quote` quotes a (shortened) table or column name. */
  quote(name: string): string;
  /** `literal` renders a string literal. */
  literal(value: string): string;
  /** `text` is the column's value as the text a conversion to a text-like type gives. */
  text(column: ColumnSnapshot): string;
  /** `readsAsNumber` is a condition: the (non-number) column's value reads as a finite number. */
  readsAsNumber(column: ColumnSnapshot): string;
  /**
   * `isCanonicalNumber` is a condition: the (non-number) column's value is written exactly as a
   * value of `type` is written back (core's narrowing rule, exact-conversion.ts).
   */
  isCanonicalNumber(column: ColumnSnapshot, type: PortableType): string;
  /** `number` is the value as a number: numbers as stored, text (already known to read as one) converted. */
  number(column: ColumnSnapshot): string;
  /** `charLength` is the length in characters of the text expression `text`. */
  charLength(text: string): string;
  /**
   * `converted` is the value of `from` as the column will hold it once it is `to`, for the
   * duplicate check of a unique index or key. Only read once every value check has passed.
   */
  converted(from: ColumnSnapshot, to: ColumnSnapshot): string;
  /** `sized` is the column with the size the dialect really gives it (MySQL's defaults for a missing length or precision). */
  sized(column: ColumnSnapshot): ColumnSnapshot;
  /**
   * `parses` is a condition: the value is one the dialect reads as `to` (a uuid, a date, JSON…),
   * or undefined when the dialect's conversion from `from` does not parse text (or cannot be checked).
   */
  parses?(from: ColumnSnapshot, to: ColumnSnapshot): string | undefined;
  /** `parsesSetup` are statements to run once before a `parses` condition is read. */
  readonly parsesSetup?: readonly string[];
  /**
   * `decodes` is a condition: bytes the conversion to another type can decode as text, where the
   * conversion would fail on other bytes (PostgreSQL); undefined where it cannot fail.
   */
  decodes?(column: ColumnSnapshot): string | undefined;
  /** `rowId` names rows of a table without a key in samples (SQLite's rowid, PostgreSQL's ctid). */
  readonly rowId?: { readonly select: string; readonly order: string };
  /** `fixes` are the data steps the hints propose, in the dialect's SQL (names unquoted, as a user writes them). */
  readonly fixes: {
    numberText(table: string, column: string, to: ColumnSnapshot): string;
    round(table: string, column: string, scale: number): string;
  };
}
