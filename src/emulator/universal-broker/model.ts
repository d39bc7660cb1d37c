import { randomUUID } from 'node:crypto';
import { connectionConfigurationProblems, credentialFieldsOf, isBrokerConnectionType } from '../../snyk/universal-broker/connection-types';
import { BehaviorSet } from '../behaviors';
import { ApiError, badRequest, notFound } from '../errors';
import { EmulatorModel } from '../model';
import { TenantAccess, TenantPermission } from './access';
import {
  AppInstallRecord,
  ConnectionRecord,
  CredentialRecord,
  DeploymentRecord,
  OrgIntegrationRecord,
  TenantRecord,
  UniversalBrokerState,
} from './state';

/** Where a deployment is addressed: tenant, install, deployment. */
export interface DeploymentAddress {
  tenantId: string;
  installId: string;
  deploymentId: string;
}

export interface NewCredential {
  environmentVariableName: string;
  type: string;
  comment: string | null;
}

export interface ConnectionWrite {
  name: string;
  type: string;
  required: Record<string, string>;
}

/**
 * The Universal Broker objects and Snyk's rules about them: tenant scoping, the documented delete order, the client
 * secret shown once, credential references checked against the connections that use them. Orgs, groups and classic
 * integrations come from the classic model. Operations are synchronous; `revision` grows with every change.
 */
export class UniversalBrokerModel {
  private revisionCounter = 0;

  constructor(
    readonly data: UniversalBrokerState,
    readonly classic: EmulatorModel,
    readonly access: TenantAccess,
    readonly behaviors: BehaviorSet,
  ) {}

  get revision(): number {
    return this.revisionCounter;
  }

  changed(): void {
    this.revisionCounter += 1;
  }

  // ---- tenants and permissions

  tenant(tenantId: string): TenantRecord {
    const tenant = this.data.tenants.find((candidate) => candidate.id === tenantId);
    if (tenant === undefined) {
      throw notFound(`Tenant ${tenantId} was not found`);
    }
    return tenant;
  }

  /** The tenant an org belongs to: the one claiming its group, else the default tenant. */
  tenantOfOrg(orgId: string): string {
    const { groupId } = this.classic.org(orgId);
    const claiming = groupId === null ? undefined : this.data.tenants.find((tenant) => tenant.groupIds.includes(groupId));
    return claiming?.id ?? this.data.defaultTenantId;
  }

  /** 404 for an unknown tenant, then the configured refusal for a key without the permission there. */
  authorize(caller: string | undefined, tenantId: string, permission: TenantPermission): void {
    this.tenant(tenantId);
    this.access.require(caller, tenantId, permission, Number(this.behaviors.get('ub-forbidden-status')));
  }

  /** Checks the permission in the tenant of an org (the org-level app install and connection calls). */
  authorizeForOrg(caller: string | undefined, orgId: string, permission: TenantPermission): void {
    this.authorize(caller, this.tenantOfOrg(orgId), permission);
  }

  /** Adds a tenant holding the given groups (test setup). */
  addTenant(tenant: TenantRecord): void {
    if (!this.data.tenants.some((candidate) => candidate.id === tenant.id)) {
      this.data.tenants.push(structuredClone(tenant));
      this.changed();
    }
  }

  // ---- deployments

  createDeployment(tenantId: string, installId: string, orgId: string, metadata: Record<string, unknown>): DeploymentRecord {
    this.findInstallInTenant(tenantId, installId);
    this.requireOrgInTenant(orgId, tenantId);
    const deployment: DeploymentRecord = { id: randomUUID(), tenantId, installId, orgId, metadata: structuredClone(metadata) };
    this.data.deployments.push(deployment);
    this.changed();
    return structuredClone(deployment);
  }

  /** The tenant's deployments, or one install's. */
  deployments(tenantId: string, installId?: string): DeploymentRecord[] {
    if (installId !== undefined) {
      this.findInstallInTenant(tenantId, installId);
    }
    return this.data.deployments
      .filter((deployment) => deployment.tenantId === tenantId && (installId === undefined || deployment.installId === installId))
      .map((deployment) => structuredClone(deployment));
  }

  updateDeployment(address: DeploymentAddress, update: { orgId: string; installId: string; metadata?: Record<string, unknown> }): DeploymentRecord {
    const deployment = this.findDeployment(address);
    if (update.installId !== address.installId) {
      throw badRequest('"install_id" must be the install in the path: a deployment cannot move to another install');
    }
    this.requireOrgInTenant(update.orgId, address.tenantId);
    deployment.orgId = update.orgId;
    if (update.metadata !== undefined) {
      deployment.metadata = structuredClone(update.metadata);
    }
    this.changed();
    return structuredClone(deployment);
  }

