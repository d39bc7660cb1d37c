/** The type of the marker for a value Terraform does not know yet ("known after apply"). */
export class UnknownValue {
  private constructor() {}
  /** The one instance: compare with `isUnknown(value)` or `value === Unknown`. */
  static readonly instance: UnknownValue = Object.freeze(new UnknownValue()) as UnknownValue;
  toString(): string {
    return '(known after apply)';
  }
  toJSON(): string {
    return '(known after apply)';
  }
}

/** A value that is not known until apply. Refinements Terraform attaches (prefixes, ranges) are dropped. */
export const Unknown: UnknownValue = UnknownValue.instance;

export function isUnknown(value: unknown): value is UnknownValue {
  return value === Unknown;
}
