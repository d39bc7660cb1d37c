import { REST_VERSION, bodyOf, call, defaultOrgId, useEmulator } from './helpers';

describe('emulator REST calls', () => {
  const emulator = useEmulator();
  const orgPath = (orgId: string, version: string | null = REST_VERSION) => `/rest/orgs/${orgId}${version === null ? '' : `?version=${version}`}`;
  const rename = (orgId: string, data: unknown) => ({ body: { data }, contentType: 'application/vnd.api+json' });

  it('reads an org as a JSON:API document', async () => {
    const orgId = defaultOrgId(emulator());
    const response = await call(emulator(), 'GET', orgPath(orgId));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.api+json');
    expect(response.body).toEqual({
      jsonapi: { version: '1.0' },
      data: { id: orgId, type: 'org', attributes: { name: 'Emulated Org', slug: 'emulated-org', is_personal: false, group_id: emulator().defaultGroupId } },
      links: { self: `/rest/orgs/${orgId}?version=${REST_VERSION}` },
    });
  });

  it('reads a personal org without a group id', async () => {
    const created = await call(emulator(), 'POST', '/v1/org', { body: { name: 'Mine' } });
    const response = await call(emulator(), 'GET', orgPath(bodyOf<{ id: string }>(created).id));
    expect(bodyOf<{ data: { attributes: Record<string, unknown> } }>(response).data.attributes).toEqual({ name: 'Mine', slug: 'mine', is_personal: true });
  });

  it('needs a version (400) and answers 404 as JSON:API errors', async () => {
    const missing = await call(emulator(), 'GET', orgPath(defaultOrgId(emulator()), null));
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ jsonapi: { version: '1.0' }, errors: [{ status: '400', detail: expect.stringContaining('version') }] });
    expect((await call(emulator(), 'GET', orgPath(defaultOrgId(emulator()), 'yesterday'))).status).toBe(400);
    const unknown = await call(emulator(), 'GET', orgPath('no-such-org'));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ errors: [{ status: '404' }] });
  });

  it('renames an org, keeping its slug', async () => {
    const orgId = defaultOrgId(emulator());
    const response = await call(emulator(), 'PATCH', orgPath(orgId), rename(orgId, { id: orgId, type: 'org', attributes: { name: 'Renamed' } }));
    expect(response.status).toBe(200);
    expect(bodyOf<{ data: { attributes: Record<string, unknown> } }>(response).data.attributes).toMatchObject({ name: 'Renamed', slug: 'emulated-org' });
    expect(bodyOf<{ orgs: { name: string }[] }>(await call(emulator(), 'GET', '/v1/orgs')).orgs[0]?.name).toBe('Renamed');
  });

  it('refuses a body without the JSON:API content type (400)', async () => {
    const orgId = defaultOrgId(emulator());
    const response = await call(emulator(), 'PATCH', orgPath(orgId), {
      body: { data: { id: orgId, type: 'org', attributes: { name: 'x' } } },
      contentType: 'application/json',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ status: '400', detail: expect.stringContaining('application/vnd.api+json') }] });
  });

  it.each([
    ['another id', 409, (orgId: string) => ({ id: `${orgId}x`, type: 'org', attributes: { name: 'x' } })],
    ['another type', 409, (orgId: string) => ({ id: orgId, type: 'group', attributes: { name: 'x' } })],
    ['an attribute other than name', 400, (orgId: string) => ({ id: orgId, type: 'org', attributes: { slug: 'x' } })],
    ['an empty name', 400, (orgId: string) => ({ id: orgId, type: 'org', attributes: { name: '' } })],
    ['no attributes', 400, (orgId: string) => ({ id: orgId, type: 'org' })],
  ])('refuses a rename with %s (%i)', async (_, status, data) => {
    const orgId = defaultOrgId(emulator());
    const response = await call(emulator(), 'PATCH', orgPath(orgId), rename(orgId, data(orgId)));
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ errors: [{ status: String(status) }] });
  });

  it('answers /rest/self with the key’s identity', async () => {
    const response = await call(emulator(), 'GET', `/rest/self?version=${REST_VERSION}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ data: { type: 'user', id: emulator().state().user.id, attributes: { default_org_context: defaultOrgId(emulator()) } } });
  });
});
