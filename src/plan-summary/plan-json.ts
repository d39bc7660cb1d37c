/**
 * The subset of Terraform's machine-readable plan (`terraform show -json PLANFILE`, format_version 1.x) that the
 * summary reads. Unknown properties are ignored, as the format's compatibility promise asks of consumers.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One element of `change.actions`; a replacement is two of them (`delete`,`create` or `create`,`delete`). */
export type PlanAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

export interface PlanChange {
  readonly actions: readonly PlanAction[];
  readonly before?: JsonValue;
  readonly after?: JsonValue;
  /** Same shape as `after`; `true` where the value is known only after apply. */
  readonly after_unknown?: JsonValue;
  /** Same shape as `before`; `true` where the value is sensitive. */
  readonly before_sensitive?: JsonValue;
  readonly after_sensitive?: JsonValue;
  /** Attribute paths that force a replacement. */
  readonly replace_paths?: ReadonlyArray<ReadonlyArray<string | number>>;
  /** Present when the change imports an existing object (`import` block). */
  readonly importing?: { readonly id?: string };
}

export interface PlanResourceChange {
  readonly address: string;
  readonly module_address?: string;
  readonly previous_address?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name: string;
  readonly deposed?: string;
  readonly change: PlanChange;
  readonly action_reason?: string;
}

export interface ConfigExpression {
  readonly references?: readonly string[];
  readonly constant_value?: JsonValue;
}

export interface ConfigResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly expressions?: { readonly [attribute: string]: ConfigExpression | JsonValue };
}

export interface ConfigModule {
  readonly resources?: readonly ConfigResource[];
  readonly module_calls?: { readonly [name: string]: { readonly module?: ConfigModule } };
  readonly variables?: { readonly [name: string]: { readonly sensitive?: boolean } };
}

export interface ConfigProvider {
  readonly name?: string;
  readonly full_name?: string;
  readonly expressions?: { readonly [attribute: string]: ConfigExpression | JsonValue };
}

export interface StateResource {
  readonly address: string;
  readonly mode?: 'managed' | 'data';
  readonly type: string;
  readonly values?: JsonValue;
  readonly sensitive_values?: JsonValue;
}

export interface StateModule {
  readonly resources?: readonly StateResource[];
  readonly child_modules?: readonly StateModule[];
}

export interface StateOutput {
  readonly sensitive?: boolean;
  readonly value?: JsonValue;
}

export interface StateValues {
  readonly outputs?: { readonly [name: string]: StateOutput };
  readonly root_module?: StateModule;
}

/** A plan as printed by `terraform show -json PLANFILE`. */
export interface TerraformPlanJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly variables?: { readonly [name: string]: { readonly value?: JsonValue } };
  readonly resource_changes?: readonly PlanResourceChange[];
  readonly resource_drift?: readonly PlanResourceChange[];
  readonly output_changes?: { readonly [name: string]: PlanChange };
  readonly prior_state?: { readonly values?: StateValues };
  readonly planned_values?: StateValues;
  readonly configuration?: {
    readonly provider_config?: { readonly [key: string]: ConfigProvider };
    readonly root_module?: ConfigModule;
  };
  readonly errored?: boolean;
}

const SUPPORTED_MAJOR_VERSION = '1';
const ZIP_MAGIC = 'PK\u0003\u0004';

/**
 * Parses and checks the text of `terraform show -json PLANFILE`. Error messages name the source and what to run, but
 * never quote the text: a plan holds sensitive values in clear.
 */
export function parsePlanJson(text: string, source: string): TerraformPlanJson {
  if (text.startsWith(ZIP_MAGIC)) {
    throw new Error(`${source} is a binary plan file: convert it with \`terraform show -json ${source}\`, or pass its folder with --stack-dir.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's own message quotes the input, which may hold secrets.
    throw new Error(`${source} is not JSON: expected the output of \`terraform show -json PLANFILE\`.`);
  }
  return checkPlanShape(parsed, source);
}

function checkPlanShape(parsed: unknown, source: string): TerraformPlanJson {
  if (!isObject(parsed) || typeof parsed.format_version !== 'string') {
    throw new Error(`${source} is not a Terraform plan in JSON (no format_version): expected the output of \`terraform show -json PLANFILE\`.`);
  }
  const major = parsed.format_version.split('.')[0];
  if (major !== SUPPORTED_MAJOR_VERSION) {
    throw new Error(`${source} has plan format_version ${parsed.format_version}; only ${SUPPORTED_MAJOR_VERSION}.x is supported.`);
  }
  if (!('resource_changes' in parsed) && !('planned_values' in parsed) && !('output_changes' in parsed)) {
    throw new Error(`${source} looks like Terraform state, not a plan: run \`terraform plan -out plan\` and \`terraform show -json plan\`.`);
  }
  if ('resource_changes' in parsed && !Array.isArray(parsed.resource_changes)) {
    throw new Error(`${source}: resource_changes is not a list.`);
  }
  return parsed as unknown as TerraformPlanJson;
}

export function isObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
