import { modelInvalid, type SourceLocation } from '../errors/factories.js';
import type { CheckSnapshot } from '../snapshot/schema-snapshot.js';
import type { CheckDescription } from './model-description.js';

/**
 * `checkOf` turns a `@Check(name, expression)` into the table's check. The name is the
 * constraint's name in the database, so it must be a plain identifier; the expression is SQL the
 * database checks (whether the backend has CHECK constraints is its rule, in
 * core/backend/check-capabilities.ts).
 */
export function checkOf(at: SourceLocation, c: CheckDescription): CheckSnapshot {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(c.name)) {
    throw modelInvalid(at, `@Check name ${JSON.stringify(c.name)} is not a plain identifier`, "name it with letters, digits and _, e.g. @Check('price_positive', 'price > 0')");
  }
  if (c.expression.trim() === '') throw modelInvalid(at, `@Check ${c.name} has an empty expression`, "write the SQL condition, e.g. @Check('price_positive', 'price > 0')");
  return { name: c.name, expression: c.expression.trim() };
}
