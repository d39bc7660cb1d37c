import { ResourceChangeModel } from './changes';
import { ConfigExpression, ConfigModule, isObject, TerraformPlanJson } from './plan-json';
import { KnownSnykObjects, KnownSnykObject } from './known-objects';
import { compareText } from './order';
import { SafeValue } from './sensitive';

export type SnykNodeKind = 'organization' | 'integration' | 'clone' | 'broker_token';

/** The resource types of the cdktf-snyk provider, by the kind of node they make. */
export const SNYK_RESOURCE_KINDS: { readonly [resourceType: string]: SnykNodeKind } = {
  snyk_organization: 'organization',
  snyk_integration: 'integration',
  snyk_integration_clone: 'clone',
  snyk_broker_token: 'broker_token',
};

/** The Universal Broker resource types: summarised in their own section, linked to the graph's orgs and integrations. */
export const UNIVERSAL_BROKER_RESOURCE_TYPES: readonly string[] = [
  'snyk_app_install',
  'snyk_broker_deployment',
  'snyk_broker_deployment_credential',
  'snyk_broker_connection',
  'snyk_broker_integration',
];

/** What a Universal Broker resource refers to, as keys of the graph's nodes (or addresses of the plan's UB resources). */
export interface UniversalBrokerLinks {
  /** The org of an app install or an org integration. */
  readonly organization?: string;
  /** The classic integration an org integration takes over (`integration_id`). */
  readonly adoptedIntegration?: string;
  /** The orgs of that integration's classic token family (`classic_family_organization_ids`). */
  readonly classicFamily: readonly string[];
  /** The `snyk_broker_connection` of an org integration, when it is in the plan. */
  readonly connection?: string;
}

/**
 * A Snyk object in the graph: a resource of the plan (keyed by address), or one outside it that the plan refers to
 * (keyed `external:...`, by id or by the data source that reads it).
 */
export interface SnykNode {
  readonly key: string;
  readonly kind: SnykNodeKind;
  readonly change?: ResourceChangeModel;
  /** For a node outside the plan: its id or the data source address it comes from. */
  readonly externalRef?: string;
  /** For a node outside the plan: what a data source of the plan read about it (org name, integration type). */
  readonly known?: KnownSnykObject;
}

/** A classic Broker token shared by an integration, its clones and the orgs copied from its org. */
export interface TokenFamily {
  /** The key of the integration the family's token belongs to. */
  readonly root: string;
  readonly integrations: readonly string[];
  readonly organizations: readonly string[];
  readonly tokens: readonly string[];
  /** Whether any member changes in this plan. */
  readonly changed: boolean;
}

export interface SnykGraph {
  readonly nodes: ReadonlyMap<string, SnykNode>;
  /** Integration, clone or token key to the key of its organization (a clone's is its destination). */
  readonly organizationOf: ReadonlyMap<string, string>;
  /** Organization key to the key of the organization it is created from (`source_organization_id`). */
  readonly sourceOrganizationOf: ReadonlyMap<string, string>;
  /** Clone key to the key of the integration it copies. */
  readonly cloneSourceOf: ReadonlyMap<string, string>;
  /** Broker token key to the key of its integration (or clone). */
  readonly integrationOfToken: ReadonlyMap<string, string>;
  readonly families: readonly TokenFamily[];
  /** Universal Broker resource address to what it refers to. */
  readonly universalBroker: ReadonlyMap<string, UniversalBrokerLinks>;
}

/** Where each link attribute points, by resource type. */
const LINKS: { readonly [resourceType: string]: ReadonlyArray<{ attribute: string; target: 'organization' | 'integration'; role: LinkRole }> } = {
  snyk_organization: [{ attribute: 'source_organization_id', target: 'organization', role: 'source-organization' }],
  snyk_integration: [{ attribute: 'organization_id', target: 'organization', role: 'organization' }],
  snyk_integration_clone: [
    { attribute: 'destination_organization_id', target: 'organization', role: 'organization' },
    { attribute: 'source_integration_id', target: 'integration', role: 'clone-source' },
  ],
  snyk_broker_token: [
    { attribute: 'organization_id', target: 'organization', role: 'organization' },
    { attribute: 'integration_id', target: 'integration', role: 'token-integration' },
  ],
};

