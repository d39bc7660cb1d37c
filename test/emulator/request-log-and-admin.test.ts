import { UUID_V4, addIntegration, bodyOf, call, defaultOrgId, useEmulator } from './helpers';

describe('emulator request log', () => {
  const emulator = useEmulator();

  it('records method, path without query, and status of Snyk calls, in order', async () => {
    await call(emulator(), 'GET', '/v1/orgs');
    await call(emulator(), 'GET', `/v1/group/${emulator().defaultGroupId}/orgs?perPage=5&page=1`);
    await call(emulator(), 'DELETE', '/v1/org/no-such-org');
    await call(emulator(), 'GET', '/v1/orgs', { authorization: null });
    const requestId = expect.stringMatching(UUID_V4);
    expect(emulator().requests()).toEqual([
      { method: 'GET', path: '/v1/orgs', status: 200, requestId },
      { method: 'GET', path: `/v1/group/${emulator().defaultGroupId}/orgs`, status: 200, requestId },
      { method: 'DELETE', path: '/v1/org/no-such-org', status: 404, requestId },
      { method: 'GET', path: '/v1/orgs', status: 401, requestId },
    ]);
  });

  it('leaves admin calls out, serves the log on the admin endpoint, and clears it', async () => {
    const answered = await call(emulator(), 'GET', '/v1/orgs');
    const served = await call(emulator(), 'GET', '/_emulator/requests');
    expect(served.body).toEqual({ requests: [{ method: 'GET', path: '/v1/orgs', status: 200, requestId: answered.headers.get('snyk-request-id') }] });
    expect((await call(emulator(), 'DELETE', '/_emulator/requests')).status).toBe(204);
    expect(emulator().requests()).toEqual([]);
    await call(emulator(), 'GET', '/v1/orgs');
    emulator().clearRequests();
    expect(emulator().requests()).toEqual([]);
  });

  it('holds no secret: no key, no credentials, no token', async () => {
    const orgId = defaultOrgId(emulator());
    const added = await addIntegration(emulator(), orgId, { type: 'github', broker: { enabled: true } });
    await call(emulator(), 'POST', `/v1/org/${orgId}/integrations`, { body: { type: 'gitlab', credentials: { token: 'gitlab-secret' } } });
    const log = JSON.stringify(emulator().requests());
    expect(log).not.toContain(emulator().apiKey);
    expect(log).not.toContain('gitlab-secret');
    expect(log).not.toContain(added.brokerToken);
  });
});

describe('emulator admin endpoints', () => {
  const emulator = useEmulator();

  it('creates groups and orgs and gives orgs projects', async () => {
    const group = await call(emulator(), 'POST', '/_emulator/groups', { body: { name: 'Admin group' } });
    expect(group.status).toBe(201);
    const groupId = bodyOf<{ id: string }>(group).id;
    expect(groupId).toMatch(UUID_V4);
    const org = await call(emulator(), 'POST', '/_emulator/orgs', { body: { groupId, name: 'Admin Org' } });
    expect(org.status).toBe(201);
    expect(org.body).toEqual({ id: expect.stringMatching(UUID_V4), slug: 'admin-org' });
    const orgId = bodyOf<{ id: string }>(org).id;
    expect((await call(emulator(), 'POST', `/_emulator/orgs/${orgId}/projects`)).status).toBe(204);
    expect((await call(emulator(), 'DELETE', `/v1/org/${orgId}`)).status).toBe(409);
    expect(emulator().requests()).toEqual([{ method: 'DELETE', path: `/v1/org/${orgId}`, status: 409, requestId: expect.stringMatching(UUID_V4) }]);
  });

  it('refuses bad admin input', async () => {
    expect((await call(emulator(), 'POST', '/_emulator/groups', { body: {} })).status).toBe(400);
    expect((await call(emulator(), 'POST', '/_emulator/orgs', { body: { groupId: 'nope', name: 'x' } })).status).toBe(404);
    expect((await call(emulator(), 'POST', '/_emulator/orgs/nope/projects')).status).toBe(404);
    expect((await call(emulator(), 'GET', '/_emulator/nothing')).status).toBe(404);
  });

  it('serves the whole state', async () => {
    const response = await call(emulator(), 'GET', '/_emulator/state');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(emulator().state());
  });

  it('hands out deep copies of the state', () => {
    const copy = emulator().state();
    copy.orgs.splice(0);
    expect(emulator().state().orgs).toHaveLength(1);
  });
});
