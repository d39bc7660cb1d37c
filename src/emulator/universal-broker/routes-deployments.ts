import { badRequest } from '../errors';
import { Route, RouteContext } from '../router';
import { credentialResource, deploymentResource } from './documents';
import { NewCredential } from './model';
import { listReply, NO_CONTENT, resourceReply } from './replies';
import { authorizedDeployment, authorizedTenant, objectField, requestAttributes, restPathOf, stringField, uuidField, writeData } from './request';
import { isRecord } from '../body';

const TENANT_DEPLOYMENTS = '/rest/tenants/:tenantId/brokers/deployments';
const DEPLOYMENTS = '/rest/tenants/:tenantId/brokers/installs/:installId/deployments';
const DEPLOYMENT = `${DEPLOYMENTS}/:deploymentId`;
const CREDENTIALS = `${DEPLOYMENT}/credentials`;
const CREDENTIAL = `${CREDENTIALS}/:credentialId`;

/** The most credential references one create call takes (Snyk's spec: `maxItems: 10`). */
const MAX_CREDENTIALS_PER_CREATE = 10;

/** Deployments of an install and their credential references. */
export const deploymentRoutes: readonly Route[] = [
  { method: 'GET', pattern: TENANT_DEPLOYMENTS, handle: listTenantDeployments },
  { method: 'GET', pattern: DEPLOYMENTS, handle: listDeployments },
  { method: 'POST', pattern: DEPLOYMENTS, handle: createDeployment },
  { method: 'PATCH', pattern: DEPLOYMENT, handle: updateDeployment },
  { method: 'DELETE', pattern: DEPLOYMENT, handle: deleteDeployment },
  { method: 'GET', pattern: CREDENTIALS, handle: listCredentials },
  { method: 'POST', pattern: CREDENTIALS, handle: createCredentials },
  { method: 'GET', pattern: CREDENTIAL, handle: getCredential },
  { method: 'PATCH', pattern: CREDENTIAL, handle: updateCredential },
  { method: 'DELETE', pattern: CREDENTIAL, handle: deleteCredential },
];

function listTenantDeployments(context: RouteContext) {
  const { model, tenantId } = authorizedTenant(context, 'tenant.read');
  return listReply(context, TENANT_DEPLOYMENTS, model.deployments(tenantId), deploymentResource);
}

function listDeployments(context: RouteContext) {
  const { model, tenantId } = authorizedTenant(context, 'tenant.read');
  return listReply(context, DEPLOYMENTS, model.deployments(tenantId, context.params.installId), deploymentResource);
}

function createDeployment(context: RouteContext) {
  const { model, tenantId } = authorizedTenant(context, 'tenant.edit');
  const data = writeData(context.body, 'broker_deployment');
  const attributes = requestAttributes(data);
  const orgId = uuidField(attributes, 'broker_app_installed_in_org_id', 'data.attributes');
  const metadata = objectField(attributes, 'metadata', 'data.attributes');
  const deployment = model.createDeployment(tenantId, context.params.installId as string, orgId, metadata);
  return resourceReply(context, DEPLOYMENTS, 201, deploymentResource(deployment), restPathOf(DEPLOYMENT, { ...context.params, deploymentId: deployment.id }));
}

/** Snyk's PATCH requires `broker_app_installed_in_org_id` and `install_id`; `metadata` is optional. */
function updateDeployment(context: RouteContext) {
  const { model, address } = authorizedDeployment(context, 'tenant.edit');
  const data = writeData(context.body, 'broker_deployment', address.deploymentId);
  const attributes = requestAttributes(data);
  const update = {
    orgId: uuidField(attributes, 'broker_app_installed_in_org_id', 'data.attributes'),
    installId: uuidField(attributes, 'install_id', 'data.attributes'),
    ...(attributes.metadata === undefined ? {} : { metadata: objectField(attributes, 'metadata', 'data.attributes') }),
  };
  return resourceReply(context, DEPLOYMENT, 200, deploymentResource(model.updateDeployment(address, update)));
}

function deleteDeployment(context: RouteContext) {
  const { model, address } = authorizedDeployment(context, 'tenant.edit');
  model.deleteDeployment(address);
  return NO_CONTENT;
}

function listCredentials(context: RouteContext) {
  const { model, address } = authorizedDeployment(context, 'tenant.read');
  return listReply(context, CREDENTIALS, model.credentials(address), (credential) => credentialResource(model, credential));
}

/** `data.attributes` is an ARRAY of 1 to 10 credential references; the answer's `data` is an array too. */
function createCredentials(context: RouteContext) {
  const { model, address } = authorizedDeployment(context, 'tenant.edit');
  const data = writeData(context.body, 'deployment_credential');
  if (!Array.isArray(data.attributes) || data.attributes.length === 0 || data.attributes.length > MAX_CREDENTIALS_PER_CREATE) {
    throw badRequest(`"data.attributes" must be an array of 1 to ${MAX_CREDENTIALS_PER_CREATE} credential references`);
  }
  const requested = data.attributes.map((item, index) => newCredential(item, `data.attributes[${index}]`));
  const created = model.createCredentials(address, requested);
  return resourceReply(context, CREDENTIALS, 201, created.map((credential) => credentialResource(model, credential)));
}

function getCredential(context: RouteContext) {
  const { model, address } = authorizedDeployment(context, 'tenant.read');
  return resourceReply(context, CREDENTIAL, 200, credentialResource(model, model.credential(address, context.params.credentialId as string)));
}

function updateCredential(context: RouteContext) {
  const { model, address } = authorizedDeployment(context, 'tenant.edit');
  const credentialId = context.params.credentialId as string;
  const data = writeData(context.body, 'deployment_credential', credentialId);
  const updated = model.updateCredential(address, credentialId, newCredential(requestAttributes(data), 'data.attributes'));
  return resourceReply(context, CREDENTIAL, 200, credentialResource(model, updated));
}

function deleteCredential(context: RouteContext) {
  const { model, address } = authorizedDeployment(context, 'tenant.edit');
  model.deleteCredential(address, context.params.credentialId as string);
  return NO_CONTENT;
}

function newCredential(value: unknown, where: string): NewCredential {
  if (!isRecord(value)) {
    throw badRequest(`"${where}" must be an object`);
  }
  return {
    environmentVariableName: stringField(value, 'environment_variable_name', where),
    type: stringField(value, 'type', where),
    comment: commentOf(value, where),
  };
}

function commentOf(value: Record<string, unknown>, where: string): string | null {
  if (value.comment !== undefined && typeof value.comment !== 'string') {
    throw badRequest(`"${where}.comment" must be a string`);
  }
  return value.comment ?? null;
}
