import {
  BROKER_CONNECTION_TYPE_NAMES,
  BROKER_CONNECTION_TYPES,
  BrokerConnectionType,
  connectionVariants,
  credentialFieldsOf,
  isBrokerConnectionType,
} from '../../../snyk/universal-broker/connection-types';
import { attr, Attribute, Diagnostics, isUnknown, UnknownValue } from '../../framework';
import { isUuid, secretShape } from './secret-values';

/**
 * The `configuration` of a `snyk_broker_connection`: one optional attribute per field any connection type takes.
 * Names follow `pavel-snyk/snyk` (`gitlab_hostname`, `gitlab_token_credential_id`...) so configurations move between
 * the two providers; fields that hold a credential reference end in `_credential_id`.
 */
const HOST_FIELDS: Readonly<Record<string, string>> = {
  github: 'github_hostname',
  gitlab: 'gitlab_hostname',
  bitbucket: 'bitbucket_hostname',
  checkmarx: 'checkmarx_hostname',
};

const ALL_CREDENTIAL_FIELDS = new Set(BROKER_CONNECTION_TYPE_NAMES.flatMap((type) => credentialFieldsOf(type)));

/** The Terraform attribute for a Snyk API field. */
export function attributeOfField(field: string): string {
  if (ALL_CREDENTIAL_FIELDS.has(field)) return `${field}_credential_id`;
  return HOST_FIELDS[field] ?? field;
}

function typesTaking(field: string): BrokerConnectionType[] {
  return BROKER_CONNECTION_TYPE_NAMES.filter((type) => connectionVariants(type).some((variant) => variant.fields.includes(field)));
}

const ALL_FIELDS = [...new Set(BROKER_CONNECTION_TYPE_NAMES.flatMap((type) => connectionVariants(type).flatMap((variant) => variant.fields)))].sort();

/** Attribute name -> Snyk API field name. */
export const FIELD_OF_ATTRIBUTE: Readonly<Record<string, string>> = Object.fromEntries(ALL_FIELDS.map((field) => [attributeOfField(field), field]));

export type ConnectionConfigurationModel = Record<string, string | null>;

function describeField(field: string): string {
  const types = typesTaking(field).map((type) => `\`${type}\``).join(', ');
  const what = ALL_CREDENTIAL_FIELDS.has(field)
    ? `The ID of the \`snyk_broker_deployment_credential\` whose environment variable holds \`${field}\` (never the secret itself).`
    : `The \`${field}\` value.`;
  return `${what} Used by ${types}.`;
}

/** The nested `configuration` attribute. */
export const connectionConfigurationAttribute = attr.object(
  Object.fromEntries(Object.entries(FIELD_OF_ATTRIBUTE).map(([name, field]) => [name, attr.string({ optional: true, description: describeField(field) })])),
  {
    required: true,
    description:
      'The connection\'s settings; which attributes are required depends on `type` and is checked at plan time. Attributes ending in ' +
      '`_credential_id` take the ID of a `snyk_broker_deployment_credential` (the broker client reads the secret from that environment ' +
      'variable); a secret value is refused.',
  },
) as Attribute<ConnectionConfigurationModel | null>;

/** Types accepted by `type`, for descriptions. */
export const CONNECTION_TYPES_MARKDOWN = BROKER_CONNECTION_TYPE_NAMES.map((type) => `\`${type}\``).join(', ');

type PlannedConfiguration = Readonly<Record<string, string | null | UnknownValue>>;

function presentAttributes(configuration: PlannedConfiguration): string[] {
  return Object.entries(configuration)
    .filter(([, value]) => value !== null && value !== '')
    .map(([name]) => name);
}

