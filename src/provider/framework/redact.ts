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
