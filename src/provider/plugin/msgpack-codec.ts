import { CtyType, CtyValue } from './cty-type';
import { decodeWire, encodeWire, MsgpackExt } from './msgpack-wire';
import { isUnknown, Unknown } from './unknown';

/** cty's msgpack encoding of an unknown value: fixext1, extension type 0, one zero byte (`d4 00 00`). */
const UNKNOWN_EXT = new MsgpackExt(0, new Uint8Array([0]));

/** Thrown when bytes from Terraform do not fit the schema's type: a protocol-level bug, reported as a diagnostic. */
export class ValueCodecError extends Error {}

/**
 * Decodes a msgpack `DynamicValue` with its cty type. Every msgpack extension reads as `Unknown`: Terraform sends
 * ext 0 for plain unknowns and ext 12 for refined ones (e.g. "a string starting with x-").
 */
export function decodeMsgpackValue(bytes: Uint8Array, type: CtyType): CtyValue {
  if (bytes.length === 0) return null;
  return fromWire(decodeWire(bytes), type, []);
}

/** Encodes a value with its cty type; objects carry exactly the type's attributes, missing ones as null. */
export function encodeMsgpackValue(value: CtyValue, type: CtyType): Uint8Array {
  return encodeWire(toWire(value, type, []));
}

function fail(path: readonly (string | number)[], message: string): never {
  throw new ValueCodecError(`${path.length ? path.join('.') : '(root)'}: ${message}`);
}

function fromWire(raw: unknown, type: CtyType, path: (string | number)[]): CtyValue {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof MsgpackExt) return Unknown;
  if (typeof type === 'string') return primitiveFromWire(raw, type, path);
  const [kind, inner] = type;
  switch (kind) {
    case 'list':
    case 'set':
      if (!Array.isArray(raw)) fail(path, `expected a ${kind}`);
      return raw.map((item, index) => fromWire(item, inner, [...path, index]));
    case 'map':
      return mapFromWire(raw, inner, path);
    case 'object':
      return objectFromWire(raw, inner, path);
  }
}

function primitiveFromWire(raw: unknown, type: 'string' | 'number' | 'bool', path: (string | number)[]): CtyValue {
  if (type === 'string' && typeof raw === 'string') return raw;
  if (type === 'bool' && typeof raw === 'boolean') return raw;
  if (type === 'number') {
    if (typeof raw === 'number') return raw;
    // cty writes numbers that fit neither int64 nor float64 as their decimal string.
    if (typeof raw === 'string' && raw.trim() !== '' && !Number.isNaN(Number(raw))) return Number(raw);
  }
  return fail(path, `expected a ${type}, got ${typeof raw}`);
}

function mapFromWire(raw: unknown, element: CtyType, path: (string | number)[]): CtyValue {
  if (!isPlainRecord(raw)) fail(path, 'expected a map');
  const result: { [key: string]: CtyValue } = {};
  for (const [key, item] of Object.entries(raw)) result[key] = fromWire(item, element, [...path, key]);
  return result;
}

function objectFromWire(raw: unknown, attributes: { readonly [name: string]: CtyType }, path: (string | number)[]): CtyValue {
  if (!isPlainRecord(raw)) fail(path, 'expected an object');
  const result: { [key: string]: CtyValue } = {};
  for (const [name, attributeType] of Object.entries(attributes)) {
    result[name] = fromWire(raw[name], attributeType, [...path, name]);
  }
  return result;
}

function isPlainRecord(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !(raw instanceof Uint8Array) && !(raw instanceof MsgpackExt);
}

function toWire(value: CtyValue | undefined, type: CtyType, path: (string | number)[]): unknown {
  if (value === null || value === undefined) return null;
  if (isUnknown(value)) return UNKNOWN_EXT;
  if (typeof type === 'string') return primitiveToWire(value, type, path);
  const [kind, inner] = type;
  switch (kind) {
    case 'list':
    case 'set':
      if (!Array.isArray(value)) fail(path, `expected a ${kind}`);
      return value.map((item, index) => toWire(item, inner, [...path, index]));
    case 'map': {
      if (!isValueRecord(value)) fail(path, 'expected a map');
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) result[key] = toWire(item, inner, [...path, key]);
      return result;
    }
    case 'object': {
      if (!isValueRecord(value)) fail(path, 'expected an object');
      const result: Record<string, unknown> = {};
      for (const [name, attributeType] of Object.entries(inner)) result[name] = toWire(value[name], attributeType, [...path, name]);
      return result;
    }
  }
}

function primitiveToWire(value: CtyValue, type: 'string' | 'number' | 'bool', path: (string | number)[]): unknown {
  const expected = { string: 'string', number: 'number', bool: 'boolean' }[type];
  if (typeof value !== expected) fail(path, `expected a ${type}, got ${Array.isArray(value) ? 'array' : typeof value}`);
  if (type === 'number') {
    if (!Number.isFinite(value)) fail(path, 'numbers must be finite');
    // As a decimal string: cty then parses it exactly as it parses numbers from the state file (512-bit precision).
    // Sent as a msgpack int, the number gets another in-memory precision, and Terraform before 1.15 compares the
    // refreshed state with the stored one field by field: every refresh-only plan then looks like a change.
    return String(value);
  }
  return value;
}

function isValueRecord(value: CtyValue): value is { [key: string]: CtyValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}
