// The cdktf-snyk package: CDK for Terraform constructs for Snyk organizations, integrations and Broker tokens,
// and the tables they are validated against. The provider itself ships as dist/terraform-provider-snyk.js.
export * from './constructs';
export { INTEGRATION_TYPES, isIntegrationType } from './snyk/integration-types';
export type { IntegrationType, IntegrationCredentialFields } from './snyk/integration-types';
export { SNYK_REGIONS, DEFAULT_SNYK_REGION, isSnykRegion } from './snyk/regions';
export type { SnykRegion, SnykRegionEndpoints } from './snyk/regions';
export { PACKAGE_VERSION } from './version';
