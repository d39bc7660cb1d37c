import { asRecord } from '../decode';
import { apiPath, HttpResult } from '../http';
import { jsonApiRequest } from '../rest';
import { UbContext } from './context';
import { deploymentPath } from './deployments';
import {
  dataResources,
  deleteResource,
  getResource,
  listResources,
  NOT_REPEATABLE,
  optionalStringAttribute,
  ReadResource,
  stringAttribute,
  writeResource,
} from './json-api';
import { DeploymentCredential, DeploymentCredentialInput, DeploymentRef, ListOptions, MAX_CREDENTIALS_PER_CREATE } from './types';

const TYPE = 'deployment_credential';

/** Where a credential reference lives. */
export interface CredentialRef extends DeploymentRef {
  readonly credentialId: string;
}

/**
 * POST .../deployments/{deployment_id}/credentials: creates 1 to 10 credential references in one call (Snyk's limit)
 * and returns them in the order given. Not repeated after an ambiguous failure.
 */
export async function createCredentials(ctx: UbContext, ref: DeploymentRef, inputs: readonly DeploymentCredentialInput[]): Promise<DeploymentCredential[]> {
  if (inputs.length === 0 || inputs.length > MAX_CREDENTIALS_PER_CREATE) {
    throw new RangeError(`createCredentials takes 1 to ${MAX_CREDENTIALS_PER_CREATE} credential references per call, got ${inputs.length}`);
  }
  const body = { data: { type: TYPE, attributes: inputs.map(credentialAttributes) } };
  return ctx.http.request(
    jsonApiRequest('POST', `${deploymentPath(ref)}/credentials`, ctx.versions.brokers, body),
    (result) => dataResources(result).map((resource) => decodeFor(ref)(result, resource)),
    NOT_REPEATABLE,
  );
}

/** GET .../credentials, every page. */
export function listCredentials(ctx: UbContext, ref: DeploymentRef, options: ListOptions = {}): Promise<DeploymentCredential[]> {
  return listResources(ctx, `${deploymentPath(ref)}/credentials`, decodeFor(ref), options);
}

/** GET .../credentials/{credential_id}; undefined when Snyk answers 404. */
export function getCredential(ctx: UbContext, ref: CredentialRef): Promise<DeploymentCredential | undefined> {
  return getResource(ctx, credentialPath(ref), decodeFor(ref));
}

/** PATCH .../credentials/{credential_id}. Idempotent. */
export function updateCredential(ctx: UbContext, ref: CredentialRef, input: DeploymentCredentialInput): Promise<DeploymentCredential> {
  const body = { data: { id: ref.credentialId, type: TYPE, attributes: credentialAttributes(input) } };
  return writeResource(ctx, 'PATCH', credentialPath(ref), body, decodeFor(ref));
}

/** DELETE .../credentials/{credential_id}: Snyk refuses while a connection uses it. */
export function deleteCredential(ctx: UbContext, ref: CredentialRef): Promise<void> {
  return deleteResource(ctx, credentialPath(ref));
}

function decodeFor(ref: DeploymentRef) {
  return (result: HttpResult, resource: ReadResource): DeploymentCredential => credential(result, resource, ref.deploymentId);
}

function credentialPath(ref: CredentialRef): string {
  return `${deploymentPath(ref)}${apiPath`/credentials/${ref.credentialId}`}`;
}

function credentialAttributes(input: DeploymentCredentialInput): Record<string, string> {
  return {
    environment_variable_name: input.environmentVariableName,
    type: input.type,
    ...(input.comment !== undefined ? { comment: input.comment } : {}),
  };
}

function credential(result: HttpResult, resource: ReadResource, knownDeploymentId: string): DeploymentCredential {
  const comment = optionalStringAttribute(resource, 'comment');
  return {
    id: resource.id,
    deploymentId: optionalStringAttribute(resource, 'deployment_id') ?? knownDeploymentId,
    environmentVariableName: stringAttribute(result, resource, 'environment_variable_name'),
    type: stringAttribute(result, resource, 'type'),
    ...(comment !== undefined ? { comment } : {}),
    connectionIds: relatedIds(asRecord(resource.relationships)?.broker_connections),
  };
}

/** The ids of a JSON:API relationship list: `[{data: {id, type}}]`. */
export function relatedIds(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.map((entry) => asRecord(asRecord(entry)?.data)?.id).filter((id): id is string => typeof id === 'string');
}
