import { Route } from '../router';
import { appInstallRoutes } from './routes-installs';
import { connectionRoutes } from './routes-connections';
import { deploymentRoutes } from './routes-deployments';

export { universalBrokerAdminRoutes } from './routes-admin';
export { createUniversalBroker } from './setup';
export type { UniversalBrokerOptions, TenantOption } from './setup';
export { UniversalBrokerModel } from './model';
export type { UniversalBrokerRole, ApiKeyGrantOption } from './access';
export type * from './state';

/** The Universal Broker REST routes: app installs, deployments, credentials, connections, org integrations, migration. */
export const universalBrokerRoutes: readonly Route[] = [...appInstallRoutes, ...deploymentRoutes, ...connectionRoutes];
