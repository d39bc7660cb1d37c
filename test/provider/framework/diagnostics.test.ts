import { attr, Diagnostics, types } from '../../../src/provider/framework';
import { toProtocolPath } from '../../../src/provider/framework/attribute-path';
import { validateAttributes } from '../../../src/provider/framework/validate';
import { Unknown } from '../../../src/provider/plugin';
import { example, knownState } from './support/example-resource';

const attributes = {
  credentials: attr.map(types.string, { optional: true, sensitive: true }),
  settings: attr.object({ token: attr.string({ optional: true }) }, { optional: true }),
  names: attr.list(types.string, { optional: true }),
  tags: attr.set(types.string, { optional: true }),
};

describe('attribute paths', () => {
  test('map keys become element_key_string, nested attributes attribute_name, list indexes element_key_int', () => {
    expect(toProtocolPath(['credentials', 'token'], attributes).steps).toEqual([{ attribute_name: 'credentials' }, { element_key_string: 'token' }]);
    expect(toProtocolPath(['settings', 'token'], attributes).steps).toEqual([{ attribute_name: 'settings' }, { attribute_name: 'token' }]);
    expect(toProtocolPath(['names', 2], attributes).steps).toEqual([{ attribute_name: 'names' }, { element_key_int: 2 }]);
  });

  test('a path stops at a set, whose elements cannot be addressed', () => {
    expect(toProtocolPath(['tags', 'x'], attributes).steps).toEqual([{ attribute_name: 'tags' }]);
  });
});

describe('validation', () => {
  const attributesOf = example.attributes as never;
  // A configuration: read-only attributes are null in it.
  const knownConfig = { ...knownState, id: null, secret: null };

  test('validators run on known values and name the attribute', () => {
    const diagnostics = new Diagnostics();
    validateAttributes({ ...knownConfig, name: '', parent_id: 'nope' }, attributesOf, diagnostics);
    expect(diagnostics.all.map((entry) => [entry.path, entry.summary])).toEqual([
      [['name'], 'Invalid value for name'],
      [['parent_id'], 'Invalid value for parent_id'],
      [['status'], 'Deprecated attribute'],
    ]);
  });

  test('unknown and null values are not validated', () => {
    const diagnostics = new Diagnostics();
    validateAttributes({ ...knownConfig, name: Unknown, parent_id: null, status: null }, attributesOf, diagnostics);
    expect(diagnostics.all).toEqual([]);
  });
});
