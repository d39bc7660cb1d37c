/**
 * The Universal Broker connection types and the `configuration.required` fields each one needs, as Snyk's REST spec
 * (`ConfigurationAttributes.oneOf`) declares them. A type has one or more accepted field sets (`variants`): Bitbucket
 * Server and Jira take a password or a personal access token, AppRisk takes Checkmarx, SonarQube or both.
 * `credentialFields` hold the id of a deployment credential reference (never a secret value); Snyk reads them back as
 * `"${ENV_VAR_NAME}"`. Pure data: the client, the emulator, the provider and the constructs all read this one table.
 */

/** One accepted set of required fields. */
export interface ConnectionVariant {
  /** Short name, for messages: 'password', 'pat', 'checkmarx'... */
  readonly name: string;
  readonly fields: readonly string[];
  /** The subset of `fields` that take a credential reference id. */
  readonly credentialFields: readonly string[];
}

/** How one connection type is configured. */
export interface ConnectionTypeSpec {
  readonly variants: readonly ConnectionVariant[];
  /** What the type connects to, for docs and messages. */
  readonly description: string;
}

const CONTAINER_REGISTRY_BASE = ['broker_client_url', 'cr_agent_url', 'cr_base'] as const;

function oneVariant<const F extends string, const C extends F>(fields: readonly F[], credentialFields: readonly C[]) {
  return [{ name: 'default', fields, credentialFields }] as const;
}

function usernamePasswordRegistry(description: string) {
  return { description, variants: oneVariant([...CONTAINER_REGISTRY_BASE, 'cr_username', 'cr_password'], ['cr_password']) } as const;
}

/** Every connection type of the published spec. */
export const BROKER_CONNECTION_TYPES = {
  github: { description: 'GitHub.com', variants: oneVariant(['broker_client_url', 'github_token'], ['github_token']) },
  'github-enterprise': {
    description: 'GitHub Enterprise Server',
    variants: oneVariant(['broker_client_url', 'github', 'github_token'], ['github_token']),
  },
  'github-server-app': {
    description: 'GitHub Enterprise Server through a GitHub App',
    variants: oneVariant(
      ['broker_client_url', 'github', 'github_api', 'github_app_client_id', 'github_app_id', 'github_app_installation_id', 'github_app_private_pem_path'],
      [],
    ),
  },
  'github-cloud-app': {
    description: 'GitHub.com through a GitHub App',
    variants: oneVariant(
      ['broker_client_url', 'github', 'github_api', 'github_app_client_id', 'github_app_id', 'github_app_installation_id', 'github_app_private_pem_path'],
      [],
    ),
  },
  gitlab: { description: 'GitLab', variants: oneVariant(['broker_client_url', 'gitlab', 'gitlab_token'], ['gitlab_token']) },
  'bitbucket-server': {
    description: 'Bitbucket Server / Data Center',
    variants: [
      { name: 'password', fields: ['broker_client_url', 'bitbucket', 'bitbucket_username', 'bitbucket_password'], credentialFields: ['bitbucket_password'] },
      { name: 'pat', fields: ['broker_client_url', 'bitbucket', 'bitbucket_pat'], credentialFields: ['bitbucket_pat'] },
    ],
  },
  'azure-repos': {
    description: 'Azure Repos',
    variants: oneVariant(['broker_client_url', 'azure_repos_host', 'azure_repos_org', 'azure_repos_token'], ['azure_repos_token']),
  },
  jira: {
    description: 'Jira',
    variants: [
      { name: 'password', fields: ['jira_hostname', 'jira_username', 'jira_password'], credentialFields: ['jira_password'] },
      { name: 'pat', fields: ['jira_hostname', 'jira_pat'], credentialFields: ['jira_pat'] },
    ],
  },
  artifactory: { description: 'Artifactory', variants: oneVariant(['artifactory_url'], ['artifactory_url']) },
  nexus: { description: 'Nexus', variants: oneVariant(['base_nexus_url'], ['base_nexus_url']) },
  apprisk: {
    description: 'AppRisk (Checkmarx and/or SonarQube)',
    variants: [
      { name: 'checkmarx', fields: ['checkmarx', 'checkmarx_username', 'checkmarx_password'], credentialFields: ['checkmarx_password'] },
      { name: 'sonarqube', fields: ['sonarqube_host_url', 'sonarqube_api_token'], credentialFields: ['sonarqube_api_token'] },
      {
        name: 'checkmarx-and-sonarqube',
        fields: ['checkmarx', 'checkmarx_username', 'checkmarx_password', 'sonarqube_host_url', 'sonarqube_api_token'],
        credentialFields: ['checkmarx_password', 'sonarqube_api_token'],
      },
    ],
  },
  acr: usernamePasswordRegistry('Azure Container Registry'),
  'artifactory-cr': usernamePasswordRegistry('Artifactory container registry'),
  'docker-hub': usernamePasswordRegistry('Docker Hub'),
  gcr: usernamePasswordRegistry('Google Container Registry'),
  'github-cr': usernamePasswordRegistry('GitHub container registry'),
  'gitlab-cr': usernamePasswordRegistry('GitLab container registry'),
  'google-artifact-cr': usernamePasswordRegistry('Google Artifact Registry'),
  'harbor-cr': usernamePasswordRegistry('Harbor'),
  'nexus-cr': usernamePasswordRegistry('Nexus container registry'),
  'quay-cr': usernamePasswordRegistry('Quay'),
  'digitalocean-cr': { description: 'DigitalOcean container registry', variants: oneVariant([...CONTAINER_REGISTRY_BASE, 'cr_token'], ['cr_token']) },
  ecr: {
    description: 'Amazon ECR (role based, no secret)',
    variants: oneVariant([...CONTAINER_REGISTRY_BASE, 'cr_role_arn', 'cr_region', 'cr_external_id'], []),
  },
  workload: { description: 'Workload (spec only)', variants: oneVariant(['workload_type_id', 'workload_internal_uri'], []) },
} as const satisfies Readonly<Record<string, ConnectionTypeSpec>>;

