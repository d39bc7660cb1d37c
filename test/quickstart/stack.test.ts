import { BrokerToken as BrokerTokenResource } from '../../src/generated/broker-token';
import { Integration as IntegrationResource } from '../../src/generated/integration';
import { IntegrationClone as IntegrationCloneResource } from '../../src/generated/integration-clone';
import { Organization as OrganizationResource } from '../../src/generated/organization';
import { QuickstartStack } from '../../examples/quickstart/stack';
import { Testing } from '../../src/constructs/core';

Testing.setupJest();

describe('the quickstart app', () => {
  const saved = process.env.SNYK_TOKEN;
  let json: string;
  beforeAll(() => {
    process.env.SNYK_TOKEN = 'planted-api-key-for-the-quickstart';
    json = Testing.synth(new QuickstartStack(Testing.app(), 'quickstart', { statePath: 'terraform.tfstate' }), true);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.SNYK_TOKEN;
    else process.env.SNYK_TOKEN = saved;
  });

  it('declares a platform org with a brokered GitHub Enterprise integration, two clones, an org from a source and a rotation', () => {
    expect(json).toHaveResourceWithProperties(OrganizationResource, { name: 'platform' });
    expect(json).toHaveResourceWithProperties(IntegrationResource, { type: 'github-enterprise', broker: true });
    expect(Object.keys(JSON.parse(json).resource.snyk_integration_clone)).toHaveLength(2);
    expect(json).toHaveResource(IntegrationCloneResource);
    expect(json).toHaveResourceWithProperties(OrganizationResource, { name: 'team-mobile', source_organization_id: expect.stringContaining('snyk_organization.Platform') });
    expect(json).toHaveResourceWithProperties(BrokerTokenResource, { rotation_triggers: { trigger: 'initial' } });
  });

  it('hands out the token and the broker server URL as sensitive outputs, and never the API key', () => {
    const { output, provider } = JSON.parse(json);
    expect(output.broker_token).toMatchObject({ sensitive: true, value: expect.stringMatching(/^\$\{snyk_broker_token\.\w+\.token\}$/) });
    expect(output.broker_server_url).toEqual(expect.objectContaining({ sensitive: true, value: 'https://broker.snyk.io' }));
    expect(provider).toEqual({ snyk: [{}] });
    expect(json).not.toContain('planted-api-key-for-the-quickstart');
    expect(JSON.parse(json)).toMatchSnapshot();
  });
});
