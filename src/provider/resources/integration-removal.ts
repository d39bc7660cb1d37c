import { Diagnostics } from '../framework';
import { SnykProviderContext } from '../snyk-context';
import { isNotFound } from './snyk-errors';

/**
 * What destroying an integration can do: Snyk has no API that deletes one. A non-brokered integration loses its
 * credentials (DELETE .../authentication); a brokered one is left as it is. The warning says what stays in Snyk.
 */
export async function releaseIntegration(
  provider: SnykProviderContext,
  diagnostics: Diagnostics,
  target: { orgId: string; integrationId: string; type: string; brokered: boolean | null },
): Promise<void> {
  const where = `The ${target.type} integration ${target.integrationId} stays in organization ${target.orgId}`;
  if (target.brokered === true) {
    diagnostics.addWarning(
      [],
      'Snyk cannot delete an integration',
      `${where}, still brokered: broker clients using its Broker token keep working. ` +
        'Snyk has no API that deletes an integration or revokes a Broker token; remove it in the Snyk web UI if it must go.',
    );
    return;
  }
  try {
    await provider.client.deleteCredentials(target.orgId, target.integrationId);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  provider.typeMaps.invalidate(target.orgId);
  diagnostics.addWarning(
    [],
    'Snyk cannot delete an integration',
    `${where} with its credentials removed. Snyk has no API that deletes an integration; remove it in the Snyk web UI if it must go.`,
  );
}
