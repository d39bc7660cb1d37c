import { asRecord, unexpectedResponse } from '../decode';
import { apiPath, HttpResult } from '../http';
import { UbContext } from './context';
import { deploymentPath } from './deployments';
import {
  dataResource,
  dataResources,
  DELETE_SAFETY,
  jsonApiRequest,
  listAllPages,
  NOT_REPEATABLE,
  optionalStringAttribute,
  ReadResource,
  stringAttribute,
  undefinedOn404,
} from './json-api';
import { BrokerConnection, BrokerConnectionConfigurationRead, BrokerConnectionInput, ConnectionRef, DeploymentRef, ListOptions } from './types';

const TYPE = 'broker_connection';

/** POST .../deployments/{deployment_id}/connections. Not repeated after an ambiguous failure. */
export function createConnection(ctx: UbContext, ref: DeploymentRef, input: BrokerConnectionInput): Promise<BrokerConnection> {
  const body = { data: { type: TYPE, attributes: connectionAttributes(ref, input) } };
  return ctx.http.request(
    jsonApiRequest('POST', `${deploymentPath(ref)}/connections`, ctx.versions.brokers, body),
    (result) => connection(result, dataResource(result), ref.deploymentId),
    NOT_REPEATABLE,
  );
}

/** GET .../connections, every page. */
export function listConnections(ctx: UbContext, ref: DeploymentRef, options: ListOptions = {}): Promise<BrokerConnection[]> {
  const first = jsonApiRequest('GET', `${deploymentPath(ref)}/connections`, ctx.versions.brokers);
  return listAllPages(ctx.http, first, (result) => dataResources(result).map((resource) => connection(result, resource, ref.deploymentId)), options.pageSize);
}

/** GET .../connections/{connection_id}; undefined when Snyk answers 404. */
export async function getConnection(ctx: UbContext, ref: ConnectionRef): Promise<BrokerConnection | undefined> {
  return undefinedOn404(ctx.http.request(jsonApiRequest('GET', connectionPath(ref), ctx.versions.brokers), (result) => connection(result, dataResource(result), ref.deploymentId)));
}

/** PATCH .../connections/{connection_id}: name and the whole configuration. Idempotent. */
export function updateConnection(ctx: UbContext, ref: ConnectionRef, input: BrokerConnectionInput): Promise<BrokerConnection> {
  const body = { data: { id: ref.connectionId, type: TYPE, attributes: connectionAttributes(ref, input) } };
  return ctx.http.request(jsonApiRequest('PATCH', connectionPath(ref), ctx.versions.brokers, body), (result) => connection(result, dataResource(result), ref.deploymentId));
}

/** DELETE .../connections/{connection_id}: Snyk refuses while org integrations use it. */
export async function deleteConnection(ctx: UbContext, ref: ConnectionRef): Promise<void> {
  await ctx.http.request(jsonApiRequest('DELETE', connectionPath(ref), ctx.versions.brokers), () => undefined, DELETE_SAFETY);
}

/** DELETE .../deployments/{deployment_id}/connections: every connection of the deployment at once. */
export async function deleteAllConnections(ctx: UbContext, ref: DeploymentRef): Promise<void> {
  await ctx.http.request(jsonApiRequest('DELETE', `${deploymentPath(ref)}/connections`, ctx.versions.brokers), () => undefined, DELETE_SAFETY);
}

export function connectionPath(ref: ConnectionRef): string {
  return `${deploymentPath(ref)}${apiPath`/connections/${ref.connectionId}`}`;
}

function connectionAttributes(ref: DeploymentRef, input: BrokerConnectionInput) {
  const { type, required } = input.configuration;
  return { deployment_id: ref.deploymentId, name: input.name, configuration: { type, required: { ...required } } };
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
