import { planResource } from '../../src/provider/framework/plan';
import { connectionResource } from '../../src/provider/resources/universal-broker/connection';
import { SnykProviderContext } from '../../src/provider/snyk-context';

const CREDENTIAL_ID = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const STATE = {
  id: '9a3f1c52-6f0e-4b8e-a2f4-0c7d3f1e2b6a',
  tenant_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  app_install_id: '16fd2706-8baf-433b-82eb-8c7fada847da',
  broker_deployment_id: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
  name: 'gitlab',
  type: 'gitlab',
  configuration: { broker_client_url: 'https://broker.example.com', gitlab_hostname: 'gitlab.example.com', gitlab_token_credential_id: CREDENTIAL_ID },
};

/** A provider whose deployment has no credential at all, counting how often the plan asks for the list. */
function providerListingNoCredentials(): { provider: SnykProviderContext; listings: () => number } {
  let listings = 0;
  const universalBroker = {
    listCredentials: async () => {
      listings += 1;
      return [];
    },
  };
  return { provider: { client: { universalBroker } } as unknown as SnykProviderContext, listings: () => listings };
}

async function plan(proposed: typeof STATE, prior: typeof STATE | null, provider: SnykProviderContext) {
  const { id: _id, ...config } = proposed;
  return planResource(connectionResource.definition as never, { prior, proposed, config: { ...config, id: null }, provider });
}

describe('snyk_broker_connection plan: credential references', () => {
  test('an unchanged connection asks Snyk nothing', async () => {
    const { provider, listings } = providerListingNoCredentials();
    const result = await plan(STATE, STATE, provider);
    expect(result.diagnostics.all).toEqual([]);
    expect(listings()).toBe(0);
  });

  test('a changed configuration is checked against the deployment\'s credentials', async () => {
    const { provider, listings } = providerListingNoCredentials();
    const changed = { ...STATE, configuration: { ...STATE.configuration, gitlab_hostname: 'gitlab2.example.com' } };
    const result = await plan(changed, STATE, provider);
    expect(listings()).toBe(1);
    expect(result.diagnostics.all.map((diagnostic) => diagnostic.summary)).toEqual(['Unknown credential reference']);
  });

  test('a new connection is checked too', async () => {
    const { provider, listings } = providerListingNoCredentials();
    const result = await plan({ ...STATE, id: null as unknown as string }, null, provider);
    expect(listings()).toBe(1);
    expect(result.diagnostics.all.map((diagnostic) => diagnostic.summary)).toEqual(['Unknown credential reference']);
  });
});
