import { Unknown } from '../plugin/unknown';
import { AttributeMap, objectType } from './attributes';
import { AttributePathInput, diagnosticFromError, Diagnostics, PathStep } from './diagnostics';
import { AttributePlanResponse } from './plan-modifiers';
import { ResourceDefinition } from './resource';
import { cloneValue, isObjectValue, ObjectValue, valuesEqual } from './values';

export interface PlanInput<P> {
  readonly prior: ObjectValue | null;
  readonly proposed: ObjectValue | null;
  readonly config: ObjectValue | null;
  readonly provider: P | undefined;
}

export interface PlanResult {
  readonly planned: ObjectValue | null;
  readonly requiresReplace: readonly AttributePathInput[];
  readonly diagnostics: Diagnostics;
}

/**
 * Computes the planned state from Terraform's proposed new state: defaults; computed attributes without a
 * configured value become unknown when anything changes (unless a plan modifier keeps the prior value); attribute
 * plan modifiers; the resource's own `modifyPlan`; then a check that the plan obeys the protocol's rules.
 */
export async function planResource<P>(definition: ResourceDefinition<Record<string, unknown>, P>, input: PlanInput<P>): Promise<PlanResult> {
  const diagnostics = new Diagnostics();
  if (input.proposed === null) return { planned: null, requiresReplace: [], diagnostics };
  const attributes = definition.attributes as AttributeMap;
  const config = input.config ?? {};
  const planned = cloneValue(input.proposed);
  const isCreate = input.prior === null;
  applyDefaults(planned, config, attributes);
  if (isCreate || !valuesEqual(planned, input.prior, objectType(attributes))) markComputedAsUnknown(planned, config, attributes);
  const requiresReplace: AttributePathInput[] = [];
  runPlanModifiers({ planned, config, prior: input.prior, isCreate, requiresReplace }, attributes, []);
  if (definition.modifyPlan) {
    try {
      await definition.modifyPlan({
        plan: planned,
        prior: input.prior,
        config,
        provider: input.provider,
        diagnostics,
        requiresReplace: (path) => requiresReplace.push(path),
      });
    } catch (error) {
      diagnostics.append([diagnosticFromError(error, `Planning ${definition.typeName} failed`)]);
    }
  }
  checkPlanObeysConfig(planned, config, attributes, [], diagnostics);
  return { planned, requiresReplace, diagnostics };
}

function applyDefaults(planned: ObjectValue, config: ObjectValue, attributes: AttributeMap): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    const configValue = config[name] ?? null;
    const plannedValue = planned[name];
    if (configValue === null && attribute.default !== undefined) planned[name] = cloneValue(attribute.default);
    else if (attribute.nested && isObjectValue(plannedValue) && isObjectValue(configValue)) applyDefaults(plannedValue, configValue, attribute.nested);
  }
}

function markComputedAsUnknown(planned: ObjectValue, config: ObjectValue, attributes: AttributeMap): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    const configValue = config[name] ?? null;
    const plannedValue = planned[name];
    if (configValue === null && attribute.computed && attribute.default === undefined) planned[name] = Unknown;
    else if (attribute.nested && isObjectValue(plannedValue) && isObjectValue(configValue)) markComputedAsUnknown(plannedValue, configValue, attribute.nested);
  }
}

interface ModifierScope {
  readonly planned: ObjectValue;
  readonly config: ObjectValue;
  readonly prior: ObjectValue | null;
  readonly isCreate: boolean;
  readonly requiresReplace: AttributePathInput[];
}

function runPlanModifiers(scope: ModifierScope, attributes: AttributeMap, path: readonly PathStep[]): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    const attributePath = [...path, name];
    const configValue = scope.config[name] ?? null;
    const stateValue = scope.prior?.[name] ?? null;
    const response: AttributePlanResponse = { planValue: scope.planned[name] ?? null, requiresReplace: false };
    for (const modifier of attribute.planModifiers) {
      modifier.modify({ path: attributePath, type: attribute.ctyType, configValue, stateValue, planValue: response.planValue, isCreate: scope.isCreate }, response);
    }
    scope.planned[name] = response.planValue;
    if (response.requiresReplace) scope.requiresReplace.push(attributePath);
    const plannedValue = scope.planned[name];
    if (attribute.nested && isObjectValue(plannedValue) && isObjectValue(configValue)) {
      const nestedPrior = isObjectValue(stateValue) ? stateValue : null;
      runPlanModifiers({ ...scope, planned: plannedValue, config: configValue, prior: nestedPrior }, attribute.nested, attributePath);
    }
  }
}

/** Terraform rejects a plan whose configured values differ from the configuration ("Provider produced invalid plan"). */
function checkPlanObeysConfig(planned: ObjectValue, config: ObjectValue, attributes: AttributeMap, path: readonly PathStep[], diagnostics: Diagnostics): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    const attributePath = [...path, name];
    const configValue = config[name] ?? null;
    const plannedValue = planned[name] ?? null;
    if (attribute.nested && isObjectValue(configValue) && isObjectValue(plannedValue)) {
      checkPlanObeysConfig(plannedValue, configValue, attribute.nested, attributePath, diagnostics);
    } else if (configValue !== null && !valuesEqual(plannedValue, configValue, attribute.ctyType)) {
      diagnostics.addError(attributePath, 'Provider bug: invalid plan', `The planned value of ${attributePath.join('.')} differs from its configured value.`);
    } else if (configValue === null && !attribute.computed && plannedValue !== null) {
      diagnostics.addError(attributePath, 'Provider bug: invalid plan', `${attributePath.join('.')} is not set in the configuration and is not computed, so its planned value must be null.`);
    }
  }
}
