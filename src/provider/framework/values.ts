import { CtyType, CtyValue } from '../plugin/cty-type';
import { isUnknown } from '../plugin/unknown';
import { AttributeMap } from './attributes';

/** The object value of a resource, data source or provider configuration, keyed by attribute name. */
export type ObjectValue = { [attribute: string]: CtyValue };

export function isObjectValue(value: unknown): value is ObjectValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}

/** Deep equality of cty values; with the type, sets compare regardless of order. Unknown equals only unknown. */
export function valuesEqual(a: CtyValue, b: CtyValue, type?: CtyType): boolean {
  // Most comparisons in a plan are of one configured string with itself: no canonical form needed.
  if (a === b) return true;
  return canonical(a, type) === canonical(b, type);
}

function canonical(value: CtyValue, type: CtyType | undefined): string {
  if (isUnknown(value)) return '?unknown';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const kind = Array.isArray(type) ? type[0] : undefined;
  const inner = Array.isArray(type) ? type[1] : undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item, kind === 'list' || kind === 'set' ? (inner as CtyType) : undefined));
    return `[${(kind === 'set' ? items.sort() : items).join(',')}]`;
  }
  const keys = Object.keys(value).sort();
  const elementType = (key: string): CtyType | undefined =>
    kind === 'map' ? (inner as CtyType) : kind === 'object' ? (inner as Record<string, CtyType>)[key] : undefined;
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key], elementType(key))}`).join(',')}}`;
}

export function containsUnknown(value: CtyValue): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isObjectValue(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/** Makes a value carry exactly the schema's attributes (missing ones null, extra ones dropped), nested objects too. */
export function normalizeObject(raw: Readonly<Record<string, unknown>>, attributes: AttributeMap): ObjectValue {
  const result: ObjectValue = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const value = raw[name];
    if (value === undefined) result[name] = null;
    else if (attribute.nested && isObjectValue(value)) result[name] = normalizeObject(value, attribute.nested);
    else result[name] = value as CtyValue;
  }
  return result;
}

/** Deep copy, keeping the Unknown marker. */
export function cloneValue<T extends CtyValue>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (isObjectValue(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cloneValue(item)])) as T;
  return value;
}
