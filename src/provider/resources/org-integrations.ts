import { SnykProviderContext } from '../snyk-context';
import { isNotFound } from './snyk-errors';

/**
 * An organization's integrations (type -> integration id), read through the provider's cache, or null when the
 * organization itself is gone (Snyk answers 404): everything in it is then gone too, and reads as such, so that the
 * plan creates it again instead of failing on every refresh.
 */
export async function integrationsOfOrg(provider: SnykProviderContext, orgId: string): Promise<Record<string, string> | null> {
  try {
    return await provider.typeMaps.get(orgId);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The type of an integration, found by its id in a type map. */
export function typeOf(typeMap: Record<string, string>, integrationId: string): string | undefined {
  return Object.entries(typeMap).find(([, id]) => id === integrationId)?.[0];
}
