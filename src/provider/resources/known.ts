import { isUnknown, UnknownValue } from '../plugin/unknown';

/** The value of an attribute that must be known when apply runs (configuration values always are by then). */
export function known<T>(value: T | UnknownValue, attribute: string): T {
  if (isUnknown(value)) throw new Error(`${attribute} is still unknown at apply time; this is a bug in the provider.`);
  return value;
}

/** The prior or planned value when known, else null. */
export function knownOrNull<T>(value: T | UnknownValue | undefined): T | null {
  return value === undefined || isUnknown(value) ? null : value;
}
