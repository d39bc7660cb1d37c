import { ResourceChangeModel } from './changes';
import { SnykGraph, SnykNode, TokenFamily } from './token-family';
import { compareText } from './order';

/** The side of a change that describes the object: what it becomes, or what it was when it goes away. */
export function describingSide(change: ResourceChangeModel): ResourceChangeModel['after'] {
  return change.kind === 'delete' ? change.before : change.after;
}

/** A short human name for a node of the graph: org names, integration types, never secret values. */
export function nodeLabel(graph: SnykGraph, key: string): string {
  const node = graph.nodes.get(key);
  if (!node) return key;
  switch (node.kind) {
    case 'organization':
      return organizationLabel(node);
    case 'integration':
    case 'clone':
      return `${integrationType(graph, key) ?? 'integration'} in ${organizationOfLabel(graph, key)}`;
    case 'broker_token': {
      const integration = graph.integrationOfToken.get(key);
      return `Broker token of ${integration ? nodeLabel(graph, integration) : 'an integration'}`;
    }
  }
}

function organizationLabel(node: SnykNode): string {
  if (node.known?.name) return node.known.name;
  if (node.externalRef) return node.externalRef.startsWith('data.') || node.externalRef.includes('.data.') ? node.externalRef : `org ${node.externalRef}`;
  const change = node.change;
  if (!change) return node.key;
  return change.after.string('name') ?? change.before.string('name') ?? change.address;
}

function organizationOfLabel(graph: SnykGraph, key: string): string {
  const org = graph.organizationOf.get(key);
  return org ? nodeLabel(graph, org) : 'an unknown org';
}

/** The integration type of an integration or clone (a clone's comes from its source until Snyk reports it). */
export function integrationType(graph: SnykGraph, key: string, seen: ReadonlySet<string> = new Set()): string | undefined {
  const node = graph.nodes.get(key);
  if (!node || seen.has(key)) return undefined;
  if (node.externalRef) return node.known?.type;
  const change = node.change;
  const own = change ? (change.after.string('type') ?? change.before.string('type')) : undefined;
  if (own) return own;
  const source = graph.cloneSourceOf.get(key);
  return source ? integrationType(graph, source, new Set([...seen, key])) : undefined;
}

/** `github in acme (orgs: acme, acme-eu)`: the family's integration and the orgs it spans. */
export function familyLabel(graph: SnykGraph, family: TokenFamily): string {
  return `the token family of ${nodeLabel(graph, family.root)} (orgs: ${familyOrganizations(graph, family).join(', ') || 'unknown'})`;
}

export function familyOrganizations(graph: SnykGraph, family: TokenFamily): string[] {
  return family.organizations.map((key) => nodeLabel(graph, key)).sort((a, b) => compareText(a, b));
}
