import { asRecord, unexpectedResponse } from '../decode';
import { apiPath, HttpResult } from '../http';
import { UbContext } from './context';
import { deploymentPath } from './deployments';
import { deleteResource, getResource, listResources, optionalStringAttribute, ReadResource, stringAttribute, writeResource } from './json-api';
import { BrokerConnection, BrokerConnectionConfigurationRead, BrokerConnectionInput, ConnectionRef, DeploymentRef, ListOptions } from './types';

const TYPE = 'broker_connection';

/** POST .../deployments/{deployment_id}/connections. Not repeated after an ambiguous failure. */
export function createConnection(ctx: UbContext, ref: DeploymentRef, input: BrokerConnectionInput): Promise<BrokerConnection> {
  const body = { data: { type: TYPE, attributes: connectionAttributes(ref, input) } };
  return writeResource(ctx, 'POST', `${deploymentPath(ref)}/connections`, body, decodeFor(ref));
}

/** GET .../connections, every page. */
export function listConnections(ctx: UbContext, ref: DeploymentRef, options: ListOptions = {}): Promise<BrokerConnection[]> {
  return listResources(ctx, `${deploymentPath(ref)}/connections`, decodeFor(ref), options);
}

/** GET .../connections/{connection_id}; undefined when Snyk answers 404. */
export function getConnection(ctx: UbContext, ref: ConnectionRef): Promise<BrokerConnection | undefined> {
  return getResource(ctx, connectionPath(ref), decodeFor(ref));
}

/** PATCH .../connections/{connection_id}: name and the whole configuration. Idempotent. */
export function updateConnection(ctx: UbContext, ref: ConnectionRef, input: BrokerConnectionInput): Promise<BrokerConnection> {
  const body = { data: { id: ref.connectionId, type: TYPE, attributes: connectionAttributes(ref, input) } };
  return writeResource(ctx, 'PATCH', connectionPath(ref), body, decodeFor(ref));
}

/** DELETE .../connections/{connection_id}: Snyk refuses while org integrations use it. */
export function deleteConnection(ctx: UbContext, ref: ConnectionRef): Promise<void> {
  return deleteResource(ctx, connectionPath(ref));
}

/** DELETE .../deployments/{deployment_id}/connections: every connection of the deployment at once. */
export function deleteAllConnections(ctx: UbContext, ref: DeploymentRef): Promise<void> {
  return deleteResource(ctx, `${deploymentPath(ref)}/connections`);
}

export function connectionPath(ref: ConnectionRef): string {
  return `${deploymentPath(ref)}${apiPath`/connections/${ref.connectionId}`}`;
}

function connectionAttributes(ref: DeploymentRef, input: BrokerConnectionInput) {
  const { type, required } = input.configuration;
  return { deployment_id: ref.deploymentId, name: input.name, configuration: { type, required: { ...required } } };
}

function decodeFor(ref: DeploymentRef) {
  return (result: HttpResult, resource: ReadResource): BrokerConnection => connection(result, resource, ref.deploymentId);
}

function connection(result: HttpResult, resource: ReadResource, knownDeploymentId: string): BrokerConnection {
  const identifier = optionalStringAttribute(resource, 'identifier');
  return {
    id: resource.id,
    deploymentId: optionalStringAttribute(resource, 'deployment_id') ?? knownDeploymentId,
    name: stringAttribute(result, resource, 'name'),
    configuration: configurationOf(result, resource.attributes.configuration),
    ...(identifier !== undefined ? { identifier } : {}),
    contextIds: Array.isArray(resource.relationships)
      ? resource.relationships.map((context) => asRecord(context)?.id).filter((id): id is string => typeof id === 'string')
      : [],
  };
}

function configurationOf(result: HttpResult, value: unknown): BrokerConnectionConfigurationRead {
  const record = asRecord(value);
  const type = record?.type;
  if (!record || typeof type !== 'string') {
    throw unexpectedResponse(result, 'a "configuration" attribute with a string "type"');
  }
  const required = Object.fromEntries(
    Object.entries(asRecord(record.required) ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  return { type, required };
}
