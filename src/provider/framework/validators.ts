/**
 * Checks one known, non-null attribute value at validate time. Returns a message saying what is accepted, or
 * undefined when the value is fine. The framework adds the attribute path.
 */
export interface Validator<T> {
  readonly description: string;
  validate(value: T): string | undefined;
}

/** A validator from a predicate. */
export function validator<T>(description: string, check: (value: T) => string | undefined): Validator<T> {
  return { description, validate: check };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in its usual 8-4-4-4-12 hex form, any case. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export const uuid = (): Validator<string> =>
  validator('must be a UUID', (value) => (isUuid(value) ? undefined : `Expected a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6, got "${value}".`));

export const oneOf = <T extends string | number>(...allowed: readonly T[]): Validator<T> =>
  validator(`must be one of ${allowed.join(', ')}`, (value) =>
    allowed.includes(value) ? undefined : `Expected one of ${allowed.map((item) => JSON.stringify(item)).join(', ')}, got ${JSON.stringify(value)}.`,
  );

export const stringLengthAtLeast = (minimum: number): Validator<string> =>
  validator(`must be at least ${minimum} characters long`, (value) =>
    value.length >= minimum ? undefined : `Expected at least ${minimum} character${minimum === 1 ? '' : 's'}, got ${value.length}.`,
  );

export const stringLengthAtMost = (maximum: number): Validator<string> =>
  validator(`must be at most ${maximum} characters long`, (value) =>
    value.length <= maximum ? undefined : `Expected at most ${maximum} characters, got ${value.length}.`,
  );

/** `message` says what is accepted, e.g. "an organization slug: lowercase letters, digits and dashes". */
export const regex = (pattern: RegExp, message: string): Validator<string> =>
  validator(`must match ${pattern}`, (value) => (pattern.test(value) ? undefined : `Expected ${message}.`));

export const numberBetween = (minimum: number, maximum: number): Validator<number> =>
  validator(`must be between ${minimum} and ${maximum}`, (value) =>
    value >= minimum && value <= maximum ? undefined : `Expected a number between ${minimum} and ${maximum}, got ${value}.`,
  );

/** Applies a string validator to every key of a map. */
export const mapKeys = <T>(inner: Validator<string>): Validator<Record<string, T>> =>
  validator(`keys ${inner.description}`, (value) => {
    for (const key of Object.keys(value)) {
      const problem = inner.validate(key);
      if (problem) return `Key "${key}": ${problem}`;
    }
    return undefined;
  });

/** Rejects an empty string and one of white space only (e.g. `""`, `"  "`). */
export const notBlank = (): Validator<string> =>
  validator('must not be empty or white space', (value) =>
    value.trim() !== '' ? undefined : value === '' ? 'Expected a value, got an empty string.' : 'Expected a value, got only white space.',
  );

/**
 * Rejects leading or trailing white space, which Snyk may trim (a perpetual diff) or keep (a confusing name). A blank
 * value passes: pair it with `notBlank()`, which says so more plainly.
 */
export const noSurroundingWhitespace = (): Validator<string> =>
  validator('must not start or end with white space', (value) =>
    value === value.trim() || value.trim() === '' ? undefined : `Expected no white space at the start or end, got ${JSON.stringify(value)}.`,
  );

/** A whole number (no fraction) from `minimum` up to `maximum` (inclusive; Infinity for no upper bound). */
export const wholeNumberBetween = (minimum: number, maximum = Number.POSITIVE_INFINITY): Validator<number> => {
  const range = maximum === Number.POSITIVE_INFINITY ? `${minimum} or more` : `from ${minimum} to ${maximum}`;
  return validator(`must be a whole number ${range}`, (value) =>
    Number.isInteger(value) && value >= minimum && value <= maximum ? undefined : `Expected a whole number ${range}, got ${value}.`,
  );
};

/** Applies a validator to every element of a list or set; the message names the element's position. */
export const eachElement = <T>(inner: Validator<T>): Validator<readonly T[]> =>
  validator(`each element ${inner.description}`, (value) => {
    for (const [index, element] of value.entries()) {
      const problem = inner.validate(element);
      if (problem) return `Element ${index}: ${problem}`;
    }
    return undefined;
  });

/** Rejects a list with the same element twice. */
export const uniqueElements = <T>(): Validator<readonly T[]> =>
  validator('elements must be unique', (value) => {
    const seen = new Set<string>();
    for (const element of value) {
      const key = JSON.stringify(element);
      if (seen.has(key)) return `Expected each element once, got ${key} more than once.`;
      seen.add(key);
    }
    return undefined;
  });

/**
 * Applies a string validator to every value of a map; the message names the key, never the value (map values may be
 * secrets).
 */
export const mapValues = (inner: Validator<string>): Validator<Record<string, string>> =>
  validator(`values ${inner.description}`, (value) => {
    for (const [key, item] of Object.entries(value)) {
      if (inner.validate(item)) return `The value of "${key}" ${inner.description}.`;
    }
    return undefined;
  });
