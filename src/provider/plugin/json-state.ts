import { CtyType, CtyValue } from './cty-type';
import { ValueCodecError } from './msgpack-codec';

/**
 * Reads stored state JSON (`UpgradeResourceState.raw_state.json`) as a plain JSON object, before any upgrader runs:
 * the stored shape belongs to the schema version it was written with, so it is not checked against today's type.
 */
export function parseRawStateJson(bytes: Uint8Array): Record<string, unknown> {
  const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ValueCodecError('stored state is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/**
 * Coerces a JSON value to a cty type: object attributes the type does not know are dropped, missing ones become
 * null, and a value of the wrong shape is an error naming its path.
 */
export function coerceJsonValue(raw: unknown, type: CtyType, path: (string | number)[] = []): CtyValue {
  if (raw === null || raw === undefined) return null;
  if (typeof type === 'string') {
    if (type === 'string' && typeof raw === 'string') return raw;
    if (type === 'bool' && typeof raw === 'boolean') return raw;
    if (type === 'number' && typeof raw === 'number') return raw;
    if (type === 'number' && typeof raw === 'string' && raw.trim() !== '' && !Number.isNaN(Number(raw))) return Number(raw);
    // Older state or hand-edited state may hold scalars in another primitive form; cty converts these too.
    if (type === 'string' && (typeof raw === 'number' || typeof raw === 'boolean')) return String(raw);
    if (type === 'bool' && (raw === 'true' || raw === 'false')) return raw === 'true';
    throw new ValueCodecError(`${where(path)}: expected a ${type} in stored state`);
  }
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(raw)) throw new ValueCodecError(`${where(path)}: expected a ${kind} in stored state`);
    return raw.map((item, index) => coerceJsonValue(item, inner, [...path, index]));
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ValueCodecError(`${where(path)}: expected an object in stored state`);
  const record = raw as Record<string, unknown>;
  const result: { [key: string]: CtyValue } = {};
  if (kind === 'map') {
    for (const [key, item] of Object.entries(record)) result[key] = coerceJsonValue(item, inner, [...path, key]);
  } else {
    for (const [name, attributeType] of Object.entries(inner)) result[name] = coerceJsonValue(record[name], attributeType, [...path, name]);
  }
  return result;
}

/** The path of a value, for messages (built only when one is thrown). */
function where(path: readonly (string | number)[]): string {
  return path.length ? path.join('.') : '(root)';
}
