import { startEmulator } from '../../src/emulator';
import { REST_VERSION, UUID_V4, call, useEmulator } from './helpers';

const OAUTH_TOKEN = 'oauth-access-token-for-tests';

describe('emulator bearer (OAuth) authentication', () => {
  const emulator = useEmulator({ oauthTokens: [OAUTH_TOKEN] });

  it.each(['bearer', 'Bearer', 'BEARER'])('takes "%s <OAuth token>" on v1 and REST', async (scheme) => {
    expect((await call(emulator(), 'GET', '/v1/orgs', { authorization: `${scheme} ${OAUTH_TOKEN}` })).status).toBe(200);
    expect((await call(emulator(), 'GET', `/rest/self?version=${REST_VERSION}`, { authorization: `${scheme} ${OAUTH_TOKEN}` })).status).toBe(200);
  });

  it('takes the API key as a bearer token too', async () => {
    expect((await call(emulator(), 'GET', '/v1/orgs', { authorization: `Bearer ${emulator().apiKey}` })).status).toBe(200);
  });

  it.each([
    ['an unknown bearer token', 'bearer not-a-known-token'],
    ['an OAuth token under the "token" scheme', `token ${OAUTH_TOKEN}`],
    ['an empty bearer', 'bearer '],
  ])('still answers 401 to %s', async (_, authorization) => {
    const response = await call(emulator(), 'GET', '/v1/orgs', { authorization });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ code: 401, error: 'Not authorised', message: 'Not authorised' });
  });

  it('api-key-auth=reject (as on SNYK-GOV-01): the API key gets 401 on Snyk paths, OAuth tokens work, admin calls still take the key', async () => {
    emulator().setBehaviors({ 'api-key-auth': 'reject' });
    expect((await call(emulator(), 'GET', '/v1/orgs')).status).toBe(401);
    expect((await call(emulator(), 'GET', '/v1/orgs', { authorization: `bearer ${emulator().apiKey}` })).status).toBe(401);
    expect((await call(emulator(), 'GET', '/v1/orgs', { authorization: `bearer ${OAUTH_TOKEN}` })).status).toBe(200);
    expect((await call(emulator(), 'GET', '/_emulator/behaviors')).status).toBe(200);
  });

  it('accepts no OAuth token unless configured', async () => {
    const plain = await startEmulator();
    try {
      expect(plain.oauthTokens).toEqual([]);
      expect((await call(plain, 'GET', '/v1/orgs', { authorization: `bearer ${OAUTH_TOKEN}` })).status).toBe(401);
    } finally {
      await plain.close();
    }
  });
});

describe('emulator snyk-request-id', () => {
  const emulator = useEmulator();

  it('sends a fresh UUID on every answer, errors and admin calls included, and logs it with the call', async () => {
    const answers = [
      await call(emulator(), 'GET', '/v1/orgs'),
      await call(emulator(), 'GET', '/v1/orgs', { authorization: null }),
      await call(emulator(), 'DELETE', '/v1/org/no-such-org'),
      await call(emulator(), 'GET', `/rest/self?version=${REST_VERSION}`),
    ];
    const ids = answers.map((answer) => answer.headers.get('snyk-request-id'));
    ids.forEach((id) => expect(id).toMatch(UUID_V4));
    expect(new Set(ids).size).toBe(ids.length);
    expect(emulator().requests().map((entry) => entry.requestId)).toEqual(ids);
    expect((await call(emulator(), 'GET', '/_emulator/state')).headers.get('snyk-request-id')).toMatch(UUID_V4);
  });

  it('sends it on injected faults too', async () => {
    emulator().addFault({ respond: { status: 503 } });
    const response = await call(emulator(), 'GET', '/v1/orgs');
    expect(response.status).toBe(503);
    expect(response.headers.get('snyk-request-id')).toBe(emulator().requests()[0]?.requestId);
  });
});

describe('emulator address', () => {
  const emulator = useEmulator();

  it('gives a localhost URL (some Snyk tools refuse an IP host) and answers there', async () => {
    expect(emulator().url).toMatch(/^http:\/\/localhost:\d+$/);
    expect((await fetch(`${emulator().url.replace('localhost', '127.0.0.1')}/v1/orgs`, { headers: { authorization: `token ${emulator().apiKey}` } })).status).toBe(200);
  });
});
