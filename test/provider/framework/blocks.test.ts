import { attr, defineProvider, defineResource, Diagnostics, providerSchemaJson, types, wholeNumberBetween } from '../../../src/provider/framework';
import { toProtocolPath } from '../../../src/provider/framework/attribute-path';
import { toProtocolSchema } from '../../../src/provider/framework/schema';
import { validateAttributes } from '../../../src/provider/framework/validate';
import { ObjectNesting } from '../../../src/provider/plugin/protocol';

const settings = attr.block(
  {
    limit: attr.number({ optional: true, validators: [wholeNumberBetween(1, 10)] }),
    names: attr.list(types.string, { optional: true }),
  },
  { description: 'Settings.' },
);
const attributes = { name: attr.string({ required: true }), settings };

describe('single nested blocks', () => {
  test('are optional objects to the framework', () => {
    expect(settings).toMatchObject({ kind: 'object', optional: true, required: false, computed: false, block: true });
    expect(settings.ctyType).toEqual(['object', { limit: 'number', names: ['list', 'string'] }]);
  });

  test('go to block_types in the protocol schema, not to attributes', () => {
    const { block } = toProtocolSchema(attributes, 0);
    expect(block.attributes.map((attribute) => attribute.name)).toEqual(['name']);
    expect(block.block_types).toHaveLength(1);
    const [nested] = block.block_types ?? [];
    expect(nested).toMatchObject({ type_name: 'settings', nesting: ObjectNesting.SINGLE, block: { description: 'Settings.' } });
    expect(nested.block.attributes.map((attribute) => [attribute.name, attribute.optional])).toEqual([
      ['limit', true],
      ['names', true],
    ]);
  });

  test('appear as block_types with nesting_mode single in the schema JSON the bindings are generated from', () => {
    const provider = defineProvider({
      typeName: 'example',
      attributes: {},
      configure: () => ({}),
      resources: [
        defineResource<{ name: string; settings: { limit: number | null; names: string[] | null } | null }, object>({
          typeName: 'example_thing',
          attributes,
          create: async ({ plan }) => plan as never,
          read: async ({ state }) => state,
          update: async ({ plan }) => plan as never,
          delete: async () => undefined,
        }),
      ],
    });
    const block = providerSchemaJson(provider).provider_schemas['registry.terraform.io/cdktf-snyk/example'].resource_schemas?.example_thing.block;
    expect(Object.keys(block?.attributes ?? {})).toEqual(['name']);
    expect(block?.block_types).toEqual({
      settings: {
        nesting_mode: 'single',
        block: {
          description_kind: 'markdown',
          description: 'Settings.',
          attributes: {
            limit: { type: 'number', description_kind: 'markdown', optional: true },
            names: { type: ['list', 'string'], description_kind: 'markdown', optional: true },
          },
        },
      },
    });
  });

  test('their arguments are validated and addressed like nested attributes', () => {
    const diagnostics = new Diagnostics();
    validateAttributes({ name: 'x', settings: { limit: 0, names: null } }, attributes, diagnostics);
    expect(diagnostics.all.map((entry) => [entry.path, entry.detail])).toEqual([[['settings', 'limit'], 'Expected a whole number from 1 to 10, got 0.']]);
    expect(toProtocolPath(['settings', 'limit'], attributes).steps).toEqual([{ attribute_name: 'settings' }, { attribute_name: 'limit' }]);
  });

  test('cannot be nested in another block', () => {
    expect(() => attr.block({ inner: settings }, {})).toThrow(/blocks inside blocks/);
  });
});
