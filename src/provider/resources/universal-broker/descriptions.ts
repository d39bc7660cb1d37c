/** Attribute descriptions shared by the Universal Broker resources and data sources. */
export const TENANT_ID = 'The Snyk tenant ID (a UUID), shown in the web UI under tenant settings or returned by `GET /rest/tenants`.';
export const APP_INSTALL_ID = 'The ID of the Broker App install (a UUID), e.g. `snyk_app_install.broker.id`.';
export const DEPLOYMENT_ID = 'The ID of the broker deployment (a UUID), e.g. `snyk_broker_deployment.main.id`.';
export const CONNECTION_ID = 'The ID of the broker connection (a UUID), e.g. `snyk_broker_connection.ghe.id`.';
export const TENANT_ADMIN_NOTE =
  'Needs a personal API key or PAT of a **Tenant Admin** (Snyk refuses service accounts for Universal Broker setup).';
export const REPLACE_ON_CHANGE = 'Changing it creates a new object.';
