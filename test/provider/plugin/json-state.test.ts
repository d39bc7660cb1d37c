import { coerceJsonValue, parseRawStateJson } from '../../../src/provider/plugin';

describe('stored state JSON', () => {
  test('attributes the type does not know are dropped and missing ones are null', () => {
    const raw = parseRawStateJson(Buffer.from(JSON.stringify({ id: 'x', gone: 1, nested: { a: 'y', z: 2 } })));
    expect(coerceJsonValue(raw, ['object', { id: 'string', added: 'bool', nested: ['object', { a: 'string', b: 'number' }] }])).toEqual({
      id: 'x',
      added: null,
      nested: { a: 'y', b: null },
    });
  });

  test('a non-object is rejected', () => {
    expect(() => parseRawStateJson(Buffer.from('[1]'))).toThrow(/not a JSON object/);
  });
});
