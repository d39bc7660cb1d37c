import { UnknownValue } from './unknown';

/**
 * A cty type in Terraform's JSON notation: `"string"`, `["list","string"]`, `["object",{"a":"number"}]`.
 * The schema sends this JSON as the attribute's `type` bytes, and the value codecs are driven by it.
 */
export type CtyType =
  | 'string'
  | 'number'
  | 'bool'
  | readonly ['list', CtyType]
  | readonly ['set', CtyType]
  | readonly ['map', CtyType]
  | readonly ['object', { readonly [attribute: string]: CtyType }];

/**
 * A decoded value: cty strings, numbers and bools as JS primitives, null as null, lists and sets as arrays, maps and
 * objects as plain objects, and the `Unknown` marker wherever Terraform has no value yet.
 */
export type CtyValue = string | number | boolean | null | UnknownValue | CtyValue[] | { [key: string]: CtyValue };

/** The bytes Terraform expects in `Schema.Attribute.type`. */
export function ctyTypeJson(type: CtyType): Buffer {
  return Buffer.from(JSON.stringify(type));
}
