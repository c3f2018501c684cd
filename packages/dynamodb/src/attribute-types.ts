import type { ScalarAttributeType } from '@aws-sdk/client-dynamodb';
import type { PortableType } from '@tidemark/core';

/**
 * `storedAs` is the DynamoDB attribute type a column's values take (README, "Types"): numbers N,
 * text-like types S, booleans BOOL, bytes B, and json its natural shape (M for objects, L for
 * arrays, N/S/BOOL for scalars), written here as 'M'.
 */
export function storedAs(type: PortableType): ScalarAttributeType | 'BOOL' | 'M' {
  switch (type) {
    case 'i32': case 'i64': case 'f64': case 'decimal': return 'N';
    case 'string': case 'text': case 'uuid': case 'date': case 'timestamp': case 'enum': return 'S';
    case 'boolean': return 'BOOL';
    case 'bytes': return 'B';
    case 'json': return 'M';
  }
}

/** `keyAttributeType` is the type a key or index key attribute is declared with; undefined where DynamoDB cannot index the type. */
export function keyAttributeType(type: PortableType): ScalarAttributeType | undefined {
  const t = storedAs(type);
  return t === 'BOOL' || t === 'M' ? undefined : t;
}
