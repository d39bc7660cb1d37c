import { validateRequestBody, validateResponseBody } from './openapi';
import { ApiResponse, CallOptions, bodyOf, call, defaultOrgId, useEmulator } from '../emulator/helpers';

/**
 * The emulator's answers on the v1 calls validate against Snyk's published v1 OpenAPI subset,
 * and so do the request bodies this test sends (which also checks the loader itself).
 */
describe('emulator v1 responses against the OpenAPI spec', () => {
  const emulator = useEmulator();

  async function checked(method: string, path: string, template: string, options: CallOptions = {}): Promise<ApiResponse> {
    if (options.body !== undefined) {
      expect(validateRequestBody(method, template, options.body)).toEqual([]);
    }
    const response = await call(emulator(), method, path, options);
    expect(validateResponseBody(method, template, response.status, response.body)).toEqual([]);
    return response;
  }

  it('validates the organization calls', async () => {
    await checked('GET', '/v1/orgs', '/orgs');
    const created = await checked('POST', '/v1/org', '/org', { body: { name: 'Contract', groupId: emulator().defaultGroupId } });
    expect(created.status).toBe(201);
    await checked('POST', '/v1/org', '/org', { body: { name: 'Copied', groupId: emulator().defaultGroupId, sourceOrgId: bodyOf<{ id: string }>(created).id } });
    await checked('GET', `/v1/group/${emulator().defaultGroupId}/orgs?perPage=2&page=1&name=c`, '/group/{groupId}/orgs');
    const deleted = await checked('DELETE', `/v1/org/${bodyOf<{ id: string }>(created).id}`, '/org/{orgId}');
    expect(deleted.status).toBe(204);
  });

  it('validates the documented organization creation errors', async () => {
    const refused = await call(emulator(), 'POST', '/v1/org', { body: {} });
    expect(refused.status).toBe(422);
    expect(validateResponseBody('POST', '/org', 422, refused.body)).toEqual([]);
  });

  it('validates a personal org in the org list (group null)', async () => {
    await call(emulator(), 'POST', '/v1/org', { body: { name: 'Personal' } });
    await checked('GET', '/v1/orgs', '/orgs');
  });

  it('validates the integration and Broker token calls', async () => {
    const orgId = defaultOrgId(emulator());
    const base = `/v1/org/${orgId}/integrations`;
    const plain = bodyOf<{ id: string }>(await checked('POST', base, '/org/{orgId}/integrations', { body: { type: 'gitlab', credentials: { token: 't', url: 'https://gitlab.example' } } }));
    const brokered = bodyOf<{ id: string }>(await checked('POST', base, '/org/{orgId}/integrations', { body: { type: 'github', broker: { enabled: true } } }));
    await checked('GET', base, '/org/{orgId}/integrations');
    await checked('GET', `${base}/github`, '/org/{orgId}/integrations/{type}');
    await checked('PUT', `${base}/${plain.id}`, '/org/{orgId}/integrations/{integrationId}', { body: { type: 'gitlab', broker: { enabled: true } } });
    await checked('POST', `${base}/${brokered.id}/authentication/provision-token`, '/org/{orgId}/integrations/{integrationId}/authentication/provision-token');
    await checked('POST', `${base}/${brokered.id}/authentication/switch-token`, '/org/{orgId}/integrations/{integrationId}/authentication/switch-token');
    await checked('DELETE', `${base}/${plain.id}/authentication`, '/org/{orgId}/integrations/{integrationId}/authentication');
    await checked('GET', `${base}/${brokered.id}/settings`, '/org/{orgId}/integrations/{integrationId}/settings');
    await checked('PUT', `${base}/${brokered.id}/settings`, '/org/{orgId}/integrations/{integrationId}/settings', { body: { autoDepUpgradeLimit: 2, pullRequestAssignment: 'none' } });
    const destination = emulator().createOrg(emulator().defaultGroupId, 'Clone destination');
    await checked('POST', `${base}/${brokered.id}/clone`, '/v1/org/{orgId}/integrations/{integrationId}/clone', { body: { destinationOrgPublicId: destination.id } });
  });

  it('knows where the spec and the reference part: the spec requires brokerToken on every PUT answer', async () => {
    const orgId = defaultOrgId(emulator());
    const { id } = bodyOf<{ id: string }>(await call(emulator(), 'POST', `/v1/org/${orgId}/integrations`, { body: { type: 'github', credentials: { token: 't' } } }));
    const body = { type: 'github', credentials: { token: 'u' } };
    expect(validateRequestBody('PUT', '/org/{orgId}/integrations/{integrationId}', body)).toEqual([]);
    const updated = await call(emulator(), 'PUT', `/v1/org/${orgId}/integrations/${id}`, { body });
    expect(updated.body).toEqual({ id });
    expect(validateResponseBody('PUT', '/org/{orgId}/integrations/{integrationId}', 200, updated.body)).toEqual([expect.stringContaining('brokerToken')]);
  });
});
