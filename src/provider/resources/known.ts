import { isUnknown, UnknownValue } from '../plugin/unknown';

/** The value of an attribute that must be known when apply runs (configuration values always are by then). */
export function known<T>(value: T | UnknownValue, attribute: string): T {
  if (isUnknown(value)) throw new Error(`${attribute} is still unknown at apply time; this is a bug in the provider.`);
  return value;
}


/** An optional+computed attribute's configured value: undefined when the configuration leaves it to the provider. */
export function configuredOrUndefined<T>(value: T | null | UnknownValue): T | undefined {
  return value === null || isUnknown(value) ? undefined : value;
}
