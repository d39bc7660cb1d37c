import type { SnykProvider } from '../provider';

/** What every object of one Universal Broker deployment is created with. */
export interface UniversalBrokerContext {
  /** The Snyk tenant. */
  readonly tenantId: string;
  /** The Broker App install's id. */
  readonly appInstallId: string;
  /** The deployment's id. */
  readonly deploymentId: string;
  /** The provider configuration; undefined for the default one. */
  readonly provider?: SnykProvider;
}
