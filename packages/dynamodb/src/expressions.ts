import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * `ExpressionBuilder` writes DynamoDB expressions with placeholders only: every attribute name
 * becomes `#n0`, `#n1`… and every value `:v0`, `:v1`…, so reserved words (`select`, `order`),
 * spaces, quotes and dots in column names never reach the expression text
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html).
 * The same names in the same order always give the same text.
 */
export class ExpressionBuilder {
  readonly #names = new Map<string, string>();
  readonly #values: Record<string, AttributeValue> = {};
  #valueCount = 0;

  /** `name` returns the placeholder of an attribute name, the same one each time. */
  name(attribute: string): string {
    let placeholder = this.#names.get(attribute);
    if (!placeholder) {
      placeholder = `#n${this.#names.size}`;
      this.#names.set(attribute, placeholder);
    }
    return placeholder;
  }

  /** `value` returns the placeholder of a new value. */
  value(v: AttributeValue): string {
    const placeholder = `:v${this.#valueCount++}`;
    this.#values[placeholder] = v;
    return placeholder;
  }

  /** `projection` lists attributes for a ProjectionExpression. */
  projection(attributes: readonly string[]): string {
    return [...new Set(attributes)].map((a) => this.name(a)).join(', ');
  }

  /** The ExpressionAttributeNames / ExpressionAttributeValues parts of a request (absent when empty). */
  parts(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttributeValue> } {
    const names = Object.fromEntries([...this.#names].map(([attribute, placeholder]) => [placeholder, attribute]));
    return {
      ...(this.#names.size > 0 ? { ExpressionAttributeNames: names } : {}),
      ...(this.#valueCount > 0 ? { ExpressionAttributeValues: { ...this.#values } } : {}),
    };
  }
}

/** `itemExists` is the condition that an item with this key is still there (so an UpdateItem never creates one). */
export function itemExists(e: ExpressionBuilder, key: readonly string[]): string {
  return key.map((k) => `attribute_exists(${e.name(k)})`).join(' AND ');
}

/** `keyOf` picks the key attributes of an item. */
export function keyOf(item: Record<string, AttributeValue>, key: readonly string[]): Record<string, AttributeValue> {
  return Object.fromEntries(key.map((k) => [k, item[k]!]));
}
