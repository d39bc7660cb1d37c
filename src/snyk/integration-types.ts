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

/** One problem with the credential fields given for a type. */
export interface CredentialProblem {
  /** The credential field concerned, or `type` when the type itself is not one the API can create. */
  readonly field: string;
  readonly kind: 'missing' | 'unknown-field' | 'unknown-type';
  /** A sentence naming fields, never values. */
  readonly message: string;
}

/** The accepted fields of a type, for messages: `token (required), url`. */
export function describeCredentialFields(type: IntegrationType): string {
  const { required, optional } = INTEGRATION_TYPES[type];
  return [...required.map((field) => `${field} (required)`), ...optional].join(', ');
}

/**
 * What is wrong with the credential fields given for a type: missing required fields and unknown fields. Takes field
 * names only, so no value can end up in a message. Empty when it is fine.
 */
export function credentialProblems(type: string, givenFields: readonly string[]): CredentialProblem[] {
  if (!isIntegrationType(type)) {
    return [
      {
        field: 'type',
        kind: 'unknown-type',
        message: `"${type}" is not an integration type the API can create; accepted: ${Object.keys(INTEGRATION_TYPES).join(', ')}`,
      },
    ];
  }
  const { required, optional } = INTEGRATION_TYPES[type];
  const accepted = describeCredentialFields(type);
  return [
    ...required
      .filter((field) => !givenFields.includes(field))
      .map((field): CredentialProblem => ({ field, kind: 'missing', message: `${type} credentials need "${field}" (accepted: ${accepted})` })),
    ...givenFields
      .filter((field) => !required.includes(field) && !optional.includes(field))
      .map((field): CredentialProblem => ({ field, kind: 'unknown-field', message: `${type} credentials take no "${field}" (accepted: ${accepted})` })),
  ];
}
