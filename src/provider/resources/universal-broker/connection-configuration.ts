import {
  BROKER_CONNECTION_TYPE_NAMES,
  BROKER_CONNECTION_TYPES,
  BrokerConnectionType,
  configurationKeyOf,
  connectionVariants,
  isBrokerConnectionType,
  isCredentialField,
} from '../../../snyk/universal-broker/connection-types';
import { attr, Attribute, Diagnostics, isUnknown, isUuid, types, UnknownValue } from '../../framework';
import { nearestName } from './nearest-name';
import { secretShape } from './secret-values';

/** Every field any connection type takes; its `configuration` key is `configurationKeyOf(field)`. */
const ALL_FIELDS = [...new Set(BROKER_CONNECTION_TYPE_NAMES.flatMap((type) => connectionVariants(type).flatMap((variant) => variant.fields)))].sort();

/** Attribute name -> Snyk API field name. */
export const FIELD_OF_ATTRIBUTE: Readonly<Record<string, string>> = Object.fromEntries(ALL_FIELDS.map((field) => [configurationKeyOf(field), field]));

const ALL_KEYS = Object.keys(FIELD_OF_ATTRIBUTE);

/** Configuration keys: key -> value. Unknown keys never reach the API: validation rejects them. */
export type ConnectionConfigurationModel = Record<string, string>;

/** The keys a connection type takes, over all its variants, in the order the variants list them. */
function keysOfType(type: BrokerConnectionType): string[] {
  return [...new Set(connectionVariants(type).flatMap((variant) => variant.fields.map(configurationKeyOf)))];
}

function describeTypeKeys(type: BrokerConnectionType): string {
  const variants = connectionVariants(type);
  const keys = (fields: readonly string[]): string => fields.map((field) => `\`${configurationKeyOf(field)}\``).join(', ');
  if (variants.length === 1) return `\`${type}\`: ${keys(variants[0]?.fields ?? [])}`;
  return `\`${type}\`: ${variants.map((variant) => `${keys(variant.fields)} (${variant.name})`).join('; or ')}`;
}

/**
 * The `configuration` map. A map rather than an object attribute: Terraform converts an object to its declared type and
 * drops keys it does not declare before the provider sees them, so a misspelled key would vanish silently; with a map,
 * every key reaches validation, which rejects the unknown ones.
 */
export const connectionConfigurationAttribute = attr.map(types.string, {
  required: true,
  description:
    'The connection\'s settings, as `{ key = "value" }`; which keys are required depends on `type`, and a key the type does not take is ' +
    'an error at `terraform validate`. Keys ending in `_credential_id` take the ID of a `snyk_broker_deployment_credential` (the broker ' +
    'client reads the secret from that environment variable); a secret value is refused. Keys by type: ' +
    `${BROKER_CONNECTION_TYPE_NAMES.map(describeTypeKeys).join('. ')}.`,
}) as Attribute<ConnectionConfigurationModel | null>;

/** Types accepted by `type`, for descriptions. */
export const CONNECTION_TYPES_MARKDOWN = BROKER_CONNECTION_TYPE_NAMES.map((type) => `\`${type}\``).join(', ');

type PlannedConfiguration = Readonly<Record<string, string | null | UnknownValue>>;

/** Keys set to something; a blank value counts as set (it is reported as blank, not as missing). */
function presentAttributes(configuration: PlannedConfiguration): string[] {
  return Object.entries(configuration)
    .filter(([, value]) => value !== null)
    .map(([name]) => name);
}

function looksSecret(value: string | null | UnknownValue): boolean {
  return typeof value === 'string' && secretShape(value) !== undefined;
}

/**
 * Where a diagnostic on a configuration key points. Pointing at a map element makes Terraform quote its source line, so a
 * secret-shaped value (whatever its key, a misspelled one included) gets the resource's path instead.
 */
function keyPath(name: string, value: string | null | UnknownValue): string[] {
  return looksSecret(value) ? [] : ['configuration', name];
}

/** Where a diagnostic on the whole map points: Terraform quotes all of it, so one secret-shaped value in it moves it to the resource. */
function configurationPath(configuration: PlannedConfiguration): string[] {
  return Object.values(configuration).some(looksSecret) ? [] : ['configuration'];
}

