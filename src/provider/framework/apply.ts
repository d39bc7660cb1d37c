import { CtyValue } from '../plugin/cty-type';
import { isUnknown } from '../plugin/unknown';
import { AttributeMap } from './attributes';
import { diagnosticFromError, Diagnostics, PartialResultError, PathStep } from './diagnostics';
import { ResourceDefinition } from './resource';
import { validateConfiguration } from './validate';
import { containsUnknown, isObjectValue, normalizeObject, ObjectValue, valuesEqual } from './values';

export interface ApplyInput<P> {
  readonly prior: ObjectValue | null;
  readonly planned: ObjectValue | null;
  readonly config: ObjectValue | null;
  readonly provider: () => P;
}

export interface ApplyResult {
  readonly newState: ObjectValue | null;
  readonly diagnostics: Diagnostics;
}

type Definition<P> = ResourceDefinition<Record<string, unknown>, P>;

/**
 * Dispatches to create, update or delete. A thrown error becomes an error diagnostic and the state that exists is
 * returned with it: the partial state if the handler reported one, else the prior state (null after a failed create).
 * A result that changes a value known in the plan is reported as a provider bug instead of crashing Terraform.
 */
export async function applyResource<P>(definition: Definition<P>, input: ApplyInput<P>): Promise<ApplyResult> {
  const diagnostics = new Diagnostics();
  if (input.planned === null) return deleteResource(definition, input, diagnostics);
  const attributes = definition.attributes as AttributeMap;
  if (input.config !== null) {
    // Values that were unknown at validate and plan (derived from other resources) are checked now, before any call.
    const validation = await validateConfiguration(input.config, attributes, definition.validateConfig?.bind(definition), definition.typeName);
    if (validation.hasErrors) {
      diagnostics.append(validation.all.filter((entry) => entry.severity === 'error'));
      return { newState: input.prior, diagnostics };
    }
  }
  const planned = input.planned;
  let partialState: Record<string, unknown> | undefined;
  const context = {
    plan: planned,
    config: input.config ?? {},
    get provider() {
      return input.provider();
    },
    diagnostics,
    setPartialState: (state: Record<string, unknown>) => void (partialState = state),
  };
  const operation = input.prior === null ? 'create' : 'update';
  let newState: ObjectValue | null;
  try {
    const result = input.prior === null ? await definition.create(context) : await definition.update({ ...context, prior: input.prior, provider: input.provider() });
    newState = normalizeObject(result, attributes);
    checkResultMatchesPlan(planned, newState, attributes, [], diagnostics);
  } catch (error) {
    diagnostics.append([diagnosticFromError(error, `Failed to ${operation} ${definition.typeName}`)]);
    const partial = error instanceof PartialResultError ? (error.state as Record<string, unknown>) : partialState;
    newState = partial ? normalizeObject(partial, attributes) : input.prior;
  }
  return { newState: newState && withoutUnknowns(newState, diagnostics), diagnostics };
}

async function deleteResource<P>(definition: Definition<P>, input: ApplyInput<P>, diagnostics: Diagnostics): Promise<ApplyResult> {
  if (input.prior === null) return { newState: null, diagnostics };
  try {
    await definition.delete({ state: input.prior, provider: input.provider(), diagnostics });
    return { newState: null, diagnostics };
  } catch (error) {
    diagnostics.append([diagnosticFromError(error, `Failed to delete ${definition.typeName}`)]);
    return { newState: input.prior, diagnostics };
  }
}

function checkResultMatchesPlan(planned: ObjectValue, result: ObjectValue, attributes: AttributeMap, path: readonly PathStep[], diagnostics: Diagnostics): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    const attributePath = [...path, name];
    const plannedValue = planned[name] ?? null;
    const resultValue = result[name] ?? null;
    if (isUnknown(plannedValue)) continue;
    if (attribute.nested && isObjectValue(plannedValue) && isObjectValue(resultValue)) {
      checkResultMatchesPlan(plannedValue, resultValue, attribute.nested, attributePath, diagnostics);
    } else if (!containsUnknown(plannedValue) && !valuesEqual(plannedValue, resultValue, attribute.ctyType)) {
      diagnostics.addError(
        attributePath,
        'Provider bug: inconsistent result after apply',
        `${attributePath.join('.')} was planned with a known value but the apply returned a different one. The object was saved with the value that exists; please report this.`,
      );
    }
  }
}

/** Terraform refuses unknown values in a new state; they become null, with an error naming the attribute. */
function withoutUnknowns(state: ObjectValue, diagnostics: Diagnostics, path: readonly PathStep[] = []): ObjectValue {
  const result: ObjectValue = {};
  for (const [name, value] of Object.entries(state)) {
    if (isUnknown(value)) {
      diagnostics.addError([...path, name], 'Provider bug: unknown value after apply', `${[...path, name].join('.')} was left unknown; it was saved as null.`);
      result[name] = null;
    } else {
      result[name] = isObjectValue(value) ? withoutUnknowns(value, diagnostics, [...path, name]) : stripNestedUnknowns(value);
    }
  }
  return result;
}

function stripNestedUnknowns(value: CtyValue): CtyValue {
  if (Array.isArray(value)) return value.filter((item) => !isUnknown(item)).map(stripNestedUnknowns);
  return value;
}