  deleteDeployment(address: DeploymentAddress): void {
    const deployment = this.findDeployment(address);
    const connections = this.connectionsOf(deployment.id).length;
    const credentials = this.data.credentials.filter((credential) => credential.deploymentId === deployment.id).length;
    if (connections > 0 || credentials > 0) {
      throw this.inUse(
        `Deployment ${deployment.id} still has ${connections} connection(s) and ${credentials} credential reference(s); ` +
          'delete its connections, then its credential references, first',
      );
    }
    this.data.deployments = this.data.deployments.filter((candidate) => candidate !== deployment);
    this.changed();
  }

  // ---- credential references

  createCredentials(address: DeploymentAddress, requested: readonly NewCredential[]): CredentialRecord[] {
    const deployment = this.findDeployment(address);
    requested.forEach((credential) => requireKnownType(credential.type));
    const created = requested.map((credential) => ({ id: randomUUID(), deploymentId: deployment.id, ...credential }));
    this.data.credentials.push(...created);
    this.changed();
    return structuredClone(created);
  }

  credentials(address: DeploymentAddress): CredentialRecord[] {
    const deployment = this.findDeployment(address);
    return this.data.credentials.filter((credential) => credential.deploymentId === deployment.id).map((credential) => structuredClone(credential));
  }

  credential(address: DeploymentAddress, credentialId: string): CredentialRecord {
    return structuredClone(this.findCredential(address, credentialId));
  }

  updateCredential(address: DeploymentAddress, credentialId: string, update: NewCredential): CredentialRecord {
    const credential = this.findCredential(address, credentialId);
    requireKnownType(update.type);
    const users = this.connectionsUsing(credential.id);
    if (update.type !== credential.type && users.length > 0) {
      throw badRequest(`Credential reference ${credentialId} is used by ${users.length} ${credential.type} connection(s); its type cannot change`);
    }
    Object.assign(credential, update);
    this.changed();
    return structuredClone(credential);
  }

  deleteCredential(address: DeploymentAddress, credentialId: string): void {
    const credential = this.findCredential(address, credentialId);
    const users = this.connectionsUsing(credential.id);
    if (users.length > 0) {
      throw this.inUse(`Credential reference ${credentialId} is used by connection(s) ${users.map((user) => user.id).join(', ')}; delete them first`);
    }
    this.data.credentials = this.data.credentials.filter((candidate) => candidate !== credential);
    this.changed();
  }

  /** Connections whose configuration refers to the credential. */
  connectionsUsing(credentialId: string): ConnectionRecord[] {
    return this.data.connections.filter((connection) => this.isCredentialField(connection, credentialId));
  }

  // ---- connections

  createConnection(address: DeploymentAddress, write: ConnectionWrite): ConnectionRecord {
    const deployment = this.findDeployment(address);
    this.checkConnection(deployment, write);
    const connection: ConnectionRecord = { id: randomUUID(), deploymentId: deployment.id, ...structuredClone(write), identifier: randomUUID() };
    this.data.connections.push(connection);
    this.changed();
    return structuredClone(connection);
  }

  connections(address: DeploymentAddress): ConnectionRecord[] {
    const deployment = this.findDeployment(address);
    return this.connectionsOf(deployment.id).map((connection) => structuredClone(connection));
  }

  connection(address: DeploymentAddress, connectionId: string): ConnectionRecord {
    return structuredClone(this.findConnection(address, connectionId));
  }

  updateConnection(address: DeploymentAddress, connectionId: string, write: ConnectionWrite): ConnectionRecord {
    const connection = this.findConnection(address, connectionId);
    const deployment = this.findDeployment(address);
    this.checkConnection(deployment, write);
    if (write.type !== connection.type && this.integrationsOf(connection.id).length > 0) {
      throw this.inUse(`Connection ${connectionId} has integrations; its type cannot change until they are disconnected`);
    }
    Object.assign(connection, structuredClone(write));
    this.changed();
    return structuredClone(connection);
  }

  deleteConnection(address: DeploymentAddress, connectionId: string): void {
    const connection = this.findConnection(address, connectionId);
    this.refuseIntegrated([connection]);
    this.data.connections = this.data.connections.filter((candidate) => candidate !== connection);
    this.changed();
  }

  /** Deletes every connection of the deployment, or none when one of them is integrated. */
  deleteAllConnections(address: DeploymentAddress): void {
    const deployment = this.findDeployment(address);
    const doomed = this.connectionsOf(deployment.id);
    this.refuseIntegrated(doomed);
    this.data.connections = this.data.connections.filter((connection) => !doomed.includes(connection));
    this.changed();
  }

  /** A connection anywhere in the tenant (the org integration calls address connections without their deployment). */
  connectionInTenant(tenantId: string, connectionId: string): ConnectionRecord {
    const connection = this.data.connections.find((candidate) => candidate.id === connectionId);
    const deployment = connection && this.data.deployments.find((candidate) => candidate.id === connection.deploymentId);
    if (connection === undefined || deployment?.tenantId !== tenantId) {
      throw notFound(`Connection ${connectionId} was not found in tenant ${tenantId}`);
    }
    return connection;
  }

