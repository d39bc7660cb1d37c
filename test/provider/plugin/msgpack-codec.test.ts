import { decode, encode, ExtData } from '@msgpack/msgpack';
import fc from 'fast-check';
import { CtyType, CtyValue, decodeMsgpackValue, encodeMsgpackValue, isUnknown, Unknown } from '../../../src/provider/plugin';
import { valuesEqual } from '../../../src/provider/framework/values';

const primitiveType = fc.constantFrom<CtyType>('string', 'number', 'bool');
const attributeName = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);

const ctyType: fc.Arbitrary<CtyType> = fc.letrec<{ type: CtyType }>((tie) => ({
  type: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    primitiveType,
    fc.tuple(fc.constantFrom('list' as const, 'set' as const, 'map' as const), tie('type')).map(([kind, element]) => [kind, element] as CtyType),
    fc.dictionary(attributeName, tie('type'), { maxKeys: 4 }).map((attributes) => ['object', attributes] as CtyType),
  ),
})).type;

/** A value of the given type, with nulls and unknowns anywhere. */
function valueOf(type: CtyType, allowUnknown = true): fc.Arbitrary<CtyValue> {
  const special: fc.Arbitrary<CtyValue>[] = [fc.constant(null), ...(allowUnknown ? [fc.constant(Unknown)] : [])];
  const known = knownValueOf(type, allowUnknown);
  return fc.oneof({ weight: 1, arbitrary: fc.oneof(...special) }, { weight: 4, arbitrary: known });
}

function knownValueOf(type: CtyType, allowUnknown: boolean): fc.Arbitrary<CtyValue> {
  if (type === 'string') return fc.string();
  if (type === 'number') return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)));
  if (type === 'bool') return fc.boolean();
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set') return fc.array(valueOf(inner, allowUnknown), { maxLength: 4 });
  if (kind === 'map') return fc.dictionary(fc.string({ maxLength: 6 }).filter((key) => key !== '__proto__'), valueOf(inner, allowUnknown), { maxKeys: 4 });
  return fc.record(Object.fromEntries(Object.entries(inner).map(([name, attributeType]) => [name, valueOf(attributeType, allowUnknown)])));
}

const typedValue = ctyType.chain((type) => valueOf(type).map((value) => ({ type, value })));

describe('msgpack DynamicValue codec', () => {
  test('every value of every cty type survives a round trip, unknowns and nulls included', () => {
    fc.assert(
      fc.property(typedValue, ({ type, value }) => {
        expect(valuesEqual(decodeMsgpackValue(encodeMsgpackValue(value, type), type), value)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('unknown is written as fixext1 type 0 and null as nil', () => {
    expect(Buffer.from(encodeMsgpackValue(Unknown, 'string')).toString('hex')).toBe('d40000');
    expect(Buffer.from(encodeMsgpackValue(null, ['list', 'string'])).toString('hex')).toBe('c0');
  });

  test('every extension type reads as unknown, e.g. refined unknowns (ext 12)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -128, max: 127 }), fc.uint8Array({ maxLength: 20 }), (extType, data) => {
        expect(isUnknown(decodeMsgpackValue(encode(new ExtData(extType, data)), 'string'))).toBe(true);
      }),
    );
    // What Terraform 1.11 sends for an unknown string known to start with "x-": ext 12 holding {1: true, 2: "x-"}.
    const refinedUnknown = new ExtData(12, encode(new Map<number, unknown>([[1, true], [2, 'x-']])));
    expect(decodeMsgpackValue(encode(['a', refinedUnknown]), ['list', 'string'])).toEqual(['a', Unknown]);
  });

  test('objects carry exactly the schema attributes: missing ones become null, extra ones are dropped', () => {
    const type: CtyType = ['object', { a: 'string', b: 'number' }];
    expect(Buffer.from(encodeMsgpackValue({ a: 'x' }, type))).toEqual(Buffer.from(encode({ a: 'x', b: null })));
    expect(decodeMsgpackValue(encode({ a: 'x', c: true }), type)).toEqual({ a: 'x', b: null });
  });

  test('numbers are written as decimal strings, which cty parses like numbers in the state file', () => {
    expect(decode(encodeMsgpackValue(3, 'number'))).toBe('3');
    expect(decode(encodeMsgpackValue(-0.25, 'number'))).toBe('-0.25');
    expect(decode(encodeMsgpackValue(1.5e300, 'number'))).toBe('1.5e+300');
  });

  test('numbers cty sends as strings are read as numbers', () => {
    expect(decodeMsgpackValue(encode('1.5e300'), 'number')).toBe(1.5e300);
  });

  test('a value of the wrong shape is an error naming the path', () => {
    expect(() => encodeMsgpackValue({ a: 1 }, ['object', { a: 'string' }])).toThrow(/a: expected a string/);
  });
});
