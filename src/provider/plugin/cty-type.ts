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

export const ctyTypes = {
  string: 'string',
  number: 'number',
  bool: 'bool',
  list: (element: CtyType): CtyType => ['list', element],
  set: (element: CtyType): CtyType => ['set', element],
  map: (element: CtyType): CtyType => ['map', element],
  object: (attributes: { readonly [attribute: string]: CtyType }): CtyType => ['object', attributes],
} as const;

/** The bytes Terraform expects in `Schema.Attribute.type`. */
export function ctyTypeJson(type: CtyType): Buffer {
  return Buffer.from(JSON.stringify(type));
}

export function describeCtyType(type: CtyType): string {
  return typeof type === 'string' ? type : `${type[0]} of ${JSON.stringify(type[1])}`;
}