  deploymentOf(connection: ConnectionRecord): DeploymentRecord {
    return this.data.deployments.find((deployment) => deployment.id === connection.deploymentId) as DeploymentRecord;
  }

  integrationsOf(connectionId: string): OrgIntegrationRecord[] {
    return this.data.integrations.filter((integration) => integration.connectionId === connectionId);
  }

  /** The credential reference a connection field names, with its environment variable. */
  credentialById(credentialId: string): CredentialRecord | undefined {
    return this.data.credentials.find((credential) => credential.id === credentialId);
  }

  requireOrgInTenant(orgId: string, tenantId: string): void {
    if (this.tenantOfOrg(orgId) !== tenantId) {
      throw notFound(`Organization ${orgId} was not found in tenant ${tenantId}`);
    }
  }

  /** The refusal for a delete that breaks the documented order, with the configured status. */
  inUse(message: string): ApiError {
    return new ApiError(Number(this.behaviors.get('ub-delete-in-use-status')), message);
  }

  // ---- internals

  private checkConnection(deployment: DeploymentRecord, write: ConnectionWrite): void {
    const present = Object.keys(write.required).filter((field) => write.required[field] !== '');
    const problems = connectionConfigurationProblems(write.type, present);
    if (problems.length > 0) {
      throw badRequest(problems.join('; '));
    }
    if (!isBrokerConnectionType(write.type)) {
      return;
    }
    for (const field of credentialFieldsOf(write.type).filter((name) => write.required[name] !== undefined)) {
      const credential = this.credentialById(write.required[field] as string);
      if (credential === undefined || credential.deploymentId !== deployment.id) {
        throw badRequest(`"configuration.required.${field}" must be the id of a credential reference of deployment ${deployment.id}`);
      }
      if (credential.type !== write.type) {
        throw badRequest(`Credential reference ${credential.id} is for ${credential.type} connections, not ${write.type}`);
      }
    }
  }

  private isCredentialField(connection: ConnectionRecord, credentialId: string): boolean {
    if (!isBrokerConnectionType(connection.type)) {
      return false;
    }
    return credentialFieldsOf(connection.type).some((field) => connection.required[field] === credentialId);
  }

  private refuseIntegrated(connections: readonly ConnectionRecord[]): void {
    const integrated = connections.filter((connection) => this.integrationsOf(connection.id).length > 0);
    if (integrated.length > 0) {
      const counts = integrated.map((connection) => `${connection.id} (${this.integrationsOf(connection.id).length} integration(s))`);
      throw this.inUse(`Connection(s) ${counts.join(', ')} still serve org integrations; disconnect every integration first`);
    }
  }

  private connectionsOf(deploymentId: string): ConnectionRecord[] {
    return this.data.connections.filter((connection) => connection.deploymentId === deploymentId);
  }

  /** The install, in that org (404 otherwise). */
  installInOrg(orgId: string, installId: string): AppInstallRecord {
    this.classic.org(orgId);
    const install = this.data.installs.find((candidate) => candidate.id === installId && candidate.orgId === orgId);
    if (install === undefined) {
      throw notFound(`App install ${installId} was not found in organization ${orgId}`);
    }
    return install;
  }

  private findInstallInTenant(tenantId: string, installId: string): AppInstallRecord {
    const install = this.data.installs.find((candidate) => candidate.id === installId);
    if (install === undefined || this.tenantOfOrg(install.orgId) !== tenantId) {
      throw notFound(`App install ${installId} was not found in tenant ${tenantId}`);
    }
    return install;
  }

  private findDeployment(address: DeploymentAddress): DeploymentRecord {
    this.findInstallInTenant(address.tenantId, address.installId);
    const deployment = this.data.deployments.find(
      (candidate) => candidate.id === address.deploymentId && candidate.installId === address.installId && candidate.tenantId === address.tenantId,
    );
    if (deployment === undefined) {
      throw notFound(`Deployment ${address.deploymentId} was not found under install ${address.installId}`);
    }
    return deployment;
  }

  private findCredential(address: DeploymentAddress, credentialId: string): CredentialRecord {
    const deployment = this.findDeployment(address);
    const credential = this.data.credentials.find((candidate) => candidate.id === credentialId && candidate.deploymentId === deployment.id);
    if (credential === undefined) {
      throw notFound(`Credential reference ${credentialId} was not found in deployment ${deployment.id}`);
    }
    return credential;
  }

  private findConnection(address: DeploymentAddress, connectionId: string): ConnectionRecord {
    const deployment = this.findDeployment(address);
    const connection = this.data.connections.find((candidate) => candidate.id === connectionId && candidate.deploymentId === deployment.id);
    if (connection === undefined) {
      throw notFound(`Connection ${connectionId} was not found in deployment ${deployment.id}`);
    }
    return connection;
  }
}

function requireKnownType(type: string): void {
  if (!isBrokerConnectionType(type)) {
    throw badRequest(connectionConfigurationProblems(type, [])[0] as string);
  }
}
