export { appInstallResource } from './app-install';
export { deploymentResource } from './deployment';
export { deploymentCredentialResource } from './deployment-credential';
export { connectionResource } from './connection';
export { brokerIntegrationResource } from './integration';
