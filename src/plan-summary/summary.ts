import { CHANGE_KINDS, changeKind, ChangeKind, isDestructive, modelResourceChange, ResourceChangeModel } from './changes';
import { familyOrganizations, nodeLabel } from './labels';
import { PlanChange, TerraformPlanJson } from './plan-json';
import { describeSnykChange, organizationFamilyDetails, SnykChangeEntry } from './snyk-changes';
import { buildSnykGraph, SnykGraph, SNYK_RESOURCE_KINDS, UNIVERSAL_BROKER_RESOURCE_TYPES } from './token-family';
import { summarizeUniversalBroker, UniversalBrokerSummary, universalBrokerWarnings } from './universal-broker';
import { findWarnings, PlanWarning, sortWarnings } from './warnings';
import { KIND_WORDS } from './wording';
import { compareText } from './order';

/** The provider whose resources get the Snyk-aware treatment; any host (registry or mirror) is accepted. */
export const SNYK_PROVIDER_SOURCE = 'cdktf-snyk/snyk';

/** Count of changes by kind, plus how many of them import an existing object. */
export type ActionCounts = { readonly [kind in Exclude<ChangeKind, 'no-op'>]: number } & { readonly import: number };

export interface ProviderCounts {
  /** The provider's source address without the default registry host, e.g. `hashicorp/aws`. */
  readonly provider: string;
  readonly counts: ActionCounts;
}

export interface TokenFamilySummary {
  readonly root: string;
  /** The family's integration, e.g. `github in acme`. */
  readonly label: string;
  readonly organizations: readonly string[];
  readonly members: readonly string[];
  /** What this plan does to the family's tokens and members, in words. */
  readonly changes: readonly string[];
}

export interface OutputChangeSummary {
  readonly name: string;
  readonly kind: ChangeKind;
  readonly sensitive: boolean;
}

/** Everything the renderers show for one stack (one plan). No field holds a secret. */
export interface StackSummary {
  readonly stack: string;
  readonly source: string;
  readonly terraformVersion?: string;
  readonly snykCounts: ActionCounts;
  readonly otherProviders: readonly ProviderCounts[];
  readonly warnings: readonly PlanWarning[];
  readonly organizations: readonly SnykChangeEntry[];
  readonly integrations: readonly SnykChangeEntry[];
  readonly brokerTokens: readonly SnykChangeEntry[];
  readonly clones: readonly SnykChangeEntry[];
  readonly families: readonly TokenFamilySummary[];
  /** Universal Broker objects, the orgs they serve, the broker clients' environment, and classic families left. */
  readonly universalBroker: UniversalBrokerSummary;
  readonly outputs: readonly OutputChangeSummary[];
  /** Whether anything (any provider) is deleted or replaced. */
  readonly destructive: boolean;
  readonly hasChanges: boolean;
  readonly graph: SnykGraph;
}

export function isSnykProvider(providerName: string): boolean {
  return providerName === SNYK_PROVIDER_SOURCE || providerName.endsWith(`/${SNYK_PROVIDER_SOURCE}`);
}

/** Summarises one plan. `stack` names it in the output; `source` says where it came from. */
export function summarizePlan(plan: TerraformPlanJson, stack: string, source: string = stack): StackSummary {
  const changes = (plan.resource_changes ?? []).map(modelResourceChange).sort((a, b) => compareText(a.address, b.address));
  const snyk = changes.filter(
    (change) => isSnykProvider(change.providerName) && (SNYK_RESOURCE_KINDS[change.type] !== undefined || UNIVERSAL_BROKER_RESOURCE_TYPES.includes(change.type)),
  );
  const snykManaged = snyk.filter((change) => change.mode === 'managed');
  const others = changes.filter((change) => !snyk.includes(change));
  const graph = buildSnykGraph(plan, snykManaged);
  const listed = snykManaged.filter(isWorthListing);
  const entries = (type: string) => listed.filter((change) => change.type === type).map((change) => describeSnykChange(change, graph));
  const outputs = summarizeOutputs(plan.output_changes ?? {});
  return {
    stack,
    source,
    terraformVersion: plan.terraform_version,
    snykCounts: countActions(snyk),
    otherProviders: countByProvider(others),
    warnings: sortWarnings([...findWarnings(snykManaged, graph), ...universalBrokerWarnings(snykManaged, graph)]),
    organizations: entries('snyk_organization'),
    integrations: entries('snyk_integration'),
    brokerTokens: entries('snyk_broker_token'),
    clones: entries('snyk_integration_clone'),
    families: summarizeFamilies(graph),
    universalBroker: summarizeUniversalBroker(snykManaged, graph, isWorthListing),
    outputs,
    destructive: changes.some(isDestructive),
    hasChanges: changes.some(isWorthListing) || outputs.length > 0,
    graph,
  };
}

