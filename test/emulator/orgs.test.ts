import { BROKERED_GITHUB, UUID_V4, addIntegration, bodyOf, call, defaultOrgId, useEmulator } from './helpers';

interface OrgBody {
  id: string;
  name: string;
  slug: string;
  url: string;
  created: string;
  group: { id: string; name: string } | null;
}

describe('emulator v1 organizations', () => {
  const emulator = useEmulator();

  async function createOrg(body: unknown) {
    return call(emulator(), 'POST', '/v1/org', { body });
  }

  it('starts with one group holding one org, listed by GET /v1/orgs', async () => {
    const response = await call(emulator(), 'GET', '/v1/orgs');
    expect(response.status).toBe(200);
    const { orgs } = bodyOf<{ orgs: OrgBody[] }>(response);
    expect(orgs).toHaveLength(1);
    expect(orgs[0]).toMatchObject({ group: { id: emulator().defaultGroupId }, url: `https://app.snyk.io/org/${orgs[0]?.slug}` });
  });

  it('creates an org in a group with 201 and a unique slug', async () => {
    const first = await createOrg({ name: 'Platform Team', groupId: emulator().defaultGroupId });
    const second = await createOrg({ name: 'platform team', groupId: emulator().defaultGroupId });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: 'Platform Team', slug: 'platform-team', url: 'https://app.snyk.io/org/platform-team' });
    expect(bodyOf<OrgBody>(first).id).toMatch(UUID_V4);
    expect(bodyOf<OrgBody>(first).group).toEqual({ id: emulator().defaultGroupId, name: 'Emulated Group' });
    expect(bodyOf<OrgBody>(second).slug).toBe('platform-team-2');
    const listed = bodyOf<{ orgs: OrgBody[] }>(await call(emulator(), 'GET', '/v1/orgs')).orgs.map((org) => org.id);
    expect(listed).toEqual(expect.arrayContaining([bodyOf<OrgBody>(first).id, bodyOf<OrgBody>(second).id]));
  });

  it('creates a personal org, with no group, when groupId is absent', async () => {
    const response = await createOrg({ name: 'Just me' });
    expect(response.status).toBe(201);
    expect(bodyOf<OrgBody>(response).group).toBeNull();
  });

  it.each([
    ['no body', undefined],
    ['no name', { groupId: 'x' }],
    ['an empty name', { name: ' ' }],
    ['a name that is not a string', { name: 42 }],
  ])('refuses %s with 422 and an errorRef body', async (_, body) => {
    const response = await createOrg(body);
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ message: 'Please provide a new organization name in the body of the request', errorRef: expect.stringMatching(UUID_V4) });
    expect(response.headers.get('x-error-reference')).toBe(bodyOf<{ errorRef: string }>(response).errorRef);
  });

  it('refuses an unknown group or source org with 422', async () => {
    expect((await createOrg({ name: 'a', groupId: 'no-such-group' })).status).toBe(422);
    expect((await createOrg({ name: 'a', groupId: emulator().defaultGroupId, sourceOrgId: 'no-such-org' })).status).toBe(422);
  });

  it('deletes an org with 204 and its integrations with it', async () => {
    const org = emulator().createOrg(emulator().defaultGroupId, 'Doomed');
    await addIntegration(emulator(), org.id, BROKERED_GITHUB);
    const response = await call(emulator(), 'DELETE', `/v1/org/${org.id}`);
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    const state = emulator().state();
    expect(state.orgs.map((candidate) => candidate.id)).not.toContain(org.id);
    expect(state.integrations.filter((integration) => integration.orgId === org.id)).toEqual([]);
    expect(state.tokenFamilies).toEqual([]);
  });

  it('refuses to delete an org with projects (409) and an unknown org (404)', async () => {
    const orgId = defaultOrgId(emulator());
    emulator().addProject(orgId);
    const refused = await call(emulator(), 'DELETE', `/v1/org/${orgId}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 409, error: 'Conflict' });
    expect((await call(emulator(), 'DELETE', '/v1/org/no-such-org')).status).toBe(404);
  });

  describe('a group’s orgs', () => {
    function groupOrgs(query: string, groupId = emulator().defaultGroupId) {
      return call(emulator(), 'GET', `/v1/group/${groupId}/orgs${query}`);
    }

    beforeEach(() => {
      for (let index = 1; index <= 5; index += 1) {
        emulator().createOrg(emulator().defaultGroupId, `Team ${index}`);
      }
      emulator().createOrg(emulator().createGroup('Other').id, 'Team elsewhere');
    });

    it('lists the group with its orgs', async () => {
      const response = await groupOrgs('');
      expect(response.status).toBe(200);
      const body = bodyOf<{ id: string; name: string; url: string; created: string; orgs: OrgBody[] }>(response);
      expect(body).toMatchObject({ id: emulator().defaultGroupId, name: 'Emulated Group' });
      expect(body.orgs.map((org) => org.name)).toEqual(['Emulated Org', 'Team 1', 'Team 2', 'Team 3', 'Team 4', 'Team 5']);
    });

    it('pages with perPage and page (from 1)', async () => {
      const pages = await Promise.all([1, 2, 3, 4].map((page) => groupOrgs(`?perPage=2&page=${page}`)));
      const names = pages.map((page) => bodyOf<{ orgs: OrgBody[] }>(page).orgs.map((org) => org.name));
      expect(names).toEqual([['Emulated Org', 'Team 1'], ['Team 2', 'Team 3'], ['Team 4', 'Team 5'], []]);
    });

    it('filters by a case-insensitive name prefix', async () => {
      const names = bodyOf<{ orgs: OrgBody[] }>(await groupOrgs('?name=tEaM')).orgs.map((org) => org.name);
      expect(names).toEqual(['Team 1', 'Team 2', 'Team 3', 'Team 4', 'Team 5']);
    });

    it.each(['?perPage=101', '?perPage=0', '?page=0', '?page=x'])('refuses %s with 400', async (query) => {
      const response = await groupOrgs(query);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 400 });
    });

    it('answers 404 for an unknown group', async () => {
      expect((await groupOrgs('', 'no-such-group')).status).toBe(404);
    });
  });
});
