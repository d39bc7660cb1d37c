import { isObject, StateModule, TerraformPlanJson } from './plan-json';

/** What the plan's data sources say about a Snyk object that the plan does not manage. */
export interface KnownSnykObject {
  /** An organization's name. */
  readonly name?: string;
  /** An integration's type. */
  readonly type?: string;
}

const DATA_SOURCE_KINDS: { readonly [type: string]: 'organization' | 'integration' } = {
  snyk_organization: 'organization',
  snyk_integration: 'integration',
};

/**
 * Snyk objects read by `snyk_organization`/`snyk_integration` data sources during the plan (Terraform records them in
 * `prior_state`), found by `kind:id` and by data source address, so that labels show names instead of ids.
 */
export class KnownSnykObjects {
  private readonly byKey = new Map<string, KnownSnykObject>();

  constructor(plan: TerraformPlanJson) {
    this.index(plan.prior_state?.values?.root_module);
  }

  /** By id (`organization`, uuid) or by data source address (`data.snyk_organization.main`). */
  find(kind: 'organization' | 'integration', ref: string): KnownSnykObject | undefined {
    return this.byKey.get(`${kind}:${ref}`);
  }

  private index(module: StateModule | undefined): void {
    if (!module) return;
    for (const resource of module.resources ?? []) {
      const kind = DATA_SOURCE_KINDS[resource.type];
      if (resource.mode !== 'data' || !kind || !isObject(resource.values)) continue;
      const { id, name, type } = resource.values;
      const known = { name: typeof name === 'string' ? name : undefined, type: typeof type === 'string' ? type : undefined };
      this.byKey.set(`${kind}:${resource.address}`, known);
      if (typeof id === 'string') this.byKey.set(`${kind}:${id}`, known);
    }
    for (const child of module.child_modules ?? []) this.index(child);
  }
}
