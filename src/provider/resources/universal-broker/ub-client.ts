import { UniversalBrokerClient } from '../../../snyk/universal-broker';
import { SnykProviderContext } from '../../snyk-context';

/** The Universal Broker calls of the configured client. */
export function ubClient(provider: SnykProviderContext): UniversalBrokerClient {
  return provider.client.universalBroker;
}
