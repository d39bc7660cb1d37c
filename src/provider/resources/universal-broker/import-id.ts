import { DiagnosticError, uuid } from '../../framework';

/**
 * Splits an import ID made of UUIDs joined by `/` (this provider's form, outermost first) or, when `commaOrder` is
 * given, by `,` in the order `pavel-snyk/snyk` uses, so that an ID from either provider imports.
 */
export function parseImportId(typeName: string, id: string, parts: readonly string[], commaOrder?: readonly string[]): Record<string, string> {
  const separator = id.includes(',') && commaOrder ? ',' : '/';
  const order = separator === ',' && commaOrder ? commaOrder : parts;
  const values = id.split(separator).map((value) => value.trim());
  const malformed = values.length !== order.length || values.some((value) => uuid().validate(value) !== undefined);
  if (malformed) {
    const forms = [parts.join('/').toUpperCase()];
    if (commaOrder) forms.push(`${commaOrder.join(',').toUpperCase()} (the form pavel-snyk/snyk uses)`);
    throw new DiagnosticError('Invalid import ID', `Import a ${typeName} as ${forms.join(' or ')}, every part a UUID; got "${id}".`);
  }
  return Object.fromEntries(order.map((name, index) => [name, values[index] as string]));
}
