/** Attribute descriptions shared by several resources and data sources. */
export const ORGANIZATION_ID = 'The Snyk organization ID (a UUID), e.g. `snyk_organization.platform.id`.';
export const INTEGRATION_ID = 'The integration ID (a UUID), e.g. `snyk_integration.github.id`.';
export const TOKEN_FAMILY_NOTE =
  'Integrations that share a Broker token (clones, and copies made by creating an organization from a source organization) ' +
  'form one token family: provisioning and switching act on the whole family.';