/** Keys no connection type (or not this type) takes: named with the keys accepted and a "Did you mean" for a near miss. */
function checkKeys(type: BrokerConnectionType | undefined, configuration: PlannedConfiguration, diagnostics: Diagnostics): void {
  const accepted = type ? keysOfType(type) : ALL_KEYS;
  const acceptedText = type ? `A ${type} connection takes: ${accepted.join(', ')}.` : `Accepted keys (depending on type): ${accepted.join(', ')}.`;
  for (const [name, value] of Object.entries(configuration)) {
    if (accepted.includes(name)) continue;
    const nearest = nearestName(name, accepted);
    const hint = nearest ? ` Did you mean "${nearest}"?` : '';
    const summary = name in FIELD_OF_ATTRIBUTE ? `${type} connections do not take ${name}` : `Unknown key "${name}" in configuration`;
    diagnostics.addError(keyPath(name, value), summary, `configuration.${name} is not a setting of ${type ? `a ${type}` : 'any'} connection.${hint} ${acceptedText}`);
  }
}

function checkRequiredFields(type: BrokerConnectionType, configuration: PlannedConfiguration, diagnostics: Diagnostics): void {
  const present = new Set(presentAttributes(configuration));
  const variants = connectionVariants(type).map((variant) => ({ name: variant.name, attributes: variant.fields.map(configurationKeyOf) }));
  if (variants.some((variant) => variant.attributes.every((name) => present.has(name)))) return;
  const missing = variants.map((variant) => `${variant.attributes.filter((name) => !present.has(name)).join(', ')}${variants.length > 1 ? ` (${variant.name})` : ''}`);
  diagnostics.addError(
    configurationPath(configuration),
    `Missing configuration for a ${type} connection`,
    `Set ${missing.join(', or ')}. ${BROKER_CONNECTION_TYPES[type].description} connections need ${variants.map((variant) => variant.attributes.join(', ')).join(' | or | ')}.`,
  );
}

function checkValues(configuration: PlannedConfiguration, diagnostics: Diagnostics): void {
  for (const [name, value] of Object.entries(configuration)) {
    const field = FIELD_OF_ATTRIBUTE[name];
    if (value === null || isUnknown(value) || field === undefined) continue;
    if (value.trim() === '') {
      diagnostics.addError(['configuration', name], `Invalid value for configuration.${name}`, value === '' ? 'Expected a value, got an empty string.' : 'Expected a value, got only white space.');
      continue;
    }
    const shape = secretShape(value);
    const path = keyPath(name, value);
    if (isCredentialField(field)) {
      if (!isUuid(value)) {
        diagnostics.addError(
          path,
          shape ? `A secret value in configuration.${name}` : `configuration.${name} is not a credential ID`,
          `${name} takes the ID (a UUID) of a snyk_broker_deployment_credential, e.g. snyk_broker_deployment_credential.token.id; ` +
            `the secret itself goes to the broker client as that credential's environment variable${shape ? `. The value was not used: ${shape}` : ''}.`,
        );
      }
    } else if (shape) {
      diagnostics.addError(
        path,
        `configuration.${name} looks like a secret`,
        `Secrets never go into a connection's configuration (Snyk stores it and shows it in plans): ${shape}. Give the secret to the broker ` +
          'client as the environment variable of a snyk_broker_deployment_credential and reference its ID in the matching *_credential_id attribute.',
      );
    }
  }
}

/**
 * Validate/plan-time checks of a configuration against its type: keys, secret shapes, required fields. Unknown values
 * count as present and are checked once known; with `type` not yet known, keys are checked against every type's.
 */
export function checkConnectionConfiguration(type: string | null | UnknownValue, configuration: PlannedConfiguration | null | UnknownValue, diagnostics: Diagnostics): void {
  if (configuration === null || isUnknown(configuration)) return;
  const knownType = typeof type === 'string' && isBrokerConnectionType(type) ? type : undefined;
  checkKeys(knownType, configuration, diagnostics);
  checkValues(configuration, diagnostics);
  if (knownType) checkRequiredFields(knownType, configuration, diagnostics);
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
 * The configuration as Snyk reports it, in attribute form: the keys Snyk holds a value for. Credential fields read back
 * as `"${ENV_VAR}"` rather than the id that was written, so they keep the prior value (or are left out without one)
 * unless Snyk answers with another credential id.
 */
export function fromApiFields(fields: Readonly<Record<string, unknown>>, prior: ConnectionConfigurationModel | null): ConnectionConfigurationModel {
  const result: ConnectionConfigurationModel = {};
  for (const [field, raw] of Object.entries(fields)) {
    const name = configurationKeyOf(field);
    if (!(name in FIELD_OF_ATTRIBUTE) || typeof raw !== 'string') continue;
    const value = isCredentialField(field) && !isUuid(raw) ? prior?.[name] : raw;
    if (typeof value === 'string') result[name] = value;
  }
  return result;
}
