import { RunningEmulator, startEmulator } from '../../src/emulator';
import { VisibleOrganizationsCache } from '../../src/provider/visible-orgs-cache';
import { SnykClient } from '../../src/snyk';

describe('VisibleOrganizationsCache against the emulator', () => {
  let emulator: RunningEmulator;
  let cache: VisibleOrganizationsCache;
  beforeEach(async () => {
    emulator = await startEmulator();
    const client = new SnykClient({ token: emulator.apiKey, apiUrl: emulator.url, retry: { maxAttempts: 1 } });
    cache = new VisibleOrganizationsCache(() => client.listOrgs());
  });
  afterEach(() => emulator.close());

  const listings = (): number => emulator.requests().filter((request) => request.method === 'GET' && request.path === '/v1/orgs').length;

  test('concurrent lookups share one listing, and later ones reuse it', async () => {
    const slugs = ['alpha', 'beta', 'gamma'].map((name) => emulator.createOrg(emulator.defaultGroupId, name).slug);
    emulator.clearRequests();
    const found = await Promise.all(slugs.map((slug) => cache.find((org) => org.slug === slug)));
    expect(found.map((org) => org?.slug)).toEqual(slugs);
    expect((await cache.all()).length).toBeGreaterThanOrEqual(3);
    expect(listings()).toBe(1);
  });

  test('a miss in an earlier listing lists once more and finds an org created since; invalidate forgets the listing', async () => {
    await cache.all();
    const late = emulator.createOrg(emulator.defaultGroupId, 'late');
    emulator.clearRequests();
    expect((await cache.find((org) => org.slug === late.slug))?.id).toBe(late.id);
    expect(listings()).toBe(1);
    cache.invalidate();
    await cache.all();
    expect(listings()).toBe(2);
  });

  test('a miss in a listing made for this very lookup does not list again', async () => {
    emulator.clearRequests();
    await expect(cache.find((org) => org.slug === 'no-such-org')).resolves.toBeUndefined();
    expect(listings()).toBe(1);
  });

  test('a failed listing is not kept: the next lookup calls again', async () => {
    emulator.addFault({ method: 'GET', path: '/v1/orgs', respond: { status: 500 } });
    await expect(cache.all()).rejects.toThrow();
    emulator.createOrg(emulator.defaultGroupId, 'after-failure');
    expect((await cache.find((org) => org.slug === 'after-failure'))?.slug).toBe('after-failure');
  });
});
