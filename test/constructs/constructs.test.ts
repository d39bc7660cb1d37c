import { Construct } from 'constructs';
import { BrokerToken as BrokerTokenResource } from '../../src/generated/broker-token';
import { Integration as IntegrationResource } from '../../src/generated/integration';
import { IntegrationClone as IntegrationCloneResource } from '../../src/generated/integration-clone';
import { Organization as OrganizationResource } from '../../src/generated/organization';
import { SnykProvider as SnykProviderResource } from '../../src/generated/provider';
import {
  BrokerToken,
  Integration,
  IntegrationCredentials,
  Organization,
  SnykOutput,
  SnykProvider,
  SnykSecret,
} from '../../src';
import { Testing } from '../../src/constructs/core';
import { synth } from './helpers';

Testing.setupJest();

function platform(scope: Construct): { org: Organization; github: Integration } {
  const org = new Organization(scope, 'Platform', { name: 'platform', groupId: 'group-1' });
  const github = new Integration(scope, 'GitHub', { organization: org, type: 'github-enterprise', broker: true });
  return { org, github };
}

describe('SnykProvider', () => {
  it('leaves token, region and API URL to the environment at deploy time by default', () => {
    const json = synth((scope) => new SnykProvider(scope, 'Snyk'));
    expect(JSON.parse(json).provider).toEqual({ snyk: [{}] });
    expect(JSON.parse(json).terraform.required_providers.snyk.source).toBe('registry.terraform.io/cdktf-snyk/snyk');
  });

  it('writes a token only as the reference it is given', () => {
    const json = synth((scope) => new SnykProvider(scope, 'Snyk', { token: SnykSecret.fromEnvironment(scope, 'SNYK_API_KEY'), region: 'SNYK-EU-01' }));
    expect(json).toHaveProviderWithProperties(SnykProviderResource, { token: '${var.SNYK_API_KEY}', region: 'SNYK-EU-01' });
    expect(JSON.parse(json).variable.SNYK_API_KEY).toMatchObject({ sensitive: true, type: 'string' });
  });

  it('writes an OAuth access token only as the reference it is given, and no API key beside it', () => {
    const json = synth((scope) => new SnykProvider(scope, 'Snyk', { oauthToken: SnykSecret.fromEnvironment(scope, 'SNYK_ACCESS_TOKEN') }));
    expect(JSON.parse(json).provider).toEqual({ snyk: [{ oauth_token: '${var.SNYK_ACCESS_TOKEN}' }] });
    expect(JSON.parse(json).variable.SNYK_ACCESS_TOKEN).toMatchObject({ sensitive: true, type: 'string' });
  });

  it('knows the broker server URL of its region', () => {
    let url = '';
    Testing.synthScope((scope) => {
      url = new SnykProvider(scope, 'Snyk', { region: 'SNYK-EU-01' }).brokerServerUrl;
    });
    expect(url).toBe('https://broker.eu.snyk.io');
  });
});

describe('Organization', () => {
  it('synthesizes a snyk_organization', () => {
    const json = synth((scope) => new Organization(scope, 'Platform', { name: 'platform', groupId: 'group-1' }));
    expect(json).toHaveResourceWithProperties(OrganizationResource, { name: 'platform', group_id: 'group-1' });
    expect(JSON.parse(json)).toMatchSnapshot();
  });

  it('is created from a source organization after the source integrations exist', () => {
    const json = synth((scope) => {
      const { org } = platform(scope);
      new Organization(scope, 'Mobile', { name: 'mobile', sourceOrganization: org });
    });
    expect(json).toHaveResourceWithProperties(OrganizationResource, {
      name: 'mobile',
      source_organization_id: '${snyk_organization.Platform_DD5CC455.id}',
      depends_on: ['snyk_integration.GitHub_38B7EEC4'],
    });
  });

  it('refers to an existing organization by id without declaring it', () => {
    const json = synth((scope) => {
      const existing = Organization.fromOrganizationId(scope, 'Existing', 'org-existing');
      new Integration(scope, 'GitHub', { organization: existing, type: 'github-enterprise', broker: true });
    });
    expect(json).not.toHaveResource(OrganizationResource);
    expect(json).toHaveResourceWithProperties(IntegrationResource, { organization_id: 'org-existing' });
  });
});

