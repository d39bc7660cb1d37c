import { REST_VERSION, UUID_V4, call, useEmulator } from './helpers';

describe('emulator authentication and error bodies', () => {
  const emulator = useEmulator();

  it.each([
    ['no key', null],
    ['a wrong key', 'token not-the-key'],
    ['a bearer header', 'bearer whatever'],
  ])('answers 401 with Snyk’s body to %s on a v1 path', async (_, authorization) => {
    const response = await call(emulator(), 'GET', '/v1/orgs', { authorization });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ code: 401, error: 'Not authorised', message: 'Not authorised' });
    expect(response.headers.get('x-error-reference')).toMatch(UUID_V4);
  });

  it('answers 401 as a JSON:API error on a REST path', async () => {
    const response = await call(emulator(), 'GET', `/rest/self?version=${REST_VERSION}`, { authorization: null });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ errors: [{ status: '401', detail: 'Not authorised' }] });
  });

  it('needs the key on admin paths too', async () => {
    expect((await call(emulator(), 'GET', '/_emulator/state', { authorization: null })).status).toBe(401);
  });

  it('accepts the key whatever the case of the scheme', async () => {
    expect((await call(emulator(), 'GET', '/v1/orgs', { authorization: `Token ${emulator().apiKey}` })).status).toBe(200);
  });

  it('answers 404 with a v1 error body and an error reference for an unknown path', async () => {
    const response = await call(emulator(), 'GET', '/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: 404, error: 'Not Found', message: 'No such path: /v1/nothing-here' });
    expect(response.headers.get('x-error-reference')).toMatch(UUID_V4);
  });

  it('answers 405 for a known path with another method', async () => {
    const response = await call(emulator(), 'DELETE', '/v1/orgs');
    expect(response.status).toBe(405);
    expect(response.body).toMatchObject({ code: 405 });
  });

  it('answers 400 to a body that is not JSON, without quoting it', async () => {
    const orgId = emulator().state().orgs[0]?.id;
    const response = await call(emulator(), 'POST', `/v1/org/${orgId}/integrations`, { body: '{"type":"github","credentials":{"token":"s3cret' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 400, message: 'The request body is not valid JSON' });
    expect(response.text).not.toContain('s3cret');
  });

  it('gives each error its own reference', async () => {
    const first = await call(emulator(), 'GET', '/v1/nothing');
    const second = await call(emulator(), 'GET', '/v1/nothing');
    expect(first.headers.get('x-error-reference')).not.toBe(second.headers.get('x-error-reference'));
  });
});
