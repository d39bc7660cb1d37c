import { SnykProviderContext } from '../snyk-context';

/**
 * An integration given up by a destroy in this apply that a create of the same organization and type may take over.
 * Snyk cannot delete an integration, so replacing one (a tainted create, `-replace`) would otherwise meet "the org
 * already has one". `id` is null for a create whose answer never arrived; `brokerToken` is the token captured, if any.
 */
export interface IntegrationHandover {
  readonly id: string | null;
  readonly brokerToken: string | null;
  /** Whether it was brokered, when Terraform knows. */
  readonly brokered: boolean | null;
  /** True when the integration was made by Terraform and its token never reached anyone: enabling again is safe. */
  readonly tokenNeverHandedOut: boolean;
}

const handovers = new WeakMap<SnykProviderContext, Map<string, IntegrationHandover>>();

function registry(provider: SnykProviderContext): Map<string, IntegrationHandover> {
  let entries = handovers.get(provider);
  if (!entries) {
    entries = new Map();
    handovers.set(provider, entries);
  }
  return entries;
}

const key = (orgId: string, type: string): string => `${orgId}/${type}`;

export function handOverIntegration(provider: SnykProviderContext, orgId: string, type: string, handover: IntegrationHandover): void {
  registry(provider).set(key(orgId, type), handover);
}

/**
 * The handover for this organization and type when it names `currentId` (the integration Snyk lists now) or a create
 * whose outcome was unknown; it is used up.
 */
export function takeOverIntegration(provider: SnykProviderContext, orgId: string, type: string, currentId: string): IntegrationHandover | undefined {
  const entries = registry(provider);
  const handover = entries.get(key(orgId, type));
  if (!handover || (handover.id !== null && handover.id !== currentId)) return undefined;
  entries.delete(key(orgId, type));
  return handover;
}