type LinkRole = 'organization' | 'source-organization' | 'clone-source' | 'token-integration';

/**
 * Links the Snyk resources of a plan: by known ids where values are known, and through the configuration's
 * references where they are not (resources created in the same plan), then groups them into token families.
 */
export function buildSnykGraph(plan: TerraformPlanJson, changes: readonly ResourceChangeModel[]): SnykGraph {
  const managed = changes.filter((change) => change.mode === 'managed');
  const builder = new GraphBuilder(
    plan,
    managed.filter((change) => SNYK_RESOURCE_KINDS[change.type]),
    managed.filter((change) => UNIVERSAL_BROKER_RESOURCE_TYPES.includes(change.type)),
  );
  return builder.build();
}

class GraphBuilder {
  private readonly nodes = new Map<string, SnykNode>();
  private readonly idIndex = new Map<string, string>();
  private readonly references: ReferenceIndex;
  private readonly known: KnownSnykObjects;
  private readonly organizationOf = new Map<string, string>();
  private readonly sourceOrganizationOf = new Map<string, string>();
  private readonly cloneSourceOf = new Map<string, string>();
  private readonly integrationOfToken = new Map<string, string>();

  constructor(
    plan: TerraformPlanJson,
    private readonly changes: readonly ResourceChangeModel[],
    private readonly brokerChanges: readonly ResourceChangeModel[] = [],
  ) {
    this.references = new ReferenceIndex(plan.configuration?.root_module);
    this.known = new KnownSnykObjects(plan);
  }

  build(): SnykGraph {
    for (const change of this.changes) this.addResource(change);
    for (const change of this.changes) this.linkResource(change);
    const graph = {
      nodes: this.nodes,
      organizationOf: this.organizationOf,
      sourceOrganizationOf: this.sourceOrganizationOf,
      cloneSourceOf: this.cloneSourceOf,
      integrationOfToken: this.integrationOfToken,
    };
    const universalBroker = new Map(this.brokerChanges.map((change) => [change.address, this.linkUniversalBroker(change)]));
    return { ...graph, families: findTokenFamilies(graph), universalBroker };
  }

  private linkUniversalBroker(change: ResourceChangeModel): UniversalBrokerLinks {
    if (change.type === 'snyk_app_install') return { organization: this.resolve(change, 'organization_id', 'organization'), classicFamily: [] };
    if (change.type !== 'snyk_broker_integration') return { classicFamily: [] };
    const side = change.kind === 'delete' ? change.before : change.after;
    return {
      organization: this.resolve(change, 'organization_id', 'organization'),
      adoptedIntegration: side.hasValue('integration_id') ? this.resolve(change, 'integration_id', 'integration') : undefined,
      classicFamily: this.resolveOrganizationList(change, 'classic_family_organization_ids'),
      connection: this.resolveConnection(change),
    };
  }

  /** Each org of a list attribute: by id where the list is known, else by the configuration's references. */
  private resolveOrganizationList(change: ResourceChangeModel, attribute: string): string[] {
    const side = change.kind === 'delete' ? change.before : change.after;
    const ids = side.strings(attribute);
    if (ids) return ids.map((id) => this.idIndex.get(`organization:${id}`) ?? this.externalNode('organization', id));
    if (side.get(attribute).state !== 'unknown') return [];
    const keys = this.references.referencesOf(change.address, attribute).map((reference) => this.matchPlanAddress(reference, change.address, ['snyk_organization']));
    return [...new Set(keys.filter((key): key is string => key !== undefined))];
  }

  private resolveConnection(change: ResourceChangeModel): string | undefined {
    const side = change.kind === 'delete' ? change.before : change.after;
    const id = side.string('broker_connection_id');
    const connections = this.brokerChanges.filter((candidate) => candidate.type === 'snyk_broker_connection' && !candidate.deposed);
    const byId = id ? connections.find((connection) => [connection.before.string('id'), connection.after.string('id')].includes(id)) : undefined;
    if (byId) return byId.address;
    const references = this.references.referencesOf(change.address, 'broker_connection_id');
    return connections.find((connection) => references.some((reference) => reference === connection.address || reference.startsWith(`${connection.address}.`)))?.address;
  }

