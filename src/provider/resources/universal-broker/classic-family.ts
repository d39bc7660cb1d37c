import { Diagnostics } from '../../framework';
import { SnykProviderContext } from '../../snyk-context';
import { ubClient } from './ub-client';

/** What a `snyk_broker_integration` plan knows about the classic integration it takes over. */
export interface ClassicTakeover {
  readonly orgId: string;
  readonly type: string;
  readonly integrationId: string;
  /** The orgs sharing the classic Broker token (this one included), when the configuration lists them. */
  readonly familyOrgIds: readonly string[] | null;
}

/**
 * Orgs planned to leave each classic family in this provider process, i.e. this plan or apply. Terraform plans
 * independent resources in any order, so only those planned earlier are seen: the last one planned sees them all.
 */
const leavingInThisRun = new WeakMap<SnykProviderContext, Map<string, Set<string>>>();

function familyKey(takeover: ClassicTakeover & { familyOrgIds: readonly string[] }): string {
  return `${takeover.type}:${[...takeover.familyOrgIds].sort().join(',')}`;
}

function markLeaving(provider: SnykProviderContext, key: string, orgId: string): Set<string> {
  const families = leavingInThisRun.get(provider) ?? new Map<string, Set<string>>();
  leavingInThisRun.set(provider, families);
  const leaving = families.get(key) ?? new Set<string>();
  families.set(key, leaving.add(orgId));
  return leaving;
}

/** Family orgs whose integration of `type` is already served by a Universal Broker connection. */
async function alreadyOnUniversalBroker(provider: SnykProviderContext, orgIds: readonly string[], type: string): Promise<Set<string>> {
  const moved = await Promise.all(
    orgIds.map(async (orgId) => {
      const connections = await ubClient(provider).listOrgConnections(orgId).catch(() => []);
      return connections.some((connection) => connection.connectionType === type) ? orgId : undefined;
    }),
  );
  return new Set(moved.filter((orgId): orgId is string => orgId !== undefined));
}

function describeFamily(takeover: ClassicTakeover): string {
  return `the classic Broker token family of ${takeover.type} integration ${takeover.integrationId}`;
}

/**
 * Warns, at plan time, which classic token family an org leaves when its integration moves onto a Universal Broker
 * connection, which orgs stay on the classic token, and when the last one leaves.
 */
export async function warnClassicFamilyLeft(provider: SnykProviderContext, takeover: ClassicTakeover, diagnostics: Diagnostics): Promise<void> {
  const family = describeFamily(takeover);
  const leaves = `Organization ${takeover.orgId} leaves ${family}: once on the connection, its ${takeover.type} integration no longer uses the classic token or the classic broker client.`;
  if (takeover.familyOrgIds === null) {
    diagnostics.addWarning(
      ['integration_id'],
      'Organization leaves a classic Broker token family',
      `${leaves} Snyk does not say which other organizations share that token: list them (this one included) in classic_family_organization_ids ` +
        'to be told which remain on it and when the last one leaves.',
    );
    return;
  }
  const familyOrgIds = takeover.familyOrgIds;
  const leaving = markLeaving(provider, familyKey({ ...takeover, familyOrgIds }), takeover.orgId);
  const others = familyOrgIds.filter((orgId) => orgId !== takeover.orgId);
  const moved = await alreadyOnUniversalBroker(provider, others, takeover.type);
  const remaining = others.filter((orgId) => !moved.has(orgId) && !leaving.has(orgId));
  if (remaining.length > 0) {
    diagnostics.addWarning(
      ['integration_id'],
      'Organization leaves a classic Broker token family',
      `${leaves} Still on that classic token: ${remaining.join(', ')}; keep the classic broker client running for them. ` +
        `Rollback for ${takeover.orgId}: remove this integration from the connection (Snyk disconnects it), remove the disconnected ` +
        `${takeover.type} integration in the Snyk web UI (Snyk allows one integration per type per org, and its v1 API cannot delete one), ` +
        `then clone the integration from ${remaining[0]}, still on the classic token, into ${takeover.orgId} (snyk_integration_clone).`,
    );
    return;
  }
  diagnostics.addWarning(
    ['integration_id'],
    'Last organization leaves a classic Broker token family',
    `${leaves} No organization of ${family} remains on the classic token after this change (${familyOrgIds.join(', ')} all on Universal Broker): ` +
      'the classic broker client can be retired once this is applied. Rollback after that needs a fresh classic token: enable the broker on a ' +
      'classic integration again and restart a classic broker client with the new token.',
  );
}