/** A Universal Broker connection type: 'github', 'gitlab', 'acr'... */
export type BrokerConnectionType = keyof typeof BROKER_CONNECTION_TYPES;

type VariantsOf<T extends BrokerConnectionType> = (typeof BROKER_CONNECTION_TYPES)[T]['variants'][number];
type FieldsOf<V> = V extends { readonly fields: readonly (infer F extends string)[] } ? { readonly [K in F]: string } : never;

/** The `configuration` of a connection of type `T`, as written: one of the type's field sets, credential fields as ids. */
export interface ConnectionConfigurationOf<T extends BrokerConnectionType> {
  readonly type: T;
  readonly required: FieldsOf<VariantsOf<T>>;
}

/** A connection configuration as written, typed per connection type. */
export type BrokerConnectionConfiguration = { [T in BrokerConnectionType]: ConnectionConfigurationOf<T> }[BrokerConnectionType];

export const BROKER_CONNECTION_TYPE_NAMES: readonly BrokerConnectionType[] = Object.keys(BROKER_CONNECTION_TYPES) as BrokerConnectionType[];

export function isBrokerConnectionType(value: string): value is BrokerConnectionType {
  return Object.prototype.hasOwnProperty.call(BROKER_CONNECTION_TYPES, value);
}

/** The accepted field sets of a type. */
export function connectionVariants(type: BrokerConnectionType): readonly ConnectionVariant[] {
  return BROKER_CONNECTION_TYPES[type].variants;
}

/** Every field that holds a credential reference id in some variant of the type. */
export function credentialFieldsOf(type: BrokerConnectionType): readonly string[] {
  return [...new Set(connectionVariants(type).flatMap((variant) => variant.credentialFields))];
}

const CREDENTIAL_FIELDS: ReadonlySet<string> = new Set(BROKER_CONNECTION_TYPE_NAMES.flatMap((type) => credentialFieldsOf(type)));

/** Whether some connection type takes `field` as a credential reference id. */
export function isCredentialField(field: string): boolean {
  return CREDENTIAL_FIELDS.has(field);
}

/** Bare host fields, named as hostnames in Terraform. */
const HOST_KEYS: Readonly<Record<string, string>> = {
  github: 'github_hostname',
  gitlab: 'gitlab_hostname',
  bitbucket: 'bitbucket_hostname',
  checkmarx: 'checkmarx_hostname',
};

/**
 * The key of a Snyk field in a `snyk_broker_connection`'s `configuration` (the provider reads it, the constructs write
 * it). Named as `pavel-snyk/snyk` names them (`gitlab_hostname`, `gitlab_token_credential_id`...) so configurations
 * move between the two providers; keys that hold a credential reference end in `_credential_id`.
 */
export function configurationKeyOf(field: string): string {
  if (isCredentialField(field)) return `${field}_credential_id`;
  return HOST_KEYS[field] ?? field;
}

/**
 * What is wrong with a configuration's field names for a type (empty when it matches a variant). Names fields only,
 * never values. `present` are the fields given a non-empty value.
 */
export function connectionConfigurationProblems(type: string, present: readonly string[]): string[] {
  if (!isBrokerConnectionType(type)) {
    return [`unknown connection type "${type}"; accepted: ${BROKER_CONNECTION_TYPE_NAMES.join(', ')}`];
  }
  const variants = connectionVariants(type);
  const given = new Set(present);
  const known = new Set(variants.flatMap((variant) => variant.fields));
  const unknown = present.filter((field) => !known.has(field));
  if (unknown.length > 0) {
    return [`${type} does not take ${unknown.join(', ')}; it takes ${[...known].join(', ')}`];
  }
  const complete = variants.filter((variant) => variant.fields.every((field) => given.has(field)));
  if (complete.length > 0) {
    return [];
  }
  const alternatives = variants.map((variant) => variant.fields.filter((field) => !given.has(field)));
  const described = alternatives.map((missing) => missing.join(', ')).join(' | or | ');
  return [`${type} is missing required field(s): ${described}`];
}
