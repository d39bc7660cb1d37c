import { AttributePath, AttributePathStep } from '../plugin/protocol';
import { AnyAttribute, AttributeMap } from './attributes';
import { AttributePathInput } from './diagnostics';

/**
 * Converts a path written as names, keys and indexes into protocol steps, using the schema to tell an attribute
 * name from a map key: `['credentials', 'token']` where `credentials` is a map is an attribute then a map key.
 * Set elements cannot be addressed, so the path stops at a set.
 */
export function toProtocolPath(path: AttributePathInput, attributes: AttributeMap): AttributePath {
  const steps: AttributePathStep[] = [];
  let scope: AttributeMap | undefined = attributes;
  let current: AnyAttribute | undefined;
  let insideCollection = false;
  for (const step of path) {
    if (insideCollection) {
      if (current?.kind === 'map') steps.push({ element_key_string: String(step) });
      else if (current?.kind === 'list' && typeof step === 'number') steps.push({ element_key_int: step });
      break;
    }
    if (scope === undefined || typeof step !== 'string') break;
    steps.push({ attribute_name: step });
    current = scope[step];
    if (current === undefined) break;
    if (current.kind === 'map' || current.kind === 'list' || current.kind === 'set') {
      insideCollection = true;
      if (current.kind === 'set') break;
    }
    scope = current.nested;
  }
  return { steps };
}