  private addResource(change: ResourceChangeModel): void {
    const kind = SNYK_RESOURCE_KINDS[change.type];
    // A deposed object shares its address with the current one; the current one stands for both.
    if (this.nodes.has(change.address) && change.deposed) return;
    this.nodes.set(change.address, { key: change.address, kind, change });
    const idTarget = kind === 'clone' ? 'integration' : kind;
    for (const id of [change.before.string('id'), change.after.string('id')]) {
      if (id) this.idIndex.set(`${idTarget}:${id}`, change.address);
    }
  }

  private linkResource(change: ResourceChangeModel): void {
    if (change.deposed && this.nodes.get(change.address)?.change !== change) return;
    for (const link of LINKS[change.type] ?? []) {
      const target = this.resolve(change, link.attribute, link.target);
      if (target) this.linkMap(link.role).set(change.address, target);
    }
  }

  private linkMap(role: LinkRole): Map<string, string> {
    switch (role) {
      case 'organization':
        return this.organizationOf;
      case 'source-organization':
        return this.sourceOrganizationOf;
      case 'clone-source':
        return this.cloneSourceOf;
      case 'token-integration':
        return this.integrationOfToken;
    }
  }

  private resolve(change: ResourceChangeModel, attribute: string, target: 'organization' | 'integration'): string | undefined {
    const side = change.kind === 'delete' ? change.before : change.after;
    const id = side.string(attribute);
    if (id) return this.idIndex.get(`${target}:${id}`) ?? this.externalNode(target, id);
    if (side.get(attribute).state !== 'unknown') return undefined;
    return this.resolveByReference(change.address, attribute, target);
  }

  private resolveByReference(address: string, attribute: string, target: 'organization' | 'integration'): string | undefined {
    const wanted = target === 'organization' ? ['snyk_organization'] : ['snyk_integration', 'snyk_integration_clone'];
    for (const reference of this.references.referencesOf(address, attribute)) {
      const inPlan = this.matchPlanAddress(reference, address, wanted);
      if (inPlan) return inPlan;
      const dataSource = matchDataSource(reference, target);
      if (dataSource) return this.externalNode(target, dataSource);
    }
    return undefined;
  }

  private matchPlanAddress(reference: string, referrer: string, wantedTypes: readonly string[]): string | undefined {
    const candidates = this.changes
      .filter((change) => wantedTypes.includes(change.type) && !change.deposed)
      .map((change) => change.address)
      .filter((address) => reference === address || reference.startsWith(`${address}.`) || stripInstanceKeys(address) === stripAttribute(reference));
    if (candidates.length <= 1) return candidates[0];
    // `foo[count.index]` shows as a reference to all of foo: pair instances by their key.
    const key = instanceKey(referrer);
    return candidates.find((address) => instanceKey(address) === key);
  }

  private externalNode(kind: 'organization' | 'integration', ref: string): string {
    const key = `external:${kind}:${ref}`;
    if (!this.nodes.has(key)) this.nodes.set(key, { key, kind, externalRef: ref, known: this.known.find(kind, ref) });
    return key;
  }
}

function matchDataSource(reference: string, target: 'organization' | 'integration'): string | undefined {
  const match = /^(?:module\.[^.]+\.)*data\.(snyk_organization|snyk_integration)\.[^.]+/.exec(reference);
  if (!match || match[1] !== `snyk_${target}`) return undefined;
  return match[0];
}

const INSTANCE_KEY = /\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g;

function stripInstanceKeys(address: string): string {
  return address.replace(INSTANCE_KEY, '');
}

function instanceKey(address: string): string {
  const keys = address.match(INSTANCE_KEY);
  return keys ? keys[keys.length - 1] : '';
}

/** `snyk_organization.a.id` to `snyk_organization.a` (module prefixes kept). */
function stripAttribute(reference: string): string {
  const parts = stripInstanceKeys(reference).split('.');
  const typeIndex = parts.findIndex((part, index) => part.startsWith('snyk_') && (index === 0 || parts[index - 1] !== 'module'));
  return typeIndex < 0 ? reference : parts.slice(0, typeIndex + 2).join('.');
}

