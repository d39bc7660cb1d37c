import { asRecord } from '../decode';
import { apiPath, HttpResult } from '../http';
import { UbContext } from './context';
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
import { BrokerDeployment, BrokerDeploymentInput, BrokerDeploymentMetadata, DeploymentRef, ListOptions } from './types';

const TYPE = 'broker_deployment';

function deploymentsPath(tenantId: string, installId: string): string {
  return apiPath`/rest/tenants/${tenantId}/brokers/installs/${installId}/deployments`;
}

/** POST .../installs/{install_id}/deployments. Not repeated after an ambiguous failure. */
export function createDeployment(ctx: UbContext, tenantId: string, installId: string, input: BrokerDeploymentInput): Promise<BrokerDeployment> {
  const body = { data: { type: TYPE, attributes: { broker_app_installed_in_org_id: input.appInstalledInOrgId, metadata: { ...input.metadata } } } };
  return ctx.http.request(
    jsonApiRequest('POST', deploymentsPath(tenantId, installId), ctx.versions.brokers, body),
    (result) => deployment(result, dataResource(result), installId),
    NOT_REPEATABLE,
  );
}

/** GET .../installs/{install_id}/deployments, every page. */
export function listDeployments(ctx: UbContext, tenantId: string, installId: string, options: ListOptions = {}): Promise<BrokerDeployment[]> {
  const first = jsonApiRequest('GET', deploymentsPath(tenantId, installId), ctx.versions.brokers);
  return listAllPages(ctx.http, first, (result) => dataResources(result).map((resource) => deployment(result, resource, installId)), options.pageSize);
}

/** GET /tenants/{tenant_id}/brokers/deployments, every page: the deployments of every install of the tenant. */
export function listTenantDeployments(ctx: UbContext, tenantId: string, options: ListOptions = {}): Promise<BrokerDeployment[]> {
  const first = jsonApiRequest('GET', apiPath`/rest/tenants/${tenantId}/brokers/deployments`, ctx.versions.brokers);
  return listAllPages(ctx.http, first, (result) => dataResources(result).map((resource) => deployment(result, resource)), options.pageSize);
}

/**
 * One deployment, read from its install's list (Snyk has no GET by id). Undefined when it is not listed, or when the
 * install itself is gone (404).
 */
export async function getDeployment(ctx: UbContext, ref: DeploymentRef): Promise<BrokerDeployment | undefined> {
  const listed = await undefinedOn404(listDeployments(ctx, ref.tenantId, ref.installId, { pageSize: 100 }));
  return listed?.find((candidate) => candidate.id === ref.deploymentId);
}

/** PATCH .../deployments/{deployment_id}: Snyk requires the org and install ids beside the metadata. Idempotent. */
export function updateDeployment(ctx: UbContext, ref: DeploymentRef, input: BrokerDeploymentInput): Promise<BrokerDeployment> {
  const attributes = { broker_app_installed_in_org_id: input.appInstalledInOrgId, install_id: ref.installId, metadata: { ...input.metadata } };
  const body = { data: { id: ref.deploymentId, type: TYPE, attributes } };
  return ctx.http.request(jsonApiRequest('PATCH', deploymentPath(ref), ctx.versions.brokers, body), (result) => deployment(result, dataResource(result), ref.installId));
}

/** DELETE .../deployments/{deployment_id}: Snyk refuses while connections or credential references remain. */
export async function deleteDeployment(ctx: UbContext, ref: DeploymentRef): Promise<void> {
  await ctx.http.request(jsonApiRequest('DELETE', deploymentPath(ref), ctx.versions.brokers), () => undefined, DELETE_SAFETY);
}

export function deploymentPath(ref: DeploymentRef): string {
  return apiPath`/rest/tenants/${ref.tenantId}/brokers/installs/${ref.installId}/deployments/${ref.deploymentId}`;
}

function deployment(result: HttpResult, resource: ReadResource, knownInstallId?: string): BrokerDeployment {
  return {
    id: resource.id,
    installId: optionalStringAttribute(resource, 'install_id') ?? knownInstallId ?? stringAttribute(result, resource, 'install_id'),
    appInstalledInOrgId: stringAttribute(result, resource, 'broker_app_installed_in_org_id'),
    metadata: metadataOf(resource.attributes.metadata),
  };
}

function metadataOf(value: unknown): BrokerDeploymentMetadata {
  const record = asRecord(value) ?? {};
  return Object.fromEntries(Object.entries(record).map(([key, entry]) => [key, typeof entry === 'string' ? entry : JSON.stringify(entry)]));
}
