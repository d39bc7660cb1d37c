import {
  attr,
  Diagnostics,
  eachElement,
  mapKeys,
  mapValues,
  noSurroundingWhitespace,
  notBlank,
  types,
  uniqueElements,
  wholeNumberBetween,
} from '../../../src/provider/framework';
import { validateAttributes } from '../../../src/provider/framework/validate';
import { Unknown } from '../../../src/provider/plugin';

describe('validators', () => {
  test('notBlank rejects empty and white-space-only strings, saying which', () => {
    expect(notBlank().validate('x')).toBeUndefined();
    expect(notBlank().validate(' x ')).toBeUndefined();
    expect(notBlank().validate('')).toBe('Expected a value, got an empty string.');
    expect(notBlank().validate(' \t\n')).toBe('Expected a value, got only white space.');
  });

  test('noSurroundingWhitespace rejects leading or trailing white space and leaves blank values to notBlank', () => {
    expect(noSurroundingWhitespace().validate('a b')).toBeUndefined();
    expect(noSurroundingWhitespace().validate(' lead')).toBe('Expected no white space at the start or end, got " lead".');
    expect(noSurroundingWhitespace().validate('trail\n')).toMatch(/got "trail\\n"/);
    expect(noSurroundingWhitespace().validate('   ')).toBeUndefined();
  });

  test('wholeNumberBetween rejects fractions, values out of range and says the range', () => {
    const limit = wholeNumberBetween(1, 10);
    expect([1, 5, 10].map((value) => limit.validate(value))).toEqual([undefined, undefined, undefined]);
    expect(limit.validate(0)).toBe('Expected a whole number from 1 to 10, got 0.');
    expect(limit.validate(11)).toBe('Expected a whole number from 1 to 10, got 11.');
    expect(limit.validate(2.5)).toBe('Expected a whole number from 1 to 10, got 2.5.');
    const age = wholeNumberBetween(0);
    expect(age.validate(0)).toBeUndefined();
    expect(age.validate(10_000)).toBeUndefined();
    expect(age.validate(-1)).toBe('Expected a whole number 0 or more, got -1.');
    expect(age.validate(1.5)).toBe('Expected a whole number 0 or more, got 1.5.');
  });

  test('eachElement names the position of the first bad element', () => {
    expect(eachElement(notBlank()).validate(['a', 'b'])).toBeUndefined();
    expect(eachElement(notBlank()).validate(['a', ' '])).toBe('Element 1: Expected a value, got only white space.');
  });

  test('uniqueElements names the repeated element', () => {
    expect(uniqueElements<string>().validate(['a', 'b'])).toBeUndefined();
    expect(uniqueElements<string>().validate(['a', 'b', 'a'])).toBe('Expected each element once, got "a" more than once.');
  });

  test('mapKeys names the key; mapValues names the key but never repeats the value, which may be a secret', () => {
    expect(mapKeys(notBlank()).validate({ ' ': 'x' })).toBe('Key " ": Expected a value, got only white space.');
    const problem = mapValues(noSurroundingWhitespace()).validate({ url: 'https://x', token: ' s3cr3t ' });
    expect(problem).toBe('The value of "token" must not start or end with white space.');
    expect(problem).not.toContain('s3cr3t');
    expect(mapValues(notBlank()).validate({ token: 'x' })).toBeUndefined();
  });
});

describe('read-only attributes', () => {
  test('a configured value for a computed, not optional, attribute is an error naming it', () => {
    const diagnostics = new Diagnostics();
    const attributes = {
      name: attr.string({ required: true }),
      slug: attr.string({ computed: true }),
      group_id: attr.string({ optional: true, computed: true }),
      nested: attr.object({ id: attr.string({ computed: true }) }, { optional: true }),
    };
    validateAttributes({ name: 'x', slug: 'mine', group_id: 'g', nested: { id: Unknown } }, attributes, diagnostics);
    expect(diagnostics.all.map((entry) => [entry.path, entry.summary])).toEqual([
      [['slug'], 'slug is read-only'],
      [['nested', 'id'], 'nested.id is read-only'],
    ]);
  });
});

describe('validator messages of sensitive attributes', () => {
  test('a value a validator quotes is redacted when the attribute is sensitive, and kept when it is not', () => {
    const attributes = {
      token: attr.string({ optional: true, sensitive: true, validators: [noSurroundingWhitespace()] }),
      headers: attr.map(types.string, { optional: true, sensitive: true, validators: [mapValues(noSurroundingWhitespace())] }),
      name: attr.string({ optional: true, validators: [noSurroundingWhitespace()] }),
    };
    const diagnostics = new Diagnostics();
    validateAttributes({ token: ' planted-secret-1', headers: { a: 'planted-secret-2 ' }, name: ' visible' }, attributes, diagnostics);
    const details = diagnostics.all.map((entry) => entry.detail ?? '').join('\n');
    expect(diagnostics.all).toHaveLength(3);
    expect(details).not.toContain('planted-secret');
    expect(details).toContain('" visible"');
  });

  test('a sensitive value a validator quotes as JSON is redacted in its escaped form too', () => {
    const attributes = { token: attr.string({ optional: true, sensitive: true, validators: [noSurroundingWhitespace()] }) };
    const diagnostics = new Diagnostics();
    validateAttributes({ token: ' planted"secret\\3' }, attributes, diagnostics);
    expect(diagnostics.all).toHaveLength(1);
    expect(diagnostics.all[0].detail).not.toMatch(/planted|secret/);
  });
});
