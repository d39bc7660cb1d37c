/** The integration types the v1 API can create, with the credential fields each one takes. */
export type IntegrationType =
  | 'github'
  | 'github-enterprise'
  | 'gitlab'
  | 'bitbucket-cloud'
  | 'bitbucket-server'
  | 'azure-repos'
  | 'ecr'
  | 'gcr'
  | 'google-artifact-cr'
  | 'digitalocean-cr'
  | 'docker-hub'
  | 'acr'
  | 'artifactory-cr'
  | 'github-cr'
  | 'gitlab-cr'
  | 'harbor-cr'
  | 'nexus-cr'
  | 'quay-cr';

/** Names of the flat `credentials` object's fields for one type. */
export interface IntegrationCredentialFields {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

const fields = (required: string[], optional: string[] = []): IntegrationCredentialFields => ({ required, optional });
const registryLogin = (): IntegrationCredentialFields => fields(['username', 'password', 'registryBase']);

/** Type -> credential fields, from Snyk's API description. Secret-bearing fields are all of them: treat every value as sensitive. */
export const INTEGRATION_TYPES: Readonly<Record<IntegrationType, IntegrationCredentialFields>> = {
  github: fields(['token']),
  'github-enterprise': fields(['token', 'url']),
  gitlab: fields(['token'], ['url']),
  'bitbucket-cloud': fields(['username', 'password']),
  'bitbucket-server': fields(['username', 'password', 'url']),
  'azure-repos': fields(['token', 'url']),
  ecr: fields(['region', 'roleArn']),
  gcr: fields(['password', 'registryBase']),
  'google-artifact-cr': fields(['password', 'registryBase']),
  'digitalocean-cr': fields(['token']),
  'docker-hub': fields(['username', 'password']),
  acr: registryLogin(),
  'artifactory-cr': registryLogin(),
  'github-cr': registryLogin(),
  'gitlab-cr': registryLogin(),
  'harbor-cr': registryLogin(),
  'nexus-cr': registryLogin(),
  'quay-cr': registryLogin(),
};

export function isIntegrationType(value: string): value is IntegrationType {
  return Object.prototype.hasOwnProperty.call(INTEGRATION_TYPES, value);
}

/**
 * What is wrong with a credentials object for a type: missing required fields and unknown fields, one sentence each
 * (naming fields, never values). Empty when it is fine.
 */
export function credentialProblems(type: string, credentials: Readonly<Record<string, string>>): string[] {
  if (!isIntegrationType(type)) {
    return [`"${type}" is not an integration type the API can create; accepted: ${Object.keys(INTEGRATION_TYPES).join(', ')}`];
  }
  const { required, optional } = INTEGRATION_TYPES[type];
  const given = Object.keys(credentials);
  const missing = required.filter((field) => !credentials[field]);
  const unknown = given.filter((field) => !required.includes(field) && !optional.includes(field));
  return [
    ...missing.map((field) => `${type} credentials need "${field}"`),
    ...unknown.map((field) => `${type} credentials take no "${field}" (accepted: ${[...required, ...optional].join(', ')})`),
  ];
}
