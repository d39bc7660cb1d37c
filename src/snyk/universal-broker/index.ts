export { UniversalBrokerClient } from './client';
export type { CredentialRef } from './credentials';
export * from './types';
export {
  BROKER_CONNECTION_TYPES,
  BROKER_CONNECTION_TYPE_NAMES,
  isBrokerConnectionType,
  connectionVariants,
  credentialFieldsOf,
  connectionConfigurationProblems,
} from './connection-types';
export type { BrokerConnectionType, BrokerConnectionConfiguration, ConnectionConfigurationOf, ConnectionTypeSpec, ConnectionVariant } from './connection-types';
