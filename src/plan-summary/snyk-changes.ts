import { ResourceChangeModel } from './changes';
import { nodeLabel } from './labels';
import { SafeAttributes, SafeValue } from './sensitive';
import { SnykGraph } from './token-family';

/** One Snyk resource change as the summary lists it: what, and in words what happens to it. */
export interface SnykChangeEntry {
  readonly address: string;
  readonly resourceType: string;
  readonly kind: ResourceChangeModel['kind'];
  /** Human name: the org's name, `github in acme`, `Broker token of github in acme`. */
  readonly label: string;
  readonly details: readonly string[];
  readonly importingId?: string;
}

/** Attributes Snyk computes; their becoming unknown on update is noise for a reviewer. */
const COMPUTED_ATTRIBUTES = new Set(['id', 'slug', 'url', 'status', 'broker_token', 'token', 'type']);

type Describer = (change: ResourceChangeModel, graph: SnykGraph) => string[];

const DESCRIBERS: { readonly [resourceType: string]: Describer } = {
  snyk_organization: describeOrganization,
  snyk_integration: describeIntegration,
  snyk_broker_token: describeBrokerToken,
  snyk_integration_clone: describeClone,
};

/** Describes a change of one of this project's resources. */
export function describeSnykChange(change: ResourceChangeModel, graph: SnykGraph): SnykChangeEntry {
  const describe = DESCRIBERS[change.type] ?? (() => []);
  const details = [...commonDetails(change), ...describe(change, graph)];
  return {
    address: change.address,
    resourceType: change.type,
    kind: change.kind,
    label: nodeLabel(graph, change.address),
    details,
    importingId: change.importingId,
  };
}

function commonDetails(change: ResourceChangeModel): string[] {
  const details: string[] = [];
  if (change.importingId !== undefined) details.push(`imported (id \`${change.importingId}\`)`);
  if (change.previousAddress) details.push(`moved from \`${change.previousAddress}\``);
  if (change.deposed) details.push(`deposed object ${change.deposed} left by an earlier replacement`);
  if (change.kind === 'replace') details.push(`replaced because ${replaceReasonText(change)}`);
  return details;
}

/** `` `group_id` `` or `` `a`, `b` ``, or a plain reason, for "replaced because ...". */
export function replaceReasonText(change: ResourceChangeModel): string {
  if (change.replaceReasons.length === 0) return 'the provider requires it';
  const attributes = change.replaceReasons.filter((reason) => /^[a-z_][a-z0-9_]*(\[.*\])?$/.test(reason));
  const others = change.replaceReasons.filter((reason) => !attributes.includes(reason));
  const parts = attributes.length > 0 ? [`${attributes.map((path) => `\`${path}\``).join(', ')} changed`] : [];
  return [...parts, ...others].join('; ');
}

function describeOrganization(change: ResourceChangeModel, graph: SnykGraph): string[] {
  const details: string[] = [];
  const source = graph.sourceOrganizationOf.get(change.address);
  if (change.kind === 'create' || change.kind === 'replace') {
    details.push(...groupText(change));
    if (source) details.push(`created from ${nodeLabel(graph, source)}: its integrations and Broker tokens are copied`);
  }
  if (change.kind === 'update' && change.before.differsFrom(change.after, 'name')) details.push(renameText(change));
  if (change.kind === 'delete') details.push('deleted in Snyk with its projects: irreversible');
  details.push(...otherChanges(change, ['name']));
  return details;
}

/**
 * What an org's change means to a token family it belongs to, without the org table's detail (its group id): it
 * joins (created, maybe copied from a source org), leaves (deleted) or both (replaced).
 */
export function organizationFamilyDetails(change: ResourceChangeModel, graph: SnykGraph): string[] {
  const source = graph.sourceOrganizationOf.get(change.address);
  const copied = source ? ` from ${nodeLabel(graph, source)}: its integrations and Broker tokens are copied` : '';
  switch (change.kind) {
    case 'create':
      return [`created${copied}`];
    case 'replace':
      return [`replaced because ${replaceReasonText(change)}${copied ? `; re-created${copied}` : ''}`];
    case 'delete':
      return ['deleted: irreversible'];
    default:
      return describeSnykChange(change, graph).details.slice();
  }
}

/** `in group X`, or for a replacement that moves the org, `moves to group X (from Y)`. */
function groupText(change: ResourceChangeModel): string[] {
  const group = change.after.string('group_id');
  if (!group) return [];
  const previous = change.kind === 'replace' ? change.before.string('group_id') : undefined;
  return [previous && previous !== group ? `moves to group \`${group}\` (from \`${previous}\`)` : `in group \`${group}\``];
}

function renameText(change: ResourceChangeModel): string {
  const from = change.before.string('name');
  const to = change.after.string('name');
  return from !== undefined && to !== undefined ? `renamed from "${from}" to "${to}"` : 'renamed';
}

