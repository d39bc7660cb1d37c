import { asRecord } from '../decode';
import { undefinedOn404 } from '../errors';
import { apiPath, HttpResult } from '../http';
import { UbContext } from './context';
import { deleteResource, listResources, optionalStringAttribute, ReadResource, stringAttribute, writeResource } from './json-api';
import { BrokerDeployment, BrokerDeploymentInput, BrokerDeploymentMetadata, DeploymentRef, ListOptions } from './types';

const TYPE = 'broker_deployment';

function deploymentsPath(tenantId: string, installId: string): string {
  return apiPath`/rest/tenants/${tenantId}/brokers/installs/${installId}/deployments`;
}

/** POST .../installs/{install_id}/deployments. Not repeated after an ambiguous failure. */
export function createDeployment(ctx: UbContext, tenantId: string, installId: string, input: BrokerDeploymentInput): Promise<BrokerDeployment> {
  const body = { data: { type: TYPE, attributes: { broker_app_installed_in_org_id: input.appInstalledInOrgId, metadata: { ...input.metadata } } } };
  return writeResource(ctx, 'POST', deploymentsPath(tenantId, installId), body, decodeFor(installId));
}

/** GET .../installs/{install_id}/deployments, every page. */
export function listDeployments(ctx: UbContext, tenantId: string, installId: string, options: ListOptions = {}): Promise<BrokerDeployment[]> {
  return listResources(ctx, deploymentsPath(tenantId, installId), decodeFor(installId), options);
}

/** GET /tenants/{tenant_id}/brokers/deployments, every page: the deployments of every install of the tenant. */
export function listTenantDeployments(ctx: UbContext, tenantId: string, options: ListOptions = {}): Promise<BrokerDeployment[]> {
  return listResources(ctx, apiPath`/rest/tenants/${tenantId}/brokers/deployments`, decodeFor(undefined), options);
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
  return writeResource(ctx, 'PATCH', deploymentPath(ref), body, decodeFor(ref.installId));
}

/** DELETE .../deployments/{deployment_id}: Snyk refuses while connections or credential references remain. */
export function deleteDeployment(ctx: UbContext, ref: DeploymentRef): Promise<void> {
  return deleteResource(ctx, deploymentPath(ref));
}

export function deploymentPath(ref: DeploymentRef): string {
  return apiPath`/rest/tenants/${ref.tenantId}/brokers/installs/${ref.installId}/deployments/${ref.deploymentId}`;
}

function decodeFor(knownInstallId: string | undefined) {
  return (result: HttpResult, resource: ReadResource): BrokerDeployment => deployment(result, resource, knownInstallId);
}

function deployment(result: HttpResult, resource: ReadResource, knownInstallId: string | undefined): BrokerDeployment {
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
