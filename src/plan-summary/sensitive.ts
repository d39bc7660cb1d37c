import { isObject, JsonValue, PlanChange, StateModule, StateValues, TerraformPlanJson } from './plan-json';

/** What replaces a secret anywhere in the summary. */
export const REDACTED = '(sensitive)';

/**
 * Attributes of this project's resources that are secret whatever the plan's masks say: the backstop redaction
 * collects their values even if a provider bug left them unmarked.
 */
export const ALWAYS_SENSITIVE_ATTRIBUTES: { readonly [resourceType: string]: readonly string[] } = {
  snyk_integration: ['credentials', 'broker_token'],
  snyk_broker_token: ['token'],
  snyk_app_install: ['client_secret', 'previous_client_secret'],
};

/**
 * Strings shorter than this are not redacted by the text backstop: replacing `true` or `github` everywhere would
 * wreck the output. Such values are still never read by the summary (see {@link SafeAttributes}).
 */
export const MIN_REDACTED_LENGTH = 6;

/** Whether the mask (Terraform's `*_sensitive` shape) marks the value at `path`, or any value above it, sensitive. */
export function isSensitiveAt(mask: JsonValue | undefined, path: ReadonlyArray<string | number>): boolean {
  let node: JsonValue | undefined = mask;
  for (const step of path) {
    if (node === true) return true;
    if (Array.isArray(node) && typeof step === 'number') node = node[step];
    else if (isObject(node)) node = node[String(step)];
    else return false;
  }
  return node === true;
}

/** A scalar read through the sensitivity and unknown masks. */
export type SafeValue =
  | { readonly state: 'known'; readonly value: string | number | boolean | null }
  | { readonly state: 'unknown' }
  | { readonly state: 'sensitive' }
  | { readonly state: 'absent' }
  | { readonly state: 'complex' };

/**
 * One side (before or after) of a change, readable only through masks: sensitive attributes come back as
 * `{state: 'sensitive'}` and their values cannot be reached, not even by `JSON.stringify`.
 */
export class SafeAttributes {
  readonly #values: { [key: string]: JsonValue };
  readonly #sensitive: JsonValue | undefined;
  readonly #unknown: JsonValue | undefined;

  constructor(values: JsonValue | undefined, sensitive: JsonValue | undefined, unknown?: JsonValue) {
    this.#values = isObject(values) ? values : {};
    this.#sensitive = sensitive;
    this.#unknown = unknown;
  }

