import { SnykApiError } from '../../../src/snyk';
import { jsonApiRequest } from '../../../src/snyk/rest';
import { followLink } from '../../../src/snyk/universal-broker/json-api';

describe('following links.next', () => {
  const first = jsonApiRequest('GET', '/rest/tenants/t/brokers/deployments', '2024-10-15');

  it('reads a link relative to the REST root (as Snyk writes them), under /rest, or absolute on the same host', () => {
    expect(followLink('https://api.eu.snyk.io', first, '/tenants/t/brokers/deployments?version=2024-10-15&limit=10&starting_after=abc')).toMatchObject({
      method: 'GET',
      path: '/rest/tenants/t/brokers/deployments',
      query: { version: '2024-10-15', limit: '10', starting_after: 'abc' },
      accept: 'application/vnd.api+json',
    });
    expect(followLink('https://api.eu.snyk.io', first, '/rest/tenants/t/brokers/deployments?starting_after=abc')).toMatchObject({
      path: '/rest/tenants/t/brokers/deployments',
      query: { starting_after: 'abc', version: '2024-10-15' },
    });
    expect(followLink('http://localhost:1234', first, 'http://localhost:1234/rest/tenants/t/brokers/deployments?version=2024-10-15&starting_after=x').path).toBe(
      '/rest/tenants/t/brokers/deployments',
    );
  });

  it('never follows a link to another host, where the API key would go', () => {
    expect(() => followLink('https://api.snyk.io', first, 'https://evil.example/rest/tenants?starting_after=x')).toThrow(SnykApiError);
    expect(() => followLink('https://api.snyk.io', first, 'https://evil.example/rest/tenants?starting_after=x')).toThrow(/another host/);
  });
});
