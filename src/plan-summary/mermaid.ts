import { ChangeKind } from './changes';
import { describingSide, integrationType, nodeLabel } from './labels';
import { SnykGraph, SnykNode } from './token-family';
import { KIND_SYMBOLS, KIND_WORDS } from './wording';
import { compareText } from './order';

/** Fill and stroke of each change class, readable in GitHub's light and dark themes. */
const CLASS_STYLES: ReadonlyArray<[string, string]> = [
  ['create', 'fill:#dafbe1,stroke:#1a7f37,color:#1f2328'],
  ['update', 'fill:#fff8c5,stroke:#9a6700,color:#1f2328'],
  ['replace', 'fill:#ffe7d1,stroke:#bc4c00,color:#1f2328'],
  ['destroy', 'fill:#ffebe9,stroke:#cf222e,color:#1f2328'],
  ['unchanged', 'fill:#f6f8fa,stroke:#8c959f,color:#1f2328'],
];

/**
 * A Mermaid flowchart of a plan's Snyk objects: orgs as boxes holding their integrations, clones and tokens; arrows
 * for clones (token sharing), tokens and orgs created from a source org; each changed object labelled and coloured
 * by its change. Returns undefined when the plan has no Snyk objects.
 */
export function renderMermaid(graph: SnykGraph): string | undefined {
  if (graph.nodes.size === 0) return undefined;
  const ids = assignIds(graph);
  const lines = ['flowchart LR'];
  const organizations = sortedNodes(graph).filter((node) => node.kind === 'organization');
  for (const org of organizations) lines.push(...organizationBlock(graph, org, ids));
  for (const node of sortedNodes(graph).filter((node) => node.kind !== 'organization' && !graph.organizationOf.has(node.key))) {
    lines.push(`  ${nodeLine(graph, node, ids)}`);
  }
  lines.push(...edgeLines(graph, ids));
  lines.push(...CLASS_STYLES.map(([name, style]) => `  classDef ${name} ${style}`));
  lines.push(...classLines(graph, ids));
  return lines.join('\n');
}

function sortedNodes(graph: SnykGraph): SnykNode[] {
  return [...graph.nodes.values()].sort((a, b) => compareText(a.key, b.key));
}

function assignIds(graph: SnykGraph): Map<string, string> {
  const ids = new Map<string, string>();
  sortedNodes(graph).forEach((node, index) => ids.set(node.key, `${node.kind === 'organization' ? 'org' : 'n'}${index}`));
  return ids;
}

function organizationBlock(graph: SnykGraph, org: SnykNode, ids: Map<string, string>): string[] {
  const members = sortedNodes(graph).filter((node) => graph.organizationOf.get(node.key) === org.key);
  return [
    `  subgraph ${ids.get(org.key)}["${label([nodeLabel(graph, org.key), changeText(org)])}"]`,
    ...members.map((node) => `    ${nodeLine(graph, node, ids)}`),
    '  end',
  ];
}

function nodeLine(graph: SnykGraph, node: SnykNode, ids: Map<string, string>): string {
  const id = ids.get(node.key);
  switch (node.kind) {
    case 'broker_token':
      return `${id}(["${label(['Broker token', tokenStatus(node), changeText(node)])}"])`;
    case 'clone':
      return `${id}["${label([`clone: ${integrationType(graph, node.key) ?? 'integration'}`, changeText(node)])}"]`;
    default:
      return `${id}["${label([integrationTitle(graph, node), changeText(node)])}"]`;
  }
}

function integrationTitle(graph: SnykGraph, node: SnykNode): string {
  if (node.known?.type) return node.known.type;
  if (node.externalRef) return node.externalRef.includes('data.') ? node.externalRef : `integration ${node.externalRef}`;
  const type = integrationType(graph, node.key) ?? 'integration';
  const change = node.change;
  const side = change && change.kind === 'delete' ? change.before : change?.after;
  return side?.boolean('broker') ? `${type} (brokered)` : type;
}

function tokenStatus(node: SnykNode): string {
  if (!node.change) return '';
  return describingSide(node.change).string('status') ?? '';
}

function changeText(node: SnykNode): string {
  const change = node.change;
  if (!change) return 'not in this plan';
  const parts = change.kind === 'no-op' ? [] : [`${KIND_SYMBOLS[change.kind]} ${KIND_WORDS[change.kind]}`];
  if (change.importingId !== undefined) parts.push('import');
  return parts.join(', ');
}

function edgeLines(graph: SnykGraph, ids: Map<string, string>): string[] {
  const edges: string[] = [];
  const sorted = (map: ReadonlyMap<string, string>) => [...map].sort(([a], [b]) => compareText(a, b));
  for (const [org, source] of sorted(graph.sourceOrganizationOf)) edges.push(`  ${ids.get(source)} ==>|copied into| ${ids.get(org)}`);
  for (const [clone, source] of sorted(graph.cloneSourceOf)) edges.push(`  ${ids.get(source)} -->|clone, same token| ${ids.get(clone)}`);
  for (const [token, integration] of sorted(graph.integrationOfToken)) edges.push(`  ${ids.get(token)} -.->|token of| ${ids.get(integration)}`);
  return edges;
}

function classLines(graph: SnykGraph, ids: Map<string, string>): string[] {
  const byClass = new Map<string, string[]>();
  for (const node of sortedNodes(graph)) {
    const name = changeClass(node.change?.kind);
    byClass.set(name, [...(byClass.get(name) ?? []), ids.get(node.key) ?? '']);
  }
  return [...byClass].map(([name, members]) => `  class ${members.join(',')} ${name}`);
}

function changeClass(kind: ChangeKind | undefined): string {
  switch (kind) {
    case 'create':
    case 'update':
    case 'replace':
      return kind;
    case 'delete':
      return 'destroy';
    default:
      return 'unchanged';
  }
}

/** Joins label lines, escaping what Mermaid would read as markup. */
function label(parts: readonly string[]): string {
  return parts
    .filter((part) => part.length > 0)
    .map(escapeMermaid)
    .join('<br/>');
}

export function escapeMermaid(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/`/g, '#96;').replace(/[\r\n]+/g, ' ');
}