  /** Whether this side exists at all (`before` of a create and `after` of a delete do not). */
  get present(): boolean {
    return Object.keys(this.#values).length > 0 || isObject(this.#unknown);
  }

  /** Reads a top-level scalar attribute. */
  get(attribute: string): SafeValue {
    if (isSensitiveAt(this.#sensitive, [attribute])) return { state: 'sensitive' };
    if (isSensitiveAt(this.#unknown, [attribute])) return { state: 'unknown' };
    if (!(attribute in this.#values)) return { state: 'absent' };
    const value = this.#values[attribute];
    if (typeof value === 'object' && value !== null) return { state: 'complex' };
    return { state: 'known', value };
  }

  /** A known string attribute, or undefined when it is unknown, sensitive, absent or not a string. */
  string(attribute: string): string | undefined {
    const read = this.get(attribute);
    return read.state === 'known' && typeof read.value === 'string' ? read.value : undefined;
  }

  /** A known list (or set) of strings, none of them sensitive or unknown; otherwise undefined. */
  strings(attribute: string): string[] | undefined {
    if (isSensitiveAt(this.#sensitive, [attribute]) || isSensitiveAt(this.#unknown, [attribute])) return undefined;
    const value = this.#values[attribute];
    if (!Array.isArray(value)) return undefined;
    const hidden = value.some((_item, index) => isSensitiveAt(this.#sensitive, [attribute, index]) || isSensitiveAt(this.#unknown, [attribute, index]));
    return hidden || !value.every((item) => typeof item === 'string') ? undefined : (value as string[]);
  }

  /** A known boolean attribute, or undefined. */
  boolean(attribute: string): boolean | undefined {
    const read = this.get(attribute);
    return read.state === 'known' && typeof read.value === 'boolean' ? read.value : undefined;
  }

  /**
   * Whether the attribute holds a value (unknown counts as one), sensitive ones included: reveals only set or not, as
   * Terraform's own plan output does (`(sensitive value)` versus `null`).
   */
  hasValue(attribute: string): boolean {
    if (isSensitiveAt(this.#unknown, [attribute])) return true;
    const value = this.#values[attribute];
    return value !== undefined && value !== null;
  }

  /** Keys of a map attribute (never its values), or undefined when the map itself is sensitive or unknown. */
  mapKeys(attribute: string): string[] | undefined {
    if (isSensitiveAt(this.#sensitive, [attribute]) || isSensitiveAt(this.#unknown, [attribute])) return undefined;
    const value = this.#values[attribute];
    return isObject(value) ? Object.keys(value).sort() : undefined;
  }

  /** A known string value of a non-sensitive map attribute, or undefined. */
  mapString(attribute: string, key: string): string | undefined {
    if (this.mapKeys(attribute) === undefined || isSensitiveAt(this.#sensitive, [attribute, key]) || isSensitiveAt(this.#unknown, [attribute, key])) return undefined;
    const value = (this.#values[attribute] as { [key: string]: JsonValue })[key];
    return typeof value === 'string' ? value : undefined;
  }

  /** Top-level attribute names on this side. */
  attributeNames(): string[] {
    const unknown = isObject(this.#unknown) ? Object.keys(this.#unknown) : [];
    return [...new Set([...Object.keys(this.#values), ...unknown])];
  }

  /**
   * Whether `attribute` differs between `this` (before) and `other` (after). Compares values internally, sensitive
   * ones included, and reveals only the yes/no, as Terraform's own plan output does.
   */
  differsFrom(other: SafeAttributes, attribute: string): boolean {
    if (isSensitiveAt(other.#unknown, [attribute])) return true;
    return JSON.stringify(this.#values[attribute] ?? null) !== JSON.stringify(other.#values[attribute] ?? null);
  }

  /** Keys of a non-sensitive map attribute whose values differ between `this` (before) and `other` (after). */
  changedMapKeys(other: SafeAttributes, attribute: string): string[] {
    const before = this.#values[attribute];
    const after = other.#values[attribute];
    const beforeMap = isObject(before) ? before : {};
    const afterMap = isObject(after) ? after : {};
    const keys = [...new Set([...Object.keys(beforeMap), ...Object.keys(afterMap)])].sort();
    return keys.filter((key) => JSON.stringify(beforeMap[key] ?? null) !== JSON.stringify(afterMap[key] ?? null));
  }
}

/**
 * Every string in the plan that Terraform marks sensitive (resource values by their masks, sensitive outputs and
 * variables), plus this project's secret attributes whatever their mask says. Used to redact rendered text as a
 * backstop; the renderers never read these values in the first place.
 */
export function collectSecretStrings(plan: TerraformPlanJson): Set<string> {
  const secrets = new Set<string>();
  const changes = [...(plan.resource_changes ?? []), ...(plan.resource_drift ?? [])];
  for (const change of changes) {
    collectFromChange(change.change, secrets);
    collectAlwaysSensitive(change.type, change.change.before, secrets);
    collectAlwaysSensitive(change.type, change.change.after, secrets);
  }
  for (const output of Object.values(plan.output_changes ?? {})) collectFromChange(output, secrets);
  collectFromStateValues(plan.prior_state?.values, secrets);
  collectFromStateValues(plan.planned_values, secrets);
  collectSensitiveVariables(plan, secrets);
  collectProviderTokens(plan, secrets);
  return secrets;
}

function collectFromChange(change: PlanChange, secrets: Set<string>): void {
  collectMasked(change.before, change.before_sensitive, secrets);
  collectMasked(change.after, change.after_sensitive, secrets);
}

function collectMasked(value: JsonValue | undefined, mask: JsonValue | undefined, secrets: Set<string>): void {
  if (value === undefined || mask === undefined || mask === false) return;
  if (mask === true) {
    collectStrings(value, secrets);
    return;
  }
  if (Array.isArray(value) && Array.isArray(mask)) {
    value.forEach((item, index) => collectMasked(item, mask[index], secrets));
  } else if (isObject(value) && isObject(mask)) {
    for (const key of Object.keys(value)) collectMasked(value[key], mask[key], secrets);
  }
}

function collectStrings(value: JsonValue | undefined, secrets: Set<string>): void {
  if (typeof value === 'string') secrets.add(value);
  else if (typeof value === 'number') secrets.add(String(value));
  else if (Array.isArray(value)) value.forEach((item) => collectStrings(item, secrets));
  else if (isObject(value)) Object.values(value).forEach((item) => collectStrings(item, secrets));
}

function collectAlwaysSensitive(type: string, values: JsonValue | undefined, secrets: Set<string>): void {
  if (!isObject(values)) return;
  for (const attribute of ALWAYS_SENSITIVE_ATTRIBUTES[type] ?? []) collectStrings(values[attribute], secrets);
}

function collectFromStateValues(state: StateValues | undefined, secrets: Set<string>): void {
  if (!state) return;
  for (const output of Object.values(state.outputs ?? {})) {
    if (output.sensitive) collectStrings(output.value, secrets);
  }
  collectFromStateModule(state.root_module, secrets);
}

function collectFromStateModule(module: StateModule | undefined, secrets: Set<string>): void {
  if (!module) return;
  for (const resource of module.resources ?? []) {
    collectMasked(resource.values, resource.sensitive_values, secrets);
    collectAlwaysSensitive(resource.type, resource.values, secrets);
  }
  for (const child of module.child_modules ?? []) collectFromStateModule(child, secrets);
}

function collectSensitiveVariables(plan: TerraformPlanJson, secrets: Set<string>): void {
  const declared = plan.configuration?.root_module?.variables ?? {};
  for (const [name, variable] of Object.entries(plan.variables ?? {})) {
    if (declared[name]?.sensitive) collectStrings(variable.value, secrets);
  }
}

function collectProviderTokens(plan: TerraformPlanJson, secrets: Set<string>): void {
  for (const provider of Object.values(plan.configuration?.provider_config ?? {})) {
    const token = provider.expressions?.token;
    if (isObject(token) && 'constant_value' in token) collectStrings(token.constant_value, secrets);
  }
}

/**
 * Replaces every occurrence of each secret (and of its JSON-escaped form) in `text`. Longest first, so that a secret
 * containing another is removed whole.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_REDACTED_LENGTH) continue;
    variants.add(secret);
    variants.add(JSON.stringify(secret).slice(1, -1));
  }
  let redacted = text;
  for (const variant of [...variants].sort((a, b) => b.length - a.length)) {
    redacted = redacted.split(variant).join(REDACTED);
  }
  return redacted;
}
