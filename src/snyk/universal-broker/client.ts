import { SnykHttp } from '../http';
import * as installs from './app-installs';
import * as migration from './bulk-migration';
import * as integrations from './connection-integrations';
import * as connections from './connections';
import { UbContext } from './context';
import * as credentials from './credentials';
import { CredentialRef } from './credentials';
import * as deployments from './deployments';
import {
  AppInstall,
  BrokerConnection,
  BrokerConnectionInput,
  BrokerConnectionIntegration,
  BrokerConnectionIntegrationInput,
  BrokerDeployment,
  BrokerDeploymentInput,
  BulkMigration,
  BulkMigrationOrg,
  ConnectionRef,
  CreatedAppInstall,
  DEFAULT_UNIVERSAL_BROKER_VERSIONS,
  DeploymentCredential,
  DeploymentCredentialInput,
  DeploymentRef,
  ListOptions,
  OrgBrokerConnection,
  RotatedAppInstallSecret,
  SecretRotation,
  UniversalBrokerVersions,
} from './types';

/**
 * The Universal Broker REST calls: Broker App installs and their secrets, deployments, credential references,
 * connections, org integrations and bulk migration. Reached as `SnykClient.universalBroker`; it shares the client's
 * transport, so auth, retries, redaction and `SnykApiError` are the same as for every other call. Lists follow every
 * `links.next` page. Creates are never repeated after an ambiguous failure (the error says so); deletes are, and a 404
 * to the repeat counts as done.
 */
export class UniversalBrokerClient {
  private readonly ctx: UbContext;

  constructor(http: SnykHttp, versions: Partial<UniversalBrokerVersions> = {}) {
    this.ctx = { http, versions: { ...DEFAULT_UNIVERSAL_BROKER_VERSIONS, ...versions } };
  }

  // ---- Broker App installs

  /** Installs the app (the Broker App by default id) in an org; the answer holds the client secret, once. */
  installApp(orgId: string, appId: string): Promise<CreatedAppInstall> {
    return installs.installApp(this.ctx, orgId, appId);
  }

  listAppInstalls(orgId: string, options?: ListOptions): Promise<AppInstall[]> {
    return installs.listAppInstalls(this.ctx, orgId, options);
  }

  /** From the org's list; undefined when absent. Never holds the secret. */
  getAppInstall(orgId: string, installId: string): Promise<AppInstall | undefined> {
    return installs.getAppInstall(this.ctx, orgId, installId);
  }

  deleteAppInstall(orgId: string, installId: string): Promise<void> {
    return installs.deleteAppInstall(this.ctx, orgId, installId);
  }

  /** `replace`, `create` or `delete` (with the secret to remove) the install's client secrets. */
  rotateAppInstallSecret(orgId: string, installId: string, rotation: SecretRotation): Promise<RotatedAppInstallSecret> {
    return installs.rotateAppInstallSecret(this.ctx, orgId, installId, rotation);
  }

  // ---- deployments

  createDeployment(tenantId: string, installId: string, input: BrokerDeploymentInput): Promise<BrokerDeployment> {
    return deployments.createDeployment(this.ctx, tenantId, installId, input);
  }

  listDeployments(tenantId: string, installId: string, options?: ListOptions): Promise<BrokerDeployment[]> {
    return deployments.listDeployments(this.ctx, tenantId, installId, options);
  }

  listTenantDeployments(tenantId: string, options?: ListOptions): Promise<BrokerDeployment[]> {
    return deployments.listTenantDeployments(this.ctx, tenantId, options);
  }

  /** From the install's list (Snyk has no GET by id); undefined when absent or when the install is gone. */
  getDeployment(ref: DeploymentRef): Promise<BrokerDeployment | undefined> {
    return deployments.getDeployment(this.ctx, ref);
  }

  updateDeployment(ref: DeploymentRef, input: BrokerDeploymentInput): Promise<BrokerDeployment> {
    return deployments.updateDeployment(this.ctx, ref, input);
  }

