import { configurationKeyOf, credentialFieldsOf, isBrokerConnectionType } from '../../snyk/universal-broker/connection-types';
import { Token } from '../core';
import { BrokerCredential } from './credential';

/**
 * A connection's `configuration`, keyed by Snyk's field names (see `BROKER_CONNECTION_TYPES`), e.g.
 * `{ broker_client_url: 'https://broker.internal:8000', github: 'ghe.example.com', github_token: gheToken }`.
 * Secret fields (`github_token`, `cr_password`...) take a `BrokerCredential` (or the id of one), never the secret.
 */
export type BrokerConnectionFields = Readonly<Record<string, string | BrokerCredential>>;

function valueOf(value: string | BrokerCredential): string {
  return value instanceof BrokerCredential ? value.credentialId : value;
}

/** The L1 `configuration` map: its keys are the resource's snake_case keys, which cdktf passes through unchanged. */
export function configurationAttribute(fields: BrokerConnectionFields): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([field, value]) => [configurationKeyOf(field), valueOf(value)]));
}

/** Every field some variant of `type` treats as a credential reference. */
function credentialFields(type: string): readonly string[] {
  return isBrokerConnectionType(type) ? credentialFieldsOf(type) : [];
}

/** What is wrong with the kind of value given to each field (names fields, never values). */
export function fieldValueProblems(type: string, fields: BrokerConnectionFields): string[] {
  const secretFields = credentialFields(type);
  return Object.entries(fields).flatMap(([field, value]) => {
    if (secretFields.includes(field)) {
      if (value instanceof BrokerCredential) return credentialTypeProblem(type, field, value);
      if (Token.isUnresolved(value)) return [];
      return [
        `configuration.${field} is a secret field: give it a credential reference (broker.addCredential('ENV_VAR_NAME', '${type}')), ` +
          'never the secret itself; the broker client reads the secret from that environment variable',
      ];
    }
    if (value instanceof BrokerCredential) {
      return [`configuration.${field} is not a secret field of ${type}: it takes a plain value, not a credential reference (${value.node.path})`];
    }
    return [];
  });
}

function credentialTypeProblem(type: string, field: string, credential: BrokerCredential): string[] {
  if (Token.isUnresolved(credential.connectionType) || credential.connectionType === type) return [];
  return [`configuration.${field} refers to ${credential.node.path}, a credential for ${credential.connectionType} connections, not ${type}`];
}

/** Field names given a non-empty value. */
export function presentFields(fields: BrokerConnectionFields): string[] {
  return Object.entries(fields)
    .filter(([, value]) => value instanceof BrokerCredential || value.trim() !== '')
    .map(([field]) => field);
}