function checkFieldsForType(type: BrokerConnectionType, configuration: PlannedConfiguration, diagnostics: Diagnostics): void {
  const present = new Set(presentAttributes(configuration));
  const variants = connectionVariants(type).map((variant) => ({ name: variant.name, attributes: variant.fields.map(attributeOfField) }));
  const accepted = new Set(variants.flatMap((variant) => variant.attributes));
  for (const name of present) {
    if (!accepted.has(name)) {
      diagnostics.addError(['configuration', name], `${type} connections do not take ${name}`, `A ${type} connection takes: ${[...accepted].join(', ')}.`);
    }
  }
  if (variants.some((variant) => variant.attributes.every((name) => present.has(name)))) return;
  const missing = variants.map((variant) => `${variant.attributes.filter((name) => !present.has(name)).join(', ')}${variants.length > 1 ? ` (${variant.name})` : ''}`);
  diagnostics.addError(
    ['configuration'],
    `Missing configuration for a ${type} connection`,
    `Set ${missing.join(', or ')}. ${BROKER_CONNECTION_TYPES[type].description} connections need ${variants.map((variant) => variant.attributes.join(', ')).join(' | or | ')}.`,
  );
}

function checkValues(configuration: PlannedConfiguration, diagnostics: Diagnostics): void {
  for (const [name, value] of Object.entries(configuration)) {
    if (value === null || isUnknown(value)) continue;
    const field = FIELD_OF_ATTRIBUTE[name] as string;
    const shape = secretShape(value);
    if (ALL_CREDENTIAL_FIELDS.has(field)) {
      if (!isUuid(value)) {
        diagnostics.addError(
          ['configuration', name],
          shape ? `A secret value in configuration.${name}` : `configuration.${name} is not a credential ID`,
          `${name} takes the ID (a UUID) of a snyk_broker_deployment_credential, e.g. snyk_broker_deployment_credential.token.id; ` +
            `the secret itself goes to the broker client as that credential's environment variable${shape ? `. The value was not used: ${shape}` : ''}.`,
        );
      }
    } else if (shape) {
      diagnostics.addError(
        ['configuration', name],
        `configuration.${name} looks like a secret`,
        `Secrets never go into a connection's configuration (Snyk stores it and shows it in plans): ${shape}. Give the secret to the broker ` +
          'client as the environment variable of a snyk_broker_deployment_credential and reference its ID in the matching *_credential_id attribute.',
      );
    }
  }
}

/** Plan-time checks of a configuration against its type; unknown values count as present and are checked later. */
export function checkConnectionConfiguration(type: string | null | UnknownValue, configuration: PlannedConfiguration | null | UnknownValue, diagnostics: Diagnostics): void {
  if (configuration === null || isUnknown(configuration)) return;
  checkValues(configuration, diagnostics);
  if (typeof type === 'string' && isBrokerConnectionType(type)) checkFieldsForType(type, configuration, diagnostics);
}

/** The API's `configuration.required` object from the attributes that are set. */
export function toApiFields(configuration: ConnectionConfigurationModel): Record<string, string> {
  return Object.fromEntries(
    Object.entries(configuration)
      .filter((entry): entry is [string, string] => entry[1] !== null)
      .map(([name, value]) => [FIELD_OF_ATTRIBUTE[name] as string, value]),
  );
}

/**
 * The configuration as Snyk reports it, in attribute form. Credential fields read back as `"${ENV_VAR}"` rather
 * than the id that was written, so they keep the value in state unless Snyk answers with another credential id.
 */
export function fromApiFields(fields: Readonly<Record<string, unknown>>, prior: ConnectionConfigurationModel | null): ConnectionConfigurationModel {
  const result: ConnectionConfigurationModel = Object.fromEntries(Object.keys(FIELD_OF_ATTRIBUTE).map((name) => [name, null]));
  for (const [field, raw] of Object.entries(fields)) {
    const name = attributeOfField(field);
    if (!(name in result) || typeof raw !== 'string') continue;
    result[name] = ALL_CREDENTIAL_FIELDS.has(field) && !isUuid(raw) ? (prior?.[name] ?? null) : raw;
  }
  return result;
}
