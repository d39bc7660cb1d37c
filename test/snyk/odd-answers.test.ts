import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SnykClient } from '../../src/snyk';
import { rejection } from './harness';

/** A loopback server that is not Snyk: it answers every request with the same status and text. */
async function startFixedServer(status: number, body: string, contentType = 'text/html'): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume();
    response.writeHead(status, { 'content-type': contentType }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const TOKEN = 'odd-answers-secret-token';
const clientFor = (url: string): SnykClient => new SnykClient({ token: TOKEN, apiUrl: url, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });

describe('answers that are not what Snyk documents', () => {
  it('reports a 2xx that is not the documented JSON as an unexpected response, without quoting it', async () => {
    const server = await startFixedServer(200, '<html>captive portal 9f1c</html>');
    try {
      const error = await rejection(clientFor(server.url).listOrgs());
      expect(error.message).toBe('Snyk API GET /v1/orgs failed: 200. Unexpected response: expected a JSON object.');
    } finally {
      await server.close();
    }
  });

  it('reports a missing field by name', async () => {
    const server = await startFixedServer(200, '{"orgs":[{"name":"no id"}]}', 'application/json');
    try {
      await expect(rejection(clientFor(server.url).listOrgs())).resolves.toMatchObject({ message: expect.stringContaining('expected a string "id"') });
    } finally {
      await server.close();
    }
  });

  it('keeps a text error body as the message, on one line, and never echoes the key', async () => {
    const server = await startFixedServer(502, `Bad gateway\n  upstream said: token ${TOKEN}`);
    try {
      const error = await rejection(clientFor(server.url).listOrgs());
      expect(error.message).toBe('Snyk API GET /v1/orgs failed: 502 Bad gateway upstream said: token [redacted]. Gave up after 2 attempts.');
    } finally {
      await server.close();
    }
  });

  it('does not follow redirects, which could carry the key elsewhere', async () => {
    const server = await startFixedServer(302, '');
    try {
      await expect(rejection(clientFor(server.url).listOrgs())).resolves.toMatchObject({ status: 302 });
    } finally {
      await server.close();
    }
  });

  it('names a refused connection', async () => {
    const server = await startFixedServer(200, '{}');
    await server.close();
    const error = await rejection(clientFor(server.url).listOrgs());
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(error.message).toMatch(/^Snyk API GET \/v1\/orgs failed: network error ECONNREFUSED/);
    expect(error.message).not.toContain(TOKEN);
  });
});
