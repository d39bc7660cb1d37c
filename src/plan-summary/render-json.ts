import { SnykChangeEntry } from './snyk-changes';
import { StackSummary } from './summary';

/** Version of the JSON document's shape; bumped on incompatible changes. */
export const JSON_SUMMARY_VERSION = 1;

export interface JsonEntry {
  readonly address: string;
  readonly type: string;
  readonly action: string;
  readonly label: string;
  readonly details: readonly string[];
  readonly importing_id?: string;
}

/** The document printed by `--format json`. Built field by field from the summary: nothing else can slip in. */
export interface JsonSummaryDocument {
  readonly summary_version: number;
  readonly destructive: boolean;
  readonly stacks: ReadonlyArray<{
    readonly stack: string;
    readonly source: string;
    readonly terraform_version: string | null;
    readonly has_changes: boolean;
    readonly destructive: boolean;
    readonly counts: {
      readonly snyk: StackSummary['snykCounts'];
      readonly other_providers: ReadonlyArray<{ readonly provider: string; readonly counts: StackSummary['snykCounts'] }>;
    };
    readonly warnings: ReadonlyArray<{ readonly severity: string; readonly address: string; readonly message: string }>;
    readonly organizations: readonly JsonEntry[];
    readonly integrations: readonly JsonEntry[];
    readonly broker_tokens: readonly JsonEntry[];
    readonly clones: readonly JsonEntry[];
    readonly token_families: ReadonlyArray<{
      readonly root: string;
      readonly label: string;
      readonly organizations: readonly string[];
      readonly members: readonly string[];
      readonly changes: readonly string[];
    }>;
    readonly universal_broker: {
      readonly changes: readonly JsonEntry[];
      readonly organizations: readonly string[];
      readonly environment_to_add: readonly string[];
      readonly environment_to_drop: readonly string[];
      readonly rotations: readonly string[];
      readonly classic_families: ReadonlyArray<{
        readonly family: string;
        readonly leaving: readonly string[];
        readonly already_moved: readonly string[];
        readonly disconnected: readonly string[];
        readonly remaining: readonly string[];
        readonly emptied: boolean;
      }>;
    };
    readonly outputs: ReadonlyArray<{ readonly name: string; readonly action: string; readonly sensitive: boolean }>;
  }>;
}

export function toJsonDocument(summaries: readonly StackSummary[]): JsonSummaryDocument {
  return {
    summary_version: JSON_SUMMARY_VERSION,
    destructive: summaries.some((summary) => summary.destructive),
    stacks: summaries.map((summary) => ({
      stack: summary.stack,
      source: summary.source,
      terraform_version: summary.terraformVersion ?? null,
      has_changes: summary.hasChanges,
      destructive: summary.destructive,
      counts: {
        snyk: { ...summary.snykCounts },
        other_providers: summary.otherProviders.map((provider) => ({ provider: provider.provider, counts: { ...provider.counts } })),
      },
      warnings: summary.warnings.map((warning) => ({ severity: warning.severity, address: warning.address, message: warning.message })),
      organizations: summary.organizations.map(jsonEntry),
      integrations: summary.integrations.map(jsonEntry),
      broker_tokens: summary.brokerTokens.map(jsonEntry),
      clones: summary.clones.map(jsonEntry),
      token_families: summary.families.map((family) => ({
        root: family.root,
        label: family.label,
        organizations: [...family.organizations],
        members: [...family.members],
        changes: [...family.changes],
      })),
      universal_broker: {
        changes: summary.universalBroker.entries.map(jsonEntry),
        organizations: [...summary.universalBroker.organizations],
        environment_to_add: [...summary.universalBroker.environmentToAdd],
        environment_to_drop: [...summary.universalBroker.environmentToDrop],
        rotations: [...summary.universalBroker.rotations],
        classic_families: summary.universalBroker.classicFamilies.map((move) => ({
          family: move.family,
          leaving: [...move.leaving],
          already_moved: [...move.alreadyMoved],
          disconnected: [...move.disconnected],
          remaining: [...move.remaining],
          emptied: move.emptied,
        })),
      },
      outputs: summary.outputs.map((output) => ({ name: output.name, action: output.kind, sensitive: output.sensitive })),
    })),
  };
}

function jsonEntry(entry: SnykChangeEntry): JsonEntry {
  return {
    address: entry.address,
    type: entry.resourceType,
    action: entry.kind,
    label: entry.label,
    details: [...entry.details],
    ...(entry.importingId !== undefined ? { importing_id: entry.importingId } : {}),
  };
}

/** Renders the summaries as a JSON document (see {@link JsonSummaryDocument}). */
export function renderJson(summaries: readonly StackSummary[]): string {
  return `${JSON.stringify(toJsonDocument(summaries), null, 2)}\n`;
}
