import { isUnknown } from '../plugin/unknown';
import { AttributeMap } from './attributes';
import { Diagnostics, PathStep } from './diagnostics';
import { containsUnknown, isObjectValue, ObjectValue } from './values';

/**
 * Runs attribute validators on known, non-null values (unknown ones are checked again at plan time, once known),
 * and warns about deprecated attributes that are set. Diagnostics carry the attribute path.
 */
export function validateAttributes(value: ObjectValue, attributes: AttributeMap, diagnostics: Diagnostics, path: readonly PathStep[] = []): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    const attributeValue = value[name] ?? null;
    const attributePath = [...path, name];
    if (attributeValue === null) continue;
    if (attribute.deprecationMessage !== undefined) diagnostics.addWarning(attributePath, 'Deprecated attribute', attribute.deprecationMessage);
    if (isUnknown(attributeValue)) continue;
    if (!containsUnknown(attributeValue)) {
      for (const validator of attribute.validators) {
        const problem = validator.validate(attributeValue as never);
        if (problem !== undefined) diagnostics.addError(attributePath, `Invalid value for ${attributePath.join('.')}`, problem);
      }
    }
    if (attribute.nested && isObjectValue(attributeValue)) validateAttributes(attributeValue, attribute.nested, diagnostics, attributePath);
  }
}