describe('Integration', () => {
  it('synthesizes a brokered integration with no credentials', () => {
    const json = synth((scope) => platform(scope));
    expect(json).toHaveResourceWithProperties(IntegrationResource, { type: 'github-enterprise', broker: true });
    expect(JSON.parse(json)).toMatchSnapshot();
  });

  it('writes credentials as references to sensitive variables', () => {
    const json = synth((scope) => {
      const org = new Organization(scope, 'Org', { name: 'org' });
      new Integration(scope, 'GitHub', {
        organization: org,
        type: 'github-enterprise',
        credentials: IntegrationCredentials.fromFields({ token: SnykSecret.fromEnvironment(scope, 'GHE_TOKEN'), url: 'https://ghe.example.com' }),
        settings: { pullRequestTestEnabled: true, autoDepUpgradeIgnoredDependencies: ['lodash'] },
      });
    });
    expect(json).toHaveResourceWithProperties(IntegrationResource, {
      credentials: { token: '${var.GHE_TOKEN}', url: 'https://ghe.example.com' },
      settings: { pull_request_test_enabled: true, auto_dep_upgrade_ignored_dependencies: ['lodash'] },
    });
    expect(JSON.parse(json).variable.GHE_TOKEN).toMatchObject({ sensitive: true });
    expect(JSON.parse(json)).toMatchSnapshot();
  });

  it('refuses a plain string for a secret credential field', () => {
    expect(() => IntegrationCredentials.fromFields({ token: 'ghp_plain' })).toThrow(/"token" is a secret/);
  });

  it('exposes the captured Broker token as a reference', () => {
    const json = synth((scope) => {
      const { github } = platform(scope);
      new SnykOutput(scope, 'token', { value: github.brokerToken });
    });
    expect(JSON.parse(json).output.token).toEqual({ sensitive: true, value: '${snyk_integration.GitHub_38B7EEC4.broker_token}' });
  });

  it('has no Broker token when it is not brokered', () => {
    Testing.synthScope((scope) => {
      const org = new Organization(scope, 'Org', { name: 'org' });
      const github = new Integration(scope, 'GitHub', {
        organization: org,
        type: 'github',
        credentials: IntegrationCredentials.fromFields({ token: SnykSecret.fromEnvironment(scope, 'GH_TOKEN') }),
      });
      expect(() => github.brokerToken).toThrow(/stack\/GitHub: the integration is not brokered/);
    });
  });

  it('clones into other organizations, sharing the token family', () => {
    const json = synth((scope) => {
      const { github } = platform(scope);
      const team = new Organization(scope, 'Team', { name: 'team', groupId: 'group-1' });
      const clone = github.cloneTo(team);
      expect(clone.tokenFamily).toBe(github.tokenFamily);
      expect(clone.brokerToken).toBe(clone.tokenFamily.currentToken);
      expect(github.tokenFamily.members).toEqual([github, clone]);
      new SnykOutput(scope, 'team_token', { value: clone.brokerToken });
    });
    expect(json).toHaveResourceWithProperties(IntegrationCloneResource, {
      source_organization_id: '${snyk_organization.Platform_DD5CC455.id}',
      source_integration_id: '${snyk_integration.GitHub_38B7EEC4.id}',
      destination_organization_id: '${snyk_organization.Team_8E98563C.id}',
    });
    expect(JSON.parse(json).output.team_token.value).toBe('${snyk_integration.GitHub_38B7EEC4.broker_token}');
    expect(JSON.parse(json)).toMatchSnapshot();
  });

  it('rotates the Broker token; the family then uses the activated one', () => {
    const json = synth((scope) => {
      const { github } = platform(scope);
      const rotation = github.rotateBrokerToken({ trigger: '2025-01' });
      expect(rotation).toBeInstanceOf(BrokerToken);
      new SnykOutput(scope, 'token', { value: github.brokerToken });
      github.rotateBrokerToken({ trigger: '2025-02', activate: false });
      new SnykOutput(scope, 'token_after_provisional', { value: github.brokerToken });
    });
    expect(json).toHaveResourceWithProperties(BrokerTokenResource, { rotation_triggers: { trigger: '2025-01' } });
    expect(json).toHaveResourceWithProperties(BrokerTokenResource, { rotation_triggers: { trigger: '2025-02' }, activate: false });
    const outputs = JSON.parse(json).output;
    expect(outputs.token.value).toBe('${snyk_broker_token.GitHub_BrokerToken_3FC77990.token}');
    expect(outputs.token_after_provisional.value).toBe(outputs.token.value);
    expect(JSON.parse(json)).toMatchSnapshot();
  });

  it('rotates an existing integration, whose token is otherwise unknown', () => {
    const json = synth((scope) => {
      const existing = Integration.fromIntegrationId(scope, 'Existing', { organizationId: 'org-1', integrationId: 'int-1', type: 'github-enterprise' });
      expect(() => existing.brokerToken).toThrow(/cannot be read back/);
      const rotation = existing.rotateBrokerToken({ trigger: 'first' });
      expect(existing.brokerToken).toBe(rotation.token);
    });
    expect(json).toHaveResourceWithProperties(BrokerTokenResource, { organization_id: 'org-1', integration_id: 'int-1' });
  });
});

describe('SnykOutput', () => {
  it('is sensitive by default and may be made plain for values that are not secrets', () => {
    const json = synth((scope) => {
      const { org } = platform(scope);
      new SnykOutput(scope, 'org_id', { value: org.organizationId, sensitive: false });
    });
    expect(JSON.parse(json).output.org_id).toEqual({ sensitive: false, value: '${snyk_organization.Platform_DD5CC455.id}' });
  });
});
