import { BrokerConnectionConfiguration, DEFAULT_BROKER_APP_ID, SnykApiError } from '../../../src/snyk';
import { rejection } from '../harness';
import { installAndDeploy, useUbHarness } from './harness';

const GHE = (tokenCredentialId: string): BrokerConnectionConfiguration => ({
  type: 'github-enterprise',
  required: { broker_client_url: 'https://broker.example:8000', github: 'ghe.example', github_token: tokenCredentialId },
});

describe('Universal Broker client over HTTP against the emulator', () => {
  const h = useUbHarness();

  it('installs the Broker App and captures the client secret the emulator holds; lists never show it', async () => {
    const install = await h().ub.installApp(h().orgId, DEFAULT_BROKER_APP_ID);
    const held = h().emulator.state().universalBroker?.installs.find((candidate) => candidate.id === install.id);
    expect(install).toEqual({ id: held?.id, appId: DEFAULT_BROKER_APP_ID, clientId: held?.clientId, clientSecret: held?.clientSecrets[0] });
    const listed = await h().ub.listAppInstalls(h().orgId);
    expect(listed).toEqual([{ id: install.id, clientId: install.clientId, appId: DEFAULT_BROKER_APP_ID, installedAt: expect.any(String) }]);
    expect(await h().ub.getAppInstall(h().orgId, install.id)).toEqual(listed[0]);
    const deletedOrg = '00000000-0000-4000-8000-0000000000aa'; // its install list answers 404: the install went with it
    expect(await h().ub.getAppInstall(deletedOrg, install.id)).toBeUndefined();
    expect(JSON.stringify(listed)).not.toContain(install.clientSecret);
  });

  it('rotates client secrets: create, delete by value, replace', async () => {
    const install = await h().ub.installApp(h().orgId, DEFAULT_BROKER_APP_ID);
    const secrets = () => h().emulator.state().universalBroker?.installs[0]?.clientSecrets;
    const created = await h().ub.rotateAppInstallSecret(h().orgId, install.id, { mode: 'create' });
    expect(created.clientId).toBe(install.clientId);
    expect(secrets()).toEqual([install.clientSecret, created.clientSecret]);
    await h().ub.rotateAppInstallSecret(h().orgId, install.id, { mode: 'delete', secret: install.clientSecret });
    expect(secrets()).toEqual([created.clientSecret]);
    const replaced = await h().ub.rotateAppInstallSecret(h().orgId, install.id, { mode: 'replace' });
    expect(secrets()).toEqual([replaced.clientSecret]);
  });

  it('never puts a secret in an error: a refused delete of the last secret names the call and status only', async () => {
    const install = await h().ub.installApp(h().orgId, DEFAULT_BROKER_APP_ID);
    const error = await rejection(h().ub.rotateAppInstallSecret(h().orgId, install.id, { mode: 'delete', secret: install.clientSecret }));
    expect(error).toBeInstanceOf(SnykApiError);
    expect(error).toMatchObject({ status: 400, method: 'POST', path: `/rest/orgs/${h().orgId}/apps/installs/${install.id}/secrets` });
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(install.clientSecret);
    expect(error.message).not.toContain(h().emulator.apiKey);
  });

  it('manages deployments: create, list per install and per tenant, read by id, update metadata, delete', async () => {
    const { install, deployment, ref } = await installAndDeploy(h());
    expect(deployment).toEqual({ id: ref.deploymentId, installId: install.id, appInstalledInOrgId: h().orgId, metadata: { deployment_name: 'ci' } });
    expect(await h().ub.listDeployments(h().tenantId, install.id)).toEqual([deployment]);
    expect(await h().ub.listTenantDeployments(h().tenantId)).toEqual([deployment]);
    const updated = await h().ub.updateDeployment(ref, { appInstalledInOrgId: h().orgId, metadata: { deployment_name: 'ci', cluster: 'eu-1' } });
    expect(updated.metadata).toEqual({ deployment_name: 'ci', cluster: 'eu-1' });
    expect(await h().ub.getDeployment(ref)).toEqual(updated);
    await h().ub.deleteDeployment(ref);
    expect(await h().ub.getDeployment(ref)).toBeUndefined();
    expect(await h().ub.getDeployment({ ...ref, installId: '00000000-0000-4000-8000-000000000000' })).toBeUndefined();
  });

  it('manages credential references and connections, typed per connection type', async () => {
    const { ref } = await installAndDeploy(h());
    const [ghe, gitlab] = await h().ub.createCredentials(ref, [
      { environmentVariableName: 'GHE_TOKEN', type: 'github-enterprise', comment: 'GHE bot' },
      { environmentVariableName: 'GITLAB_TOKEN', type: 'gitlab' },
    ]);
    expect(ghe).toEqual({ id: expect.any(String), deploymentId: ref.deploymentId, environmentVariableName: 'GHE_TOKEN', type: 'github-enterprise', comment: 'GHE bot', connectionIds: [] });
    const connection = await h().ub.createConnection(ref, { name: 'ghe', configuration: GHE(ghe?.id as string) });
    expect(connection).toEqual({
      id: expect.any(String),
      deploymentId: ref.deploymentId,
      name: 'ghe',
      configuration: { type: 'github-enterprise', required: { broker_client_url: 'https://broker.example:8000', github: 'ghe.example', github_token: '${GHE_TOKEN}' } },
      identifier: expect.any(String),
      contextIds: [],
    });
    const gitlabConnection = await h().ub.createConnection(ref, {
      name: 'gitlab',
      configuration: { type: 'gitlab', required: { broker_client_url: 'https://broker.example:8000', gitlab: 'gitlab.example', gitlab_token: gitlab?.id as string } },
    });
    const connectionRef = { ...ref, connectionId: connection.id };
    expect((await h().ub.listConnections(ref)).map((item) => item.name)).toEqual(['ghe', 'gitlab']);
    expect(await h().ub.getCredential({ ...ref, credentialId: ghe?.id as string })).toMatchObject({ connectionIds: [connection.id] });
    expect((await h().ub.listCredentials(ref)).map((item) => item.environmentVariableName)).toEqual(['GHE_TOKEN', 'GITLAB_TOKEN']);
    const renamed = await h().ub.updateConnection(connectionRef, { name: 'ghe-renamed', configuration: GHE(ghe?.id as string) });
    expect((await h().ub.getConnection(connectionRef))?.name).toBe(renamed.name);
    const updatedCredential = await h().ub.updateCredential({ ...ref, credentialId: gitlab?.id as string }, { environmentVariableName: 'GITLAB_TOKEN', type: 'gitlab', comment: 'rotated' });
    expect(updatedCredential.comment).toBe('rotated');
    await h().ub.deleteAllConnections(ref);
    expect(await h().ub.getConnection({ ...ref, connectionId: gitlabConnection.id })).toBeUndefined();
    await h().ub.deleteCredential({ ...ref, credentialId: ghe?.id as string });
    expect(await h().ub.getCredential({ ...ref, credentialId: ghe?.id as string })).toBeUndefined();
  });

  it('refuses more than 10 credential references per create before sending anything', async () => {
    const { ref } = await installAndDeploy(h());
    h().emulator.clearRequests();
    const eleven = Array.from({ length: 11 }, (_, index) => ({ environmentVariableName: `T${index}`, type: 'github' }));
    await expect(h().ub.createCredentials(ref, eleven)).rejects.toThrow(RangeError);
    expect(h().emulator.requests()).toEqual([]);
  });

  it('connects org integrations, lists them and the org\'s connections, and disconnects them', async () => {
    const { ref } = await installAndDeploy(h());
    const [credential] = await h().ub.createCredentials(ref, [{ environmentVariableName: 'GHE_TOKEN', type: 'github-enterprise' }]);
    const connection = await h().ub.createConnection(ref, { name: 'ghe', configuration: GHE(credential?.id as string) });
    const integration = await h().ub.createConnectionIntegration(h().tenantId, connection.id, h().orgId, { type: 'github-enterprise' });
    expect(integration).toEqual({ id: expect.any(String), orgId: h().orgId, integrationType: 'github-enterprise' });
    expect(await h().ub.listConnectionIntegrations(h().tenantId, connection.id)).toEqual([integration]);
    expect(await h().ub.listOrgConnections(h().orgId)).toEqual([{ id: connection.id, name: 'ghe', connectionType: 'github-enterprise', deploymentId: ref.deploymentId }]);
    await h().ub.deleteConnectionIntegration(h().tenantId, connection.id, h().orgId, integration.id);
    expect(await h().ub.listConnectionIntegrations(h().tenantId, connection.id)).toEqual([]);
    await h().ub.deleteConnection({ ...ref, connectionId: connection.id });
  });

  it('moves a classic brokered integration onto a connection: by id, and by bulk migration', async () => {
    const { ref } = await installAndDeploy(h());
    const [credential] = await h().ub.createCredentials(ref, [{ environmentVariableName: 'GHE_TOKEN', type: 'github-enterprise' }]);
    const connection = await h().ub.createConnection(ref, { name: 'ghe', configuration: GHE(credential?.id as string) });
    const groupId = h().emulator.defaultGroupId;
    const classic = await h().client.addIntegration(h().orgId, { type: 'github-enterprise', broker: true });
    const second = h().emulator.createOrg(groupId, 'Second');
    await h().client.cloneIntegration(h().orgId, classic.id, second.id);
    const familyOf = (orgId: string) => h().emulator.state().integrations.find((candidate) => candidate.orgId === orgId)?.tokenFamilyId;
    expect(familyOf(second.id)).toEqual(expect.any(String));

    const adopted = await h().ub.createConnectionIntegration(h().tenantId, connection.id, h().orgId, { type: 'github-enterprise', integrationId: classic.id });
    expect(adopted.id).toBe(classic.id);
    expect(familyOf(h().orgId)).toBeNull();
    expect(familyOf(second.id)).toEqual(expect.any(String));

    const connectionRef = { ...ref, connectionId: connection.id };
    expect(await h().ub.listBulkMigrationOrgs(connectionRef)).toEqual([{ orgId: second.id }]);
    expect(await h().ub.startBulkMigration(connectionRef)).toEqual({ id: expect.any(String), status: 'pending' });
    expect((await h().ub.listConnectionIntegrations(h().tenantId, connection.id)).map((item) => item.orgId).sort()).toEqual([h().orgId, second.id].sort());
    expect(familyOf(second.id)).toBeNull();
    expect(await h().ub.listBulkMigrationOrgs(connectionRef)).toEqual([]);
  });

  it('maps JSON:API errors to SnykApiError: the delete order (409) with Snyk\'s detail', async () => {
    const { ref } = await installAndDeploy(h());
    await h().ub.createCredentials(ref, [{ environmentVariableName: 'GHE_TOKEN', type: 'github-enterprise' }]);
    const error = await rejection(h().ub.deleteDeployment(ref));
    expect(error).toBeInstanceOf(SnykApiError);
    expect(error).toMatchObject({
      status: 409,
      method: 'DELETE',
      path: `/rest/tenants/${ref.tenantId}/brokers/installs/${ref.installId}/deployments/${ref.deploymentId}`,
      snykMessage: expect.stringContaining('delete its connections, then its credential references, first'),
      errorRef: expect.any(String),
      retryable: false,
    });
  });
});