function isWorthListing(change: ResourceChangeModel): boolean {
  return (change.kind !== 'no-op' && change.kind !== 'read') || change.importingId !== undefined || change.previousAddress !== undefined;
}

function emptyCounts(): { -readonly [key in keyof ActionCounts]: number } {
  return { create: 0, update: 0, replace: 0, delete: 0, read: 0, forget: 0, import: 0 };
}

/** Counts changes by kind (reads of data sources included). */
export function countActions(changes: readonly ResourceChangeModel[]): ActionCounts {
  const counts = emptyCounts();
  for (const change of changes) {
    if (change.kind !== 'no-op') counts[change.kind] += 1;
    if (change.importingId !== undefined) counts.import += 1;
  }
  return counts;
}

export function totalChanges(counts: ActionCounts): number {
  return CHANGE_KINDS.filter((kind) => kind !== 'read').reduce((sum, kind) => sum + counts[kind as keyof ActionCounts], 0) + counts.import;
}

function countByProvider(changes: readonly ResourceChangeModel[]): ProviderCounts[] {
  const byProvider = new Map<string, ResourceChangeModel[]>();
  for (const change of changes) {
    const provider = change.providerName.replace(/^registry\.terraform\.io\//, '');
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), change]);
  }
  return [...byProvider.entries()]
    .map(([provider, group]) => ({ provider, counts: countActions(group) }))
    .filter((entry) => totalChanges(entry.counts) > 0)
    .sort((a, b) => compareText(a.provider, b.provider));
}

function summarizeFamilies(graph: SnykGraph): TokenFamilySummary[] {
  return graph.families
    .filter((family) => family.changed)
    .map((family) => {
      const members = [...family.integrations, ...family.tokens];
      return {
        root: family.root,
        label: nodeLabel(graph, family.root),
        organizations: familyOrganizations(graph, family),
        members: members.filter((key) => graph.nodes.get(key)?.change).sort(),
        changes: familyChanges(graph, [...members, ...family.organizations.filter((key) => isOrganizationComingOrGoing(graph, key))]),
      };
    });
}

function familyChanges(graph: SnykGraph, members: readonly string[]): string[] {
  return members
    .map((key) => graph.nodes.get(key)?.change)
    .filter((change): change is ResourceChangeModel => change !== undefined && isWorthListing(change))
    .sort((a, b) => compareText(a.address, b.address))
    .map((change) => `${nodeLabel(graph, change.address)}: ${familyChangeDetails(change, graph).join('; ') || KIND_WORDS[change.kind]}`);
}

function familyChangeDetails(change: ResourceChangeModel, graph: SnykGraph): readonly string[] {
  return change.type === 'snyk_organization' ? organizationFamilyDetails(change, graph) : describeSnykChange(change, graph).details;
}

/** A rename does not touch a token family; an org that appears, goes or is replaced does. */
function isOrganizationComingOrGoing(graph: SnykGraph, key: string): boolean {
  const kind = graph.nodes.get(key)?.change?.kind;
  return kind === 'create' || kind === 'replace' || kind === 'delete';
}

function summarizeOutputs(outputs: { readonly [name: string]: PlanChange }): OutputChangeSummary[] {
  return Object.entries(outputs)
    .map(([name, change]) => ({
      name,
      kind: changeKind(change.actions),
      sensitive: change.before_sensitive === true || change.after_sensitive === true,
    }))
    .filter((output) => output.kind !== 'no-op')
    .sort((a, b) => compareText(a.name, b.name));
}

