export * from './universal-broker';
export * from './credential';
export * from './connection';
export * from './integration';
export type { BrokerConnectionFields } from './configuration';
export type { UniversalBrokerHelmOptions, UniversalBrokerHelmValues } from './helm';
