import { RunningEmulator, startEmulator } from '../../src/emulator';
import { OrganizationListingCache } from '../../src/provider/org-listing-cache';
import { SnykClient } from '../../src/snyk';

describe('OrganizationListingCache against the emulator', () => {
  let emulator: RunningEmulator;
  let cache: OrganizationListingCache;
  beforeEach(async () => {
    emulator = await startEmulator();
    const client = new SnykClient({ token: emulator.apiKey, apiUrl: emulator.url, retry: { maxAttempts: 1 } });
    cache = new OrganizationListingCache({ listGroupOrgs: (groupId) => client.listGroupOrgs(groupId), getOrg: (orgId) => client.getOrg(orgId) });
  });
  afterEach(() => emulator.close());

  const calls = (): string[] => emulator.requests().map((request) => `${request.method} ${request.path}`);

  test('concurrent reads of 150 orgs of one group share one listing of two pages', async () => {
    const group = emulator.defaultGroupId;
    const ids = Array.from({ length: 150 }, (_, index) => emulator.createOrg(group, `bulk-${index}`).id);
    emulator.clearRequests();
    const orgs = await Promise.all(ids.map((id) => cache.read(id, group)));
    expect(orgs.map((org) => org?.id)).toEqual(ids);
    expect(orgs.every((org) => org?.groupId === group && org.slug !== '')).toBe(true);
    expect(calls()).toEqual([`GET /v1/group/${group}/orgs`, `GET /v1/group/${group}/orgs`]);
    await cache.read(ids[0] as string, group);
    expect(calls()).toHaveLength(2);
  });

  test('an org that moved to another group is read by id and comes back with its new group', async () => {
    const other = emulator.createGroup('elsewhere').id;
    const moved = emulator.createOrg(other, 'moved').id;
    emulator.clearRequests();
    await expect(cache.read(moved, emulator.defaultGroupId)).resolves.toMatchObject({ id: moved, groupId: other, name: 'moved' });
    expect(calls()).toEqual([`GET /v1/group/${emulator.defaultGroupId}/orgs`, `GET /rest/orgs/${moved}`]);
  });

  test('an org neither listed nor readable by id is gone', async () => {
    await expect(cache.read('0b0b0b0b-0000-4000-8000-000000000000', emulator.defaultGroupId)).resolves.toBeUndefined();
  });

  test('a group the key may not list (404 here) is read org by org, asking for the listing only once', async () => {
    const group = emulator.defaultGroupId;
    const ids = [emulator.createOrg(group, 'a').id, emulator.createOrg(group, 'b').id];
    const unlistable = '0c0c0c0c-0000-4000-8000-000000000000';
    emulator.clearRequests();
    const orgs = await Promise.all(ids.map((id) => cache.read(id, unlistable)));
    expect(orgs.map((org) => org?.name)).toEqual(['a', 'b']);
    expect(emulator.requests().filter((request) => request.path.startsWith('/v1/group/')).map((request) => request.status)).toEqual([404]);
    expect(calls().filter((call) => call.startsWith('GET /rest/orgs/'))).toHaveLength(2);
  });

  test('a failed listing is not kept: the next read asks again', async () => {
    const group = emulator.defaultGroupId;
    const id = emulator.createOrg(group, 'retry-me').id;
    emulator.addFault({ method: 'GET', path: '/v1/group/*/orgs', respond: { status: 500 }, times: 1 });
    await expect(cache.read(id, group)).rejects.toThrow(/500/);
    await expect(cache.read(id, group)).resolves.toMatchObject({ id, name: 'retry-me' });
  });

  test('invalidate makes the next read list the group again (a write changed it)', async () => {
    const group = emulator.defaultGroupId;
    const first = emulator.createOrg(group, 'first').id;
    await cache.read(first, group);
    const second = emulator.createOrg(group, 'second').id;
    cache.invalidate(group);
    emulator.clearRequests();
    await expect(cache.read(second, group)).resolves.toMatchObject({ id: second });
    expect(calls()).toEqual([`GET /v1/group/${group}/orgs`]);
  });
});