describe('Universal Broker client: paging and permissions', () => {
  const h = useUbHarness({ apiKeys: { 'member-key-0001': 'tenant-member' } });

  it('follows links.next across pages until the last', async () => {
    const { ref } = await installAndDeploy(h());
    for (const start of [0, 10, 20]) {
      const batch = Array.from({ length: start === 20 ? 5 : 10 }, (_, index) => ({ environmentVariableName: `T${start + index}`, type: 'gitlab' }));
      await h().ub.createCredentials(ref, batch);
    }
    h().emulator.clearRequests();
    const all = await h().ub.listCredentials(ref, { pageSize: 10 });
    expect(all.map((item) => item.environmentVariableName)).toEqual(Array.from({ length: 25 }, (_, index) => `T${index}`));
    expect(h().emulator.requests().filter((request) => request.method === 'GET')).toHaveLength(3);
    h().emulator.setBehaviors({ 'ub-links-next': 'rest-path' });
    expect(await h().ub.listCredentials(ref, { pageSize: 7 })).toHaveLength(25);
  });

  it('gets 403 as a tenant member for writes, and reads fine', async () => {
    const { ref } = await installAndDeploy(h());
    const member = h().ubWithKey('member-key-0001');
    expect(await member.listDeployments(ref.tenantId, ref.installId)).toHaveLength(1);
    const error = await rejection(member.createCredentials(ref, [{ environmentVariableName: 'A', type: 'github' }]));
    expect(error).toMatchObject({ status: 403, method: 'POST', snykMessage: expect.stringContaining('Tenant Admin') });
    expect(error.message).not.toContain('member-key-0001');
  });
});
