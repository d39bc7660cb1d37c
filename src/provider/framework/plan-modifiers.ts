import { CtyType, CtyValue } from '../plugin/cty-type';
import { isUnknown } from '../plugin/unknown';
import { AttributePathInput } from './diagnostics';
import { valuesEqual } from './values';

/** What a plan modifier sees for one attribute. */
export interface AttributePlanRequest {
  readonly path: AttributePathInput;
  readonly type: CtyType;
  readonly configValue: CtyValue;
  /** Null on create. */
  readonly stateValue: CtyValue;
  readonly planValue: CtyValue;
  /** True when there is no prior state. */
  readonly isCreate: boolean;
}

export interface AttributePlanResponse {
  planValue: CtyValue;
  requiresReplace: boolean;
}

/** Adjusts the planned value of one attribute, beside the attribute's declaration. */
export interface PlanModifier {
  readonly description: string;
  modify(request: AttributePlanRequest, response: AttributePlanResponse): void;
}

/** Keeps the prior value instead of "known after apply" on updates, for values that never change once set (ids). */
export const useStateForUnknown = (): PlanModifier => ({
  description: 'Once set, the value of this attribute in state will not change.',
  modify(request, response) {
    if (request.isCreate || request.stateValue === null || request.configValue !== null) return;
    if (isUnknown(response.planValue)) response.planValue = request.stateValue;
  },
});

/** A change of this attribute destroys and re-creates the resource. */
export const requiresReplace = (): PlanModifier => requiresReplaceIf(() => true, 'If the value of this attribute changes, Terraform will destroy and recreate the resource.');

/** A change of this attribute destroys and re-creates the resource when `shouldReplace` says so. */
export function requiresReplaceIf(shouldReplace: (request: AttributePlanRequest) => boolean, description = 'A change may require replacement.'): PlanModifier {
  return {
    description,
    modify(request, response) {
      if (request.isCreate) return;
      if (valuesEqual(response.planValue, request.stateValue, request.type)) return;
      if (shouldReplace({ ...request, planValue: response.planValue })) response.requiresReplace = true;
    },
  };
}
