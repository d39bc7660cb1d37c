import { CtyValue } from '../plugin/cty-type';
import { REDACTED } from '../plugin/logger';
import { AttributeMap } from './attributes';
import { isObjectValue, ObjectValue } from './values';

/** A copy of a value safe to log: sensitive attributes that hold a value are replaced with a placeholder. */
export function redactValue(value: ObjectValue | null, attributes: AttributeMap): ObjectValue | null {
  if (value === null) return null;
  const result: ObjectValue = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const item: CtyValue = value[name] ?? null;
    if (attribute.sensitive && item !== null) result[name] = REDACTED;
    else if (attribute.nested && isObjectValue(item)) result[name] = redactValue(item, attribute.nested);
    else result[name] = item;
  }
  return result;
}

/**
 * `text` with every string held in `value` (a sensitive attribute's value) replaced with the placeholder, as it is and
 * as written inside a JSON string (validators quote values with JSON.stringify, which escapes `"` and `\`).
 */
export function withoutSensitiveValue(text: string, value: CtyValue): string {
  const secrets = stringsIn(value)
    .flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)])
    .filter((secret) => secret.length > 0)
    .sort((a, b) => b.length - a.length);
  return secrets.reduce((result, secret) => result.split(secret).join(REDACTED), text);
}

function stringsIn(value: CtyValue): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (isObjectValue(value)) return Object.values(value).flatMap(stringsIn);
  return [];
}
