import { ResourceChangeModel } from './changes';
import { familyLabel, nodeLabel } from './labels';
import { isFalse, isTrue, organizationDeletedWith, replaceReasonText } from './snyk-changes';
import { familiesOf, SnykGraph } from './token-family';
import { compareText } from './order';

/** `caution`: irreversible or outage-prone; `warning`: leaves things behind or replaces; `note`: worth a look. */
export type WarningSeverity = 'caution' | 'warning' | 'note';

export interface PlanWarning {
  readonly severity: WarningSeverity;
  readonly address: string;
  readonly message: string;
}

const SEVERITY_ORDER: readonly WarningSeverity[] = ['caution', 'warning', 'note'];

type WarningRule = (change: ResourceChangeModel, graph: SnykGraph) => PlanWarning[];

const RULES: readonly WarningRule[] = [liveTokenSwitch, brokerDisabled, irreversibleOrganizationDelete, destroyLeavesIntegration, destroyLeavesToken, replacement, importing];

/** The warnings a reviewer must not miss, most severe first, then by address. */
export function findWarnings(changes: readonly ResourceChangeModel[], graph: SnykGraph): PlanWarning[] {
  return sortWarnings(changes.flatMap((change) => RULES.flatMap((rule) => rule(change, graph))));
}

/** Most severe first, then by address. */
export function sortWarnings(warnings: readonly PlanWarning[]): PlanWarning[] {
  return [...warnings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || compareText(a.address, b.address));
}

function warning(severity: WarningSeverity, change: ResourceChangeModel, message: string): PlanWarning {
  return { severity, address: change.address, message };
}

function familyText(change: ResourceChangeModel, graph: SnykGraph): string {
  const families = familiesOf(graph, change.address);
  return families.length > 0 ? families.map((family) => familyLabel(graph, family)).join(' and ') : 'its integration';
}

function liveTokenSwitch(change: ResourceChangeModel, graph: SnykGraph): PlanWarning[] {
  if (change.type !== 'snyk_broker_token') return [];
  const activate = change.after.get('activate');
  const label = nodeLabel(graph, change.address);
  if ((change.kind === 'create' || change.kind === 'replace') && !isFalse(activate)) {
    const certainty = isTrue(activate) || activate.state === 'absent' ? 'switches' : 'may switch (activate is known only at apply)';
    return [
      warning(
        'caution',
        change,
        `${label}: a new token is provisioned and activated, which ${certainty} the live Broker token for ${familyText(change, graph)}. ` +
          'Broker clients must already run the new token. For no downtime, provision it with activate = false, roll the clients out, then activate.',
      ),
    ];
  }
  if (change.kind === 'update' && isFalse(change.before.get('activate')) && isTrue(activate)) {
    return [
      warning(
        'caution',
        change,
        `${label}: activation switches the live Broker token for ${familyText(change, graph)}. Broker clients must already run the provisional token.`,
      ),
    ];
  }
  return [];
}

function brokerDisabled(change: ResourceChangeModel, graph: SnykGraph): PlanWarning[] {
  if (change.type !== 'snyk_integration' || change.kind !== 'update') return [];
  if (!isTrue(change.before.get('broker')) || !isFalse(change.after.get('broker'))) return [];
  return [
    warning('warning', change, `${nodeLabel(graph, change.address)}: the broker is disabled; the Broker clients of ${familyText(change, graph)} no longer serve it.`),
  ];
}

function irreversibleOrganizationDelete(change: ResourceChangeModel, graph: SnykGraph): PlanWarning[] {
  if (change.type !== 'snyk_organization' || (change.kind !== 'delete' && change.kind !== 'replace')) return [];
  const verb = change.kind === 'replace' ? 'is replaced: the old org is deleted' : 'is deleted';
  return [
    warning(
      'caution',
      change,
      `Organization ${nodeLabel(graph, change.address)} ${verb}, which cannot be undone (its projects, history and settings go with it). Snyk refuses to delete an org that still has projects.`,
    ),
  ];
}

function destroyLeavesIntegration(change: ResourceChangeModel, graph: SnykGraph): PlanWarning[] {
  const integrationTypes = ['snyk_integration', 'snyk_integration_clone'];
  if (!integrationTypes.includes(change.type) || (change.kind !== 'delete' && change.kind !== 'replace')) return [];
  // Deleting its org removes the integration for good; the org's own caution says so.
  if (change.kind === 'delete' && organizationDeletedWith(change, graph) !== undefined) return [];
  return [
    warning(
      'warning',
      change,
      `${nodeLabel(graph, change.address)}: Snyk cannot delete an integration; destroying it only clears its credentials. The integration (and any Broker token it has) stays in Snyk.`,
    ),
  ];
}

function destroyLeavesToken(change: ResourceChangeModel, graph: SnykGraph): PlanWarning[] {
  if (change.type !== 'snyk_broker_token' || change.kind !== 'delete') return [];
  return [
    warning('warning', change, `${nodeLabel(graph, change.address)}: destroying it only removes it from Terraform state; the token stays in use in Snyk.`),
  ];
}

function replacement(change: ResourceChangeModel, graph: SnykGraph): PlanWarning[] {
  if (change.kind !== 'replace') return [];
  const order = change.replaceOrder === 'create-first' ? 'the new one is created before the old one is destroyed' : 'the old one is destroyed first';
  return [warning('warning', change, `${nodeLabel(graph, change.address)} is replaced because ${replaceReasonText(change)} (${order}).`)];
}

function importing(change: ResourceChangeModel, graph: SnykGraph): PlanWarning[] {
  if (change.importingId === undefined) return [];
  return [warning('note', change, `${nodeLabel(graph, change.address)} is imported from the existing object \`${change.importingId}\`.`)];
}