  deleteDeployment(ref: DeploymentRef): Promise<void> {
    return deployments.deleteDeployment(this.ctx, ref);
  }

  // ---- credential references

  /** 1 to 10 per call (a RangeError otherwise, before any request). */
  createCredentials(ref: DeploymentRef, inputs: readonly DeploymentCredentialInput[]): Promise<DeploymentCredential[]> {
    return credentials.createCredentials(this.ctx, ref, inputs);
  }

  async createCredential(ref: DeploymentRef, input: DeploymentCredentialInput): Promise<DeploymentCredential> {
    const [created] = await credentials.createCredentials(this.ctx, ref, [input]);
    return created as DeploymentCredential;
  }

  listCredentials(ref: DeploymentRef, options?: ListOptions): Promise<DeploymentCredential[]> {
    return credentials.listCredentials(this.ctx, ref, options);
  }

  /** Undefined on 404. */
  getCredential(ref: CredentialRef): Promise<DeploymentCredential | undefined> {
    return credentials.getCredential(this.ctx, ref);
  }

  updateCredential(ref: CredentialRef, input: DeploymentCredentialInput): Promise<DeploymentCredential> {
    return credentials.updateCredential(this.ctx, ref, input);
  }

  deleteCredential(ref: CredentialRef): Promise<void> {
    return credentials.deleteCredential(this.ctx, ref);
  }

  // ---- connections

  createConnection(ref: DeploymentRef, input: BrokerConnectionInput): Promise<BrokerConnection> {
    return connections.createConnection(this.ctx, ref, input);
  }

  listConnections(ref: DeploymentRef, options?: ListOptions): Promise<BrokerConnection[]> {
    return connections.listConnections(this.ctx, ref, options);
  }

  /** Undefined on 404. */
  getConnection(ref: ConnectionRef): Promise<BrokerConnection | undefined> {
    return connections.getConnection(this.ctx, ref);
  }

  updateConnection(ref: ConnectionRef, input: BrokerConnectionInput): Promise<BrokerConnection> {
    return connections.updateConnection(this.ctx, ref, input);
  }

  deleteConnection(ref: ConnectionRef): Promise<void> {
    return connections.deleteConnection(this.ctx, ref);
  }

  deleteAllConnections(ref: DeploymentRef): Promise<void> {
    return connections.deleteAllConnections(this.ctx, ref);
  }

  /** The connections an org can use (`GET /orgs/{org_id}/brokers/connections`). */
  listOrgConnections(orgId: string, options?: ListOptions): Promise<OrgBrokerConnection[]> {
    return integrations.listOrgConnections(this.ctx, orgId, options);
  }

  // ---- org integrations

  createConnectionIntegration(tenantId: string, connectionId: string, orgId: string, input: BrokerConnectionIntegrationInput): Promise<BrokerConnectionIntegration> {
    return integrations.createConnectionIntegration(this.ctx, tenantId, connectionId, orgId, input);
  }

  listConnectionIntegrations(tenantId: string, connectionId: string, options?: ListOptions): Promise<BrokerConnectionIntegration[]> {
    return integrations.listConnectionIntegrations(this.ctx, tenantId, connectionId, options);
  }

  deleteConnectionIntegration(tenantId: string, connectionId: string, orgId: string, integrationId: string): Promise<void> {
    return integrations.deleteConnectionIntegration(this.ctx, tenantId, connectionId, orgId, integrationId);
  }

  // ---- bulk migration

  listBulkMigrationOrgs(ref: ConnectionRef, options?: ListOptions): Promise<BulkMigrationOrg[]> {
    return migration.listBulkMigrationOrgs(this.ctx, ref, options);
  }

  startBulkMigration(ref: ConnectionRef): Promise<BulkMigration> {
    return migration.startBulkMigration(this.ctx, ref);
  }
}
