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

export const uuid = (): Validator<string> =>
  validator('must be a UUID', (value) => (UUID.test(value) ? undefined : `Expected a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6, got "${value}".`));

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
