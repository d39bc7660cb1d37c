import { SnykApiError } from '../../src/snyk';
import { defaultOrg, liveTokenOf, rejection, useHarness } from './harness';

const harness = useHarness();

describe('organizations against the emulator', () => {
  it('checks the key with GET /rest/self', async () => {
    const self = await harness().client.getSelf();
    expect(self.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists the orgs the key can see', async () => {
    const { client, emulator } = harness();
    const orgs = await client.listOrgs();
    expect(orgs).toHaveLength(1);
    expect(orgs[0]).toMatchObject({ name: expect.any(String), slug: expect.any(String), url: expect.any(String), groupId: emulator.defaultGroupId });
  });

  it('creates an org in a group, reads it through REST, renames and deletes it', async () => {
    const { client, emulator } = harness();
    const created = await client.createOrg({ name: 'Platform Team', groupId: emulator.defaultGroupId });
    expect(created).toMatchObject({ name: 'Platform Team', slug: expect.any(String), groupId: emulator.defaultGroupId });

    await expect(client.getOrg(created.id)).resolves.toMatchObject({ id: created.id, name: 'Platform Team', slug: created.slug, groupId: emulator.defaultGroupId, isPersonal: false });

    const renamed = await client.renameOrg(created.id, 'Platform Engineering');
    expect(renamed).toMatchObject({ id: created.id, name: 'Platform Engineering' });
    await expect(client.getOrg(created.id)).resolves.toMatchObject({ name: 'Platform Engineering' });

    await client.deleteOrg(created.id);
    await expect(client.getOrg(created.id)).resolves.toBeUndefined();
  });

  it('creates an org that copies a source org, Broker token included', async () => {
    const { client } = harness();
    const source = await defaultOrg(harness());
    const brokered = await client.addIntegration(source.id, { type: 'gitlab', broker: true });
    const copy = await client.createOrg({ name: 'Copy', groupId: source.groupId, sourceOrgId: source.id });
    const copiedId = await client.getIntegrationByType(copy.id, 'gitlab');
    expect(copiedId).toBeDefined();
    expect(liveTokenOf(harness(), copiedId as string)).toBe(liveTokenOf(harness(), brokered.id));
  });

  it('answers 422 to an org without a name, with Snyk error reference', async () => {
    const error = await rejection(harness().client.createOrg({ name: '' }));
    expect(error).toBeInstanceOf(SnykApiError);
    expect(error).toMatchObject({ status: 422, method: 'POST', path: '/v1/org', retryable: false, errorRef: expect.any(String) });
    expect(error.message).toMatch(/^Snyk API POST \/v1\/org failed: 422 .+ \(error reference [0-9a-f-]+(, snyk-request-id [0-9a-f-]+)?\)$/);
  });

  it('refuses to delete an org that has projects (409) and reports a missing one (404)', async () => {
    const { client, emulator } = harness();
    const org = emulator.createOrg(emulator.defaultGroupId, 'Busy');
    emulator.addProject(org.id);
    const busy = await rejection(client.deleteOrg(org.id));
    expect(busy).toMatchObject({ status: 409, path: `/v1/org/${org.id}` });

    const missing = await rejection(client.deleteOrg('00000000-0000-4000-8000-000000000000'));
    expect(missing).toMatchObject({ status: 404 });
  });

  it('follows every page of a group and filters by name prefix', async () => {
    const { client, emulator } = harness();
    const group = emulator.createGroup('Big group');
    for (let index = 0; index < 230; index += 1) {
      emulator.createOrg(group.id, `${index % 2 === 0 ? 'team' : 'other'}-${index}`);
    }
    emulator.clearRequests();
    const all = await client.listGroupOrgs(group.id);
    expect(all).toHaveLength(230);
    expect(new Set(all.map((org) => org.id)).size).toBe(230);
    expect(all.every((org) => org.groupId === group.id)).toBe(true);
    expect(emulator.requests().filter((request) => request.path === `/v1/group/${group.id}/orgs`)).toHaveLength(3);

    const teams = await client.listGroupOrgs(group.id, { namePrefix: 'TEAM-' });
    expect(teams).toHaveLength(115);
    expect(teams.every((org) => org.name.startsWith('team-'))).toBe(true);
  });

  it('gives undefined for an org REST does not know', async () => {
    await expect(harness().client.getOrg('00000000-0000-4000-8000-000000000000')).resolves.toBeUndefined();
  });
});
