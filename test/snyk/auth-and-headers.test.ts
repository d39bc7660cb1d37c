import { RunningEmulator, startEmulator } from '../../src/emulator';
import { SnykApiError, SnykClient } from '../../src/snyk';
import { rejection } from './harness';
import { startProxy, TestProxy } from './proxy';

const OAUTH_TOKEN = 'oauth-access-token-for-tests-5d1e';

describe('auth schemes and headers, seen on the wire', () => {
  let emulator: RunningEmulator;
  let proxy: TestProxy;
  beforeEach(async () => {
    emulator = await startEmulator({ oauthTokens: [OAUTH_TOKEN] });
    proxy = await startProxy(emulator.url);
  });
  afterEach(async () => {
    await proxy.close();
    await emulator.close();
  });

  test('an OAuth access token is sent as `Authorization: bearer` and accepted; an API key as `Authorization: token`', async () => {
    const bearer = new SnykClient({ oauthToken: OAUTH_TOKEN, apiUrl: proxy.url });
    expect(bearer.authScheme).toBe('bearer');
    await expect(bearer.getSelf()).resolves.toMatchObject({ id: expect.any(String) });
    await expect(bearer.listGroupOrgs(emulator.defaultGroupId)).resolves.toHaveLength(1);
    const keyed = new SnykClient({ token: emulator.apiKey, apiUrl: proxy.url });
    await keyed.listOrgs();
    expect(proxy.seen.map((request) => request.headers.authorization)).toEqual([
      `bearer ${OAUTH_TOKEN}`,
      `bearer ${OAUTH_TOKEN}`,
      `token ${emulator.apiKey}`,
    ]);
  });

  test('a client takes exactly one credential', () => {
    expect(() => new SnykClient({ token: emulator.apiKey, oauthToken: OAUTH_TOKEN, apiUrl: proxy.url })).toThrow(/not both/);
    expect(() => new SnykClient({ apiUrl: proxy.url })).toThrow(/SNYK_TOKEN.*SNYK_OAUTH_TOKEN/);
  });

  test('every v1 call declares Content-Type: application/json, with or without a body; REST only with one', async () => {
    const client = new SnykClient({ token: emulator.apiKey, apiUrl: proxy.url });
    const org = (await client.listGroupOrgs(emulator.defaultGroupId))[0] as { id: string };
    await client.getIntegrationTypeMap(org.id);
    await client.addIntegration(org.id, { type: 'github', credentials: { token: 'ghp_headers' } });
    await client.getOrg(org.id);
    await client.renameOrg(org.id, 'renamed');
    const contentTypes = proxy.seen.map((request) => [`${request.method} ${request.path.split('/')[1]}`, request.headers['content-type']]);
    expect(contentTypes).toEqual([
      ['GET v1', 'application/json'],
      ['GET v1', 'application/json'],
      ['POST v1', 'application/json'],
      ['GET rest', undefined],
      ['PATCH rest', 'application/vnd.api+json'],
    ]);
  });

  test("a failed call names Snyk's snyk-request-id, which matches the emulator's log", async () => {
    const client = new SnykClient({ token: emulator.apiKey, apiUrl: emulator.url });
    const error = (await rejection(client.deleteOrg('0d0d0d0d-0000-4000-8000-000000000000'))) as SnykApiError;
    const logged = emulator.requests().at(-1)?.requestId;
    expect(logged).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.requestId).toBe(logged);
    expect(error.message).toContain(`snyk-request-id ${logged}`);
  });

  test('a wrong OAuth token gets a 401 that says what to check, without the token', async () => {
    const wrong = 'expired-oauth-token-0000';
    const error = await rejection(new SnykClient({ oauthToken: wrong, apiUrl: emulator.url }).listOrgs());
    expect(error.message).toMatch(/401 .*SNYK_OAUTH_TOKEN \(oauth_token; OAuth access tokens expire/);
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(wrong);
  });
});

describe('an API that cannot be reached', () => {
  test('fails with a message naming the host, not retried past the unreachable budget', async () => {
    const emulator = await startEmulator();
    const url = emulator.url;
    await emulator.close();
    const waits: number[] = [];
    let now = 0;
    const client = new SnykClient({
      token: 'unreachable-key-1234',
      apiUrl: url,
      retry: { maxAttempts: 100 },
      clock: { now: () => now, sleep: async (ms) => void (waits.push(ms), (now += ms)) },
    });
    const error = await rejection(client.listOrgs());
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(error.message).toContain(`Could not connect to the Snyk API at ${new URL(url).host}`);
    expect(error.message).toMatch(/Gave up: the API has been unreachable for 6 s.*Check the API URL \(api_url \/ SNYK_API_URL\) or region/);
    expect(waits.reduce((sum, wait) => sum + wait, 0)).toBe(6_000);
    // A second call on the same client (the same throttle) fails at its first refusal: the outage is already 6 s old.
    const attempts = waits.length;
    await rejection(client.listOrgs());
    expect(waits).toHaveLength(attempts);
  });
});
