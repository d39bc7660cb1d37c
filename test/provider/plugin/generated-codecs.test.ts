import fc from 'fast-check';
import { Enum, Field, MapField, Root, Type } from 'protobufjs';
import { buildMessageTypes } from '../../../src/provider/plugin/message-types';
import descriptor from '../../../src/provider/plugin/tfplugin6.json';

// The provider encodes and decodes with code generated at development time (scripts/compile-proto.mjs). These tests
// hold it to protobufjs' reflection over the same descriptor, which is what the provider used before: for every RPC,
// random messages must give the same bytes and the same decoded objects.
const CONVERSION = { longs: Number, enums: Number, defaults: true, arrays: true, objects: true, oneofs: true } as const;
const root = Root.fromJSON(descriptor as unknown as Parameters<typeof Root.fromJSON>[0]);
root.resolveAll();
const generated = buildMessageTypes();

const rpcs = [
  ...Object.keys(root.lookupService('tfplugin6.Provider').methods).map((method) => ['tfplugin6.Provider', method] as const),
  ['plugin.GRPCController', 'Shutdown'] as const,
];

/** A random plain object for `type`, as a handler returns or Terraform sends (depth-limited for recursive types). */
function messageArbitrary(type: Type, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const oneofMembers = new Set(type.oneofsArray.flatMap((oneof) => oneof.fieldsArray.slice(1).map((field) => field.name)));
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of type.fieldsArray) {
    if (oneofMembers.has(field.name)) continue; // one member per oneof, so the message stays valid
    const value = fieldArbitrary(field, depth);
    if (value) fields[field.name] = value;
  }
  return fc.record(fields, { requiredKeys: [] });
}

function fieldArbitrary(field: Field, depth: number): fc.Arbitrary<unknown> | undefined {
  field.resolve();
  const single = (): fc.Arbitrary<unknown> | undefined => {
    if (field.resolvedType instanceof Type) return depth > 0 ? messageArbitrary(field.resolvedType, depth - 1) : undefined;
    if (field.resolvedType instanceof Enum) return fc.constantFrom(...Object.values(field.resolvedType.values));
    return scalarArbitrary(field.type);
  };
  const value = single();
  if (!value) return undefined;
  if (field instanceof MapField) return fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 3 });
  return field.repeated ? fc.array(value, { maxLength: 3 }) : value;
}

function scalarArbitrary(type: string): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return fc.string({ maxLength: 12 });
    case 'bytes':
      return fc.uint8Array({ maxLength: 12 }).map((bytes) => Buffer.from(bytes));
    case 'bool':
      return fc.boolean();
    case 'int64':
    case 'sint64':
      return fc.maxSafeInteger();
    case 'int32':
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    case 'double':
      return fc.double({ noNaN: true });
    default:
      throw new Error(`no arbitrary for the scalar type ${type}: add one`);
  }
}

describe.each(rpcs)('the generated codecs of %s/%s', (service, method) => {
  const definition = root.lookupService(service).methods[method];
  definition.resolve();
  const requestType = definition.resolvedRequestType as Type;
  const responseType = definition.resolvedResponseType as Type;
  const codec = generated.method(service, method)!;

  test('decode requests as reflection does', () => {
    fc.assert(
      fc.property(messageArbitrary(requestType, 3), (request) => {
        const bytes = requestType.encode(requestType.fromObject(request)).finish();
        expect(codec.decodeRequest(bytes)).toEqual(requestType.toObject(requestType.decode(bytes), CONVERSION));
      }),
      { numRuns: 40 },
    );
  });

  test('encode responses to the bytes reflection gives', () => {
    fc.assert(
      fc.property(messageArbitrary(responseType, 3), (response) => {
        expect(Buffer.from(codec.encodeResponse(response))).toEqual(Buffer.from(responseType.encode(responseType.fromObject(response)).finish()));
      }),
      { numRuns: 40 },
    );
  });
});

test('every RPC of the protocol has generated codecs, and unknown ones none', () => {
  expect(rpcs.filter(([service, method]) => !generated.method(service, method))).toEqual([]);
  expect(generated.method('tfplugin6.Provider', 'constructor')).toBeUndefined();
  expect(generated.method('tfplugin6.Provider', 'Nope')).toBeUndefined();
});
