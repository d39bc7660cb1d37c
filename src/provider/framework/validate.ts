import { isUnknown } from '../plugin/unknown';
import { AnyAttribute, AttributeMap } from './attributes';
import { diagnosticFromError, Diagnostics, PathStep } from './diagnostics';
import { withoutSensitiveValue } from './redact';
import { containsUnknown, isObjectValue, ObjectValue } from './values';

/**
 * Runs attribute validators on known, non-null values (unknown ones are checked again at plan time, once known),
 * rejects a value for a read-only (computed, not optional) attribute, and warns about deprecated attributes that are
 * set. Diagnostics carry the attribute path.
 */
export function validateAttributes(value: ObjectValue, attributes: AttributeMap, diagnostics: Diagnostics, path: readonly PathStep[] = []): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    const attributeValue = value[name] ?? null;
    const attributePath = [...path, name];
    if (attributeValue === null) continue;
    if (isReadOnly(attribute)) {
      // Terraform itself accepts the value and plans it, and the apply then fails as an inconsistent result.
      diagnostics.addError(
        attributePath,
        `${attributePath.join('.')} is read-only`,
        `${attributePath.join('.')} is set by the provider (read-only), so it cannot be configured. Remove it from the configuration.`,
      );
      continue;
    }
    if (attribute.deprecationMessage !== undefined) diagnostics.addWarning(attributePath, 'Deprecated attribute', attribute.deprecationMessage);
    if (isUnknown(attributeValue)) continue;
    if (!containsUnknown(attributeValue)) {
      for (const validator of attribute.validators) {
        const problem = validator.validate(attributeValue as never);
        if (problem === undefined) continue;
        // A validator may quote the value it refuses; a sensitive one must not reach the diagnostic.
        const detail = attribute.sensitive ? withoutSensitiveValue(problem, attributeValue) : problem;
        diagnostics.addError(attributePath, `Invalid value for ${attributePath.join('.')}`, detail);
      }
    }
    if (attribute.nested && isObjectValue(attributeValue)) validateAttributes(attributeValue, attribute.nested, diagnostics, attributePath);
  }
}

function isReadOnly(attribute: AnyAttribute): boolean {
  return attribute.computed && !attribute.optional && !attribute.required;
}

/** A resource's, data source's or provider's own configuration check, beside its attributes. */
export type ValidateConfigHook = (context: { config: Record<string, unknown>; diagnostics: Diagnostics }) => void | Promise<void>;

/** Attribute validators, then the definition's own check; what either throws becomes an error. */
export async function validateConfiguration(config: ObjectValue, attributes: AttributeMap, hook: ValidateConfigHook | undefined, label: string): Promise<Diagnostics> {
  const diagnostics = new Diagnostics();
  validateAttributes(config, attributes, diagnostics);
  try {
    await hook?.({ config, diagnostics });
  } catch (error) {
    diagnostics.append([diagnosticFromError(error, `Validating ${label} failed`)]);
  }
  return diagnostics;
}
