import { SnykApiError } from '../../../snyk';
import { UniversalBrokerClient } from '../../../snyk/universal-broker';
import { SnykProviderContext } from '../../snyk-context';

/** The Universal Broker calls of the configured client. */
export function ubClient(provider: SnykProviderContext): UniversalBrokerClient {
  return provider.client.universalBroker;
}

/** True for the answers Snyk gives when a delete is refused because something still depends on the object. */
export function isRefusedDelete(error: unknown): error is SnykApiError {
  return error instanceof SnykApiError && (error.status === 400 || error.status === 409 || error.status === 422);
}

/** True for a 404: the object is gone already. */
export function isNotFound(error: unknown): boolean {
  return error instanceof SnykApiError && error.status === 404;
}
