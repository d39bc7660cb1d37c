import { decode, encode, ExtData, ExtensionCodec } from '@msgpack/msgpack';
import fc from 'fast-check';
import { decodeWire, encodeWire, MsgpackExt } from '../../../src/provider/plugin/msgpack-wire';

// The reference: @msgpack/msgpack, reading every extension (the timestamp one included) as raw ExtData.
const rawExtensions = new ExtensionCodec();
rawExtensions.register({ type: -1, encode: () => null, decode: (data, type) => new ExtData(type, data) });
const referenceDecode = (bytes: Uint8Array) => decode(bytes, { extensionCodec: rawExtensions });

/** The reference's values with its ExtData as MsgpackExt, for comparison. */
function asWire(value: unknown): unknown {
  if (value instanceof ExtData) return new MsgpackExt(value.type, Uint8Array.from(value.data as Uint8Array));
  if (value instanceof Uint8Array) return Uint8Array.from(value);
  if (Array.isArray(value)) return value.map(asWire);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asWire(item)]));
  return value;
}

/** MsgpackExt as the reference's ExtData, for encoding with it. */
function asReference(value: unknown): unknown {
  if (value instanceof MsgpackExt) return new ExtData(value.type, value.data);
  if (Array.isArray(value)) return value.map(asReference);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asReference(item)]));
  return value;
}

const key = fc.string({ unit: 'grapheme', maxLength: 8 }).filter((text) => text !== '__proto__');
const extension = fc.tuple(fc.integer({ min: -128, max: 127 }), fc.uint8Array({ maxLength: 20 })).map(([type, data]) => new MsgpackExt(type, data));

/** What the cty codec hands the encoder: null, booleans, strings, arrays, records and extensions. */
const encodable: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    extension,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Anything msgpack carries, numbers and bin included, as the reference encodes it. */
const anyMsgpack: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.uint8Array({ maxLength: 20 }),
    extension.map(asReference),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('msgpack wire format', () => {
  test('encodes the bytes the reference library writes', () => {
    fc.assert(
      fc.property(encodable, (value) => {
        expect(Buffer.from(encodeWire(value)).toString('hex')).toBe(Buffer.from(encode(asReference(value), { ignoreUndefined: false })).toString('hex'));
      }),
      { numRuns: 500 },
    );
  });

  test('decodes what the reference library reads, every format included', () => {
    fc.assert(
      fc.property(anyMsgpack, (value) => {
        const bytes = encode(value);
        expect(decodeWire(bytes)).toEqual(asWire(referenceDecode(bytes)));
      }),
      { numRuns: 500 },
    );
  });

  test('lengths at every header size boundary: strings, arrays, maps and extensions', () => {
    for (const length of [0, 15, 16, 31, 32, 255, 256, 65535, 65536]) {
      const text = 'é'.repeat(length >> 1) + 'x'.repeat(length & 1);
      const list = Array.from({ length }, (_, index) => index % 2 === 0);
      const record = Object.fromEntries(list.map((item, index) => [`k${index}`, item]));
      const ext = new MsgpackExt(5, new Uint8Array(length).fill(7));
      for (const value of [text, list, record, ext]) {
        const bytes = encodeWire(value);
        expect(Buffer.from(bytes).equals(Buffer.from(encode(asReference(value))))).toBe(true);
        expect(decodeWire(bytes)).toEqual(value);
      }
    }
  });

  test('float32, which the reference never writes', () => {
    expect(decodeWire(Buffer.from('ca3fc00000', 'hex'))).toBe(1.5);
  });

  test('refuses what is not one whole value', () => {
    const whole = encodeWire({ a: ['x', true] });
    expect(() => decodeWire(whole.subarray(0, whole.length - 1))).toThrow(RangeError);
    expect(() => decodeWire(Buffer.concat([whole, Buffer.from([0xc0])]))).toThrow(/1 bytes after the value/);
    expect(() => decodeWire(Buffer.from([0xc1]))).toThrow(/unknown format 0xc1/);
    expect(() => decodeWire(Buffer.from('81c301', 'hex'))).toThrow(/map key must be a string or a number, got boolean/);
    expect(() => decodeWire(Buffer.from('81a95f5f70726f746f5f5fc0', 'hex'))).toThrow(/__proto__/);
  });
});
