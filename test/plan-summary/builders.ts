import { ConfigResource, JsonValue, PlanAction, PlanResourceChange, TerraformPlanJson } from '../../src/plan-summary';

export const SNYK = 'registry.terraform.io/cdktf-snyk/snyk';

export interface ChangeOptions {
  readonly unknown?: readonly string[];
  readonly sensitive?: readonly string[];
  readonly replacePaths?: Array<Array<string | number>>;
  readonly importing?: string;
  readonly provider?: string;
  readonly actionReason?: string;
}

/** A `resource_changes` entry shaped like Terraform's; `unknown` attributes are left out of `after`. */
export function resourceChange(
  address: string,
  actions: PlanAction[],
  before: { [key: string]: JsonValue } | null,
  after: { [key: string]: JsonValue } | null,
  options: ChangeOptions = {},
): PlanResourceChange {
  const [type, name] = address.replace(/\[.*\]$/, '').split('.').slice(-2);
  const afterValues = after ? Object.fromEntries(Object.entries(after).filter(([key]) => !options.unknown?.includes(key))) : null;
  const mask = (values: object | null) => (values ? Object.fromEntries((options.sensitive ?? []).map((key) => [key, true])) : false);
  return {
    address,
    mode: 'managed',
    type,
    name,
    provider_name: options.provider ?? SNYK,
    change: {
      actions,
      before,
      after: afterValues,
      after_unknown: after ? Object.fromEntries((options.unknown ?? []).map((key) => [key, true])) : {},
      before_sensitive: mask(before),
      after_sensitive: mask(after),
      ...(options.replacePaths ? { replace_paths: options.replacePaths } : {}),
      ...(options.importing !== undefined ? { importing: { id: options.importing } } : {}),
    },
    ...(options.actionReason ? { action_reason: options.actionReason } : {}),
  };
}

/** A configuration resource whose attributes refer to other resources (`{attr: 'snyk_organization.a.id'}`). */
export function configResource(address: string, references: { [attribute: string]: string }): ConfigResource {
  const [type, name] = address.split('.');
  const expressions = Object.fromEntries(
    Object.entries(references).map(([attribute, reference]) => [attribute, { references: [reference, reference.replace(/\.[a-z_]+$/, '')] }]),
  );
  return { address, mode: 'managed', type, name, expressions };
}

export function planOf(changes: PlanResourceChange[], config: ConfigResource[] = []): TerraformPlanJson {
  return { format_version: '1.2', terraform_version: '1.11.4', resource_changes: changes, configuration: { root_module: { resources: config } } };
}