function describeIntegration(change: ResourceChangeModel, graph: SnykGraph): string[] {
  const details: string[] = [];
  if (change.kind === 'create' || change.kind === 'replace') {
    if (isTrue(change.after.get('broker'))) details.push('brokered: a Broker token is captured');
    if (change.after.hasValue('credentials')) details.push('credentials set (values hidden)');
    const settings = change.after.mapKeys('settings');
    if (settings && settings.length > 0) details.push(`settings: ${settings.join(', ')}`);
  }
  if (change.kind === 'update') details.push(...integrationUpdates(change));
  if (change.kind === 'delete') details.push(integrationDeleteText(change, graph));
  return details;
}

function integrationUpdates(change: ResourceChangeModel): string[] {
  const details: string[] = [];
  const before = change.before.get('broker');
  const after = change.after.get('broker');
  if (!isTrue(before) && isTrue(after)) details.push('broker enabled: a Broker token is captured');
  if (isTrue(before) && isFalse(after)) details.push('broker disabled (un-brokered): Snyk connects with the credentials instead');
  if (change.before.differsFrom(change.after, 'credentials')) details.push(credentialsChangeText(change.before, change.after));
  if (change.before.differsFrom(change.after, 'settings')) details.push(settingsChangeText(change.before, change.after));
  details.push(...otherChanges(change, ['broker', 'credentials', 'settings']));
  return details;
}

/** Whether credentials appear, go or change: never which fields or values. */
function credentialsChangeText(before: SafeAttributes, after: SafeAttributes): string {
  if (!before.hasValue('credentials')) return 'credentials set (values hidden)';
  if (!after.hasValue('credentials')) return 'credentials removed';
  return 'credentials changed (values hidden)';
}

function settingsChangeText(before: SafeAttributes, after: SafeAttributes): string {
  const keys = before.changedMapKeys(after, 'settings');
  const sensitive = after.get('settings').state === 'sensitive' || before.get('settings').state === 'sensitive';
  return sensitive || keys.length === 0 ? 'settings changed' : `settings changed: ${keys.join(', ')}`;
}

function describeBrokerToken(change: ResourceChangeModel, _graph: SnykGraph): string[] {
  switch (change.kind) {
    case 'create':
      return [`provisioned${activationText(change.after.get('activate'))}`];
    case 'replace':
      return [`rotated: a new token is provisioned${activationText(change.after.get('activate'))}`];
    case 'update':
      return [...tokenUpdates(change), ...otherChanges(change, ['activate'])];
    case 'delete':
      return ['Terraform forgets it; the token stays in use in Snyk'];
    default:
      return [];
  }
}

function activationText(activate: SafeValue): string {
  if (isFalse(activate)) return ' as provisional (activate = false): the live token does not change yet';
  if (isTrue(activate) || activate.state === 'absent') return ' and activated: it becomes the live token';
  return '; whether it is activated is known only at apply';
}

function tokenUpdates(change: ResourceChangeModel): string[] {
  const before = change.before.get('activate');
  const after = change.after.get('activate');
  if (isFalse(before) && isTrue(after)) return ['activated: the provisional token becomes the live token'];
  if (isTrue(before) && isFalse(after)) return ['activate set to false: the live token does not change'];
  return [];
}

/**
 * The org an integration or clone lives in when this plan deletes that org too: the integration then goes with it
 * instead of staying behind in Snyk.
 */
export function organizationDeletedWith(change: ResourceChangeModel, graph: SnykGraph): string | undefined {
  const organization = graph.organizationOf.get(change.address);
  if (organization === undefined || graph.nodes.get(organization)?.change?.kind !== 'delete') return undefined;
  return nodeLabel(graph, organization);
}

function integrationDeleteText(change: ResourceChangeModel, graph: SnykGraph): string {
  const organization = organizationDeletedWith(change, graph);
  return organization === undefined ? 'stays in Snyk with its credentials cleared' : `goes with its org ${organization}, deleted in this plan`;
}

function describeClone(change: ResourceChangeModel, graph: SnykGraph): string[] {
  if (change.kind === 'delete') return [integrationDeleteText(change, graph)];
  if (change.kind !== 'create' && change.kind !== 'replace') return [];
  const source = graph.cloneSourceOf.get(change.address);
  const destination = graph.organizationOf.get(change.address);
  return [`clone of ${source ? nodeLabel(graph, source) : 'an integration'} into ${destination ? nodeLabel(graph, destination) : 'an org'}`];
}

/** Other user-visible attributes that change, named but not shown. */
function otherChanges(change: ResourceChangeModel, described: readonly string[]): string[] {
  if (change.kind !== 'update') return [];
  const rest = change.changedAttributes.filter((name) => !described.includes(name) && !COMPUTED_ATTRIBUTES.has(name));
  return rest.length > 0 ? [`also changes ${rest.map((name) => `\`${name}\``).join(', ')}`] : [];
}

export function isTrue(value: SafeValue): boolean {
  return value.state === 'known' && value.value === true;
}

export function isFalse(value: SafeValue): boolean {
  return value.state === 'known' && value.value === false;
}
