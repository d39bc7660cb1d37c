import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DEFAULT_BROKER_APP_ID, SnykApiError, SnykClient } from '../../../src/snyk';
import { rejection } from '../harness';
import { installAndDeploy, useUbHarness } from './harness';

describe('Universal Broker calls on the shared retry layer', () => {
  const h = useUbHarness();

  it('does not repeat a create whose answer was lost (it may have happened), and says so', async () => {
    const { ref } = await installAndDeploy(h());
    h().emulator.addFault({ method: 'POST', path: '/rest/tenants/*/brokers/installs/*/deployments/*/credentials', respond: { status: 502 }, when: 'after' });
    const error = await rejection(h().ub.createCredentials(ref, [{ environmentVariableName: 'A', type: 'github' }]));
    expect(error).toBeInstanceOf(SnykApiError);
    expect(error.message).toMatch(/Not retried: the call is not idempotent/);
    expect(h().emulator.state().universalBroker?.credentials).toHaveLength(1);
  });

  it('repeats a delete whose answer was lost, and takes the 404 to the repeat as done', async () => {
    const { ref } = await installAndDeploy(h());
    h().emulator.addFault({ method: 'DELETE', path: '/rest/tenants/*/brokers/installs/*/deployments/*', respond: { status: 503 }, when: 'after' });
    await h().ub.deleteDeployment(ref);
    expect(h().emulator.state().universalBroker?.deployments).toEqual([]);
  });

  it('repeats reads after 429 and 5xx', async () => {
    const { ref } = await installAndDeploy(h());
    h().emulator.addFault({ method: 'GET', path: '/rest/tenants/*/brokers/deployments', respond: { status: 429, retryAfterSeconds: 0 }, times: 1 });
    h().emulator.addFault({ method: 'GET', path: '/rest/tenants/*/brokers/deployments', respond: { status: 500 }, times: 1 });
    expect((await h().ub.listTenantDeployments(ref.tenantId)).map((deployment) => deployment.id)).toEqual([ref.deploymentId]);
  });
});

describe('secrets in Universal Broker errors', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // A server that echoes the request body in its JSON:API error, as a careless API might.
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = JSON.stringify({ jsonapi: { version: '1.0' }, errors: [{ status: '400', detail: `cannot handle ${Buffer.concat(chunks).toString('utf8')}` }] });
        response.writeHead(400, { 'content-type': 'application/vnd.api+json' }).end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('redacts the client secret sent to delete, and the API key, from an echoed error', async () => {
    const client = new SnykClient({ token: 'api-key-that-must-not-leak', apiUrl: url, retry: { maxAttempts: 1 } });
    const secret = 'snyk_ub_secret_that_must_not_leak';
    const error = await rejection(client.universalBroker.rotateAppInstallSecret('org', 'install', { mode: 'delete', secret }));
    expect(error).toMatchObject({ status: 400, method: 'POST', path: '/rest/orgs/org/apps/installs/install/secrets' });
    expect(error.message).toContain('cannot handle');
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(secret);
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('api-key-that-must-not-leak');
  });

  it('never quotes a 2xx body it cannot read (it may hold the client secret)', async () => {
    const odd = createServer((_, response) => response.writeHead(201, { 'content-type': 'application/vnd.api+json' }).end('{"data":{"id":"i","attributes":{"client_secret":"leaky-secret-value"}}}'));
    await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
    try {
      const client = new SnykClient({ token: 'k-000', apiUrl: `http://127.0.0.1:${(odd.address() as AddressInfo).port}`, retry: { maxAttempts: 1 } });
      const error = await rejection(client.universalBroker.installApp('org', DEFAULT_BROKER_APP_ID));
      expect(error.message).toMatch(/Unexpected response: expected a string attribute "client_id"/);
      expect(error.message).not.toContain('leaky-secret-value');
    } finally {
      await new Promise<void>((resolve) => odd.close(() => resolve()));
    }
  });
});
