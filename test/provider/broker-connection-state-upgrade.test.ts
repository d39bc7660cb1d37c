import { upgradeState } from '../../src/provider/framework/upgrade';
import { connectionResource } from '../../src/provider/resources/universal-broker/connection';

const IDS = {
  id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  tenant_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  app_install_id: '16fd2706-8baf-433b-82eb-8c7fada847da',
  broker_deployment_id: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
  name: 'gitlab',
  type: 'gitlab',
};

describe('snyk_broker_connection state from schema version 0', () => {
  test('the configuration object of every key (unset ones null) becomes the map of the keys set, so the next plan is empty', () => {
    const stored = {
      ...IDS,
      configuration: { broker_client_url: 'https://broker.example.com', gitlab_hostname: 'gitlab.example.com', gitlab_token_credential_id: IDS.id, github_hostname: null, cr_base: null },
    };
    const { state, diagnostics } = upgradeState(connectionResource.definition as never, 0, Buffer.from(JSON.stringify(stored)));
    expect(diagnostics.all).toEqual([]);
    expect(state).toEqual({
      ...IDS,
      configuration: { broker_client_url: 'https://broker.example.com', gitlab_hostname: 'gitlab.example.com', gitlab_token_credential_id: IDS.id },
    });
  });
});