/** The configuration's `references` of each resource attribute, with module-relative references made absolute. */
class ReferenceIndex {
  private readonly byConfigAddress = new Map<string, { readonly [attribute: string]: ConfigExpression | unknown }>();

  constructor(root: ConfigModule | undefined) {
    this.index(root, []);
  }

  referencesOf(instanceAddress: string, attribute: string): string[] {
    const configAddress = stripInstanceKeys(instanceAddress);
    const expression = this.byConfigAddress.get(configAddress)?.[attribute];
    if (!isObject(expression) || !Array.isArray(expression.references)) return [];
    const modulePrefix = modulePrefixOf(instanceAddress);
    return expression.references.filter((ref): ref is string => typeof ref === 'string').map((ref) => modulePrefix + ref);
  }

  private index(module: ConfigModule | undefined, path: readonly string[]): void {
    if (!module) return;
    const prefix = path.map((name) => `module.${name}.`).join('');
    for (const resource of module.resources ?? []) {
      this.byConfigAddress.set(prefix + resource.address, resource.expressions ?? {});
    }
    for (const [name, call] of Object.entries(module.module_calls ?? {})) this.index(call.module, [...path, name]);
  }
}

function modulePrefixOf(instanceAddress: string): string {
  const match = /^((?:module\.[^.[]+(?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?\.)*)/.exec(instanceAddress);
  return match ? match[1] : '';
}

type GraphLinks = Omit<SnykGraph, 'families' | 'universalBroker'>;

/**
 * A family grows from each brokered integration: its clones (and clones of clones), the orgs they live in, orgs
 * created from any of those orgs (which copy the integrations and tokens), and the Broker tokens on any member.
 */
export function findTokenFamilies(graph: GraphLinks): TokenFamily[] {
  const families: TokenFamily[] = [];
  for (const node of [...graph.nodes.values()].sort((a, b) => compareText(a.key, b.key))) {
    if (node.kind !== 'integration' || graph.cloneSourceOf.has(node.key)) continue;
    const family = growFamily(graph, node.key);
    if (isBrokered(node) || (node.externalRef !== undefined && family.tokens.length > 0)) families.push(family);
  }
  return families;
}

/** Brokered before or after the change: a family being un-brokered still has clients to warn about. */
function isBrokered(node: SnykNode): boolean {
  if (!node.change) return false;
  const { change } = node;
  if (change.kind === 'delete') return mayBeTrue(change.before.get('broker'));
  return mayBeTrue(change.after.get('broker')) || mayBeTrue(change.before.get('broker'));
}

function mayBeTrue(value: SafeValue): boolean {
  return value.state === 'unknown' || (value.state === 'known' && value.value === true);
}

function growFamily(graph: GraphLinks, root: string): TokenFamily {
  const integrations = new Set([root]);
  addUntilStable(integrations, () => [...graph.cloneSourceOf].filter(([, source]) => integrations.has(source)).map(([clone]) => clone));
  const organizations = new Set([...integrations].map((key) => graph.organizationOf.get(key)).filter((key): key is string => key !== undefined));
  addUntilStable(organizations, () => [...graph.sourceOrganizationOf].filter(([, source]) => organizations.has(source)).map(([org]) => org));
  const tokens = [...graph.integrationOfToken].filter(([, integration]) => integrations.has(integration)).map(([token]) => token);
  const members = [...integrations, ...organizations, ...tokens];
  const changed = members.some((key) => {
    const change = graph.nodes.get(key)?.change;
    return change !== undefined && (change.kind !== 'no-op' || change.importingId !== undefined);
  });
  return { root, integrations: [...integrations].sort(), organizations: [...organizations].sort(), tokens: tokens.sort(), changed };
}

function addUntilStable(set: Set<string>, next: () => string[]): void {
  for (;;) {
    const added = next().filter((key) => !set.has(key));
    if (added.length === 0) return;
    added.forEach((key) => set.add(key));
  }
}

/** The families a node belongs to. */
export function familiesOf(graph: SnykGraph, key: string): TokenFamily[] {
  return graph.families.filter((family) => family.root === key || family.integrations.includes(key) || family.tokens.includes(key) || family.organizations.includes(key));
}
