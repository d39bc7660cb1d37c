import { Integration, IntegrationCredentials, Organization, SnykOutput, SnykProvider, SnykSecret } from '../../src';
import { TerraformVariable } from '../../src/constructs/core';
import { PLANTED_SECRETS, validationErrors, withPlantedSecrets } from './helpers';

describe('synth-time validation', () => {
  it('names the path of an integration of an unknown type', () => {
    const errors = validationErrors((scope) => {
      const org = new Organization(scope, 'Org', { name: 'org' });
      new Integration(scope, 'Scm', { organization: org, type: 'github-enterprize', broker: true });
    });
    expect(errors).toEqual([expect.stringMatching(/^\[stack\/Scm\] "github-enterprize" is not an integration type the API can create; accepted: github, github-enterprise, /)]);
  });

  it('names each missing credential field, never a value', () => {
    const errors = withPlantedSecrets(() =>
      validationErrors((scope) => {
        const org = new Organization(scope, 'Org', { name: 'org' });
        new Integration(scope, 'GitHub', {
          organization: org,
          type: 'github-enterprise',
          credentials: IntegrationCredentials.fromFields({ token: SnykSecret.unsafePlainText(PLANTED_SECRETS.TF_VAR_GHE_TOKEN), host: 'ghe' }),
        });
      }),
    );
    expect(errors).toEqual([
      '[stack/GitHub] github-enterprise credentials need "url" (accepted: token (required), url (required))',
      '[stack/GitHub] github-enterprise credentials take no "host" (accepted: token (required), url (required))',
    ]);
    expect(errors.join('\n')).not.toContain(PLANTED_SECRETS.TF_VAR_GHE_TOKEN);
  });

  it('refuses an integration without a broker and without credentials', () => {
    const errors = validationErrors((scope) => {
      const org = new Organization(scope, 'Org', { name: 'org' });
      new Integration(scope, 'GitLab', { organization: org, type: 'gitlab' });
    });
    expect(errors).toEqual(['[stack/GitLab] A gitlab integration without a broker (broker: false) needs credentials']);
  });

  it('refuses a clone into the organization it comes from', () => {
    const errors = validationErrors((scope) => {
      const org = new Organization(scope, 'Platform', { name: 'platform' });
      const github = new Integration(scope, 'GitHub', { organization: org, type: 'github-enterprise', broker: true });
      github.cloneTo(org);
    });
    expect(errors).toEqual([
      '[stack/GitHub/CloneTo-Platform] An integration cannot be cloned into its own organization (stack/Platform): choose another destination organization',
    ]);
  });

  it('refuses a clone into an existing organization with the same id', () => {
    const errors = validationErrors((scope) => {
      const github = Integration.fromIntegrationId(scope, 'GitHub', { organizationId: 'org-1', integrationId: 'int-1', type: 'github' });
      github.cloneTo(Organization.fromOrganizationId(scope, 'Same', 'org-1'));
    });
    expect(errors).toEqual([expect.stringMatching(/^\[stack\/GitHub\/CloneTo-Same\] An integration cannot be cloned into its own organization/)]);
  });

  it('refuses an unknown region', () => {
    const errors = validationErrors((scope) => new SnykProvider(scope, 'Snyk', { region: 'SNYK-MARS-01', alias: 'mars' }));
    expect(errors).toEqual([expect.stringMatching(/^\[stack\/Snyk\] Unknown Snyk region "SNYK-MARS-01"; accepted: SNYK-US-01/)]);
  });

  it('refuses an API key and an OAuth access token together, naming the provider construct', () => {
    const errors = validationErrors((scope) => {
      new SnykProvider(scope, 'Snyk', { token: SnykSecret.fromEnvironment(scope, 'SNYK_API_KEY'), oauthToken: SnykSecret.fromEnvironment(scope, 'SNYK_ACCESS_TOKEN'), alias: 'both' });
    });
    expect(errors).toEqual([expect.stringMatching(/^\[stack\/Snyk\] Give either token .* or oauthToken .*, not both/)]);
  });

  it('takes an OAuth access token alone', () => {
    expect(validationErrors((scope) => new SnykProvider(scope, 'Snyk', { oauthToken: SnykSecret.fromEnvironment(scope, 'SNYK_ACCESS_TOKEN'), alias: 'oauth' }))).toEqual([]);
  });

  it('refuses a non-sensitive output that carries a Broker token', () => {
    const errors = validationErrors((scope) => {
      const org = new Organization(scope, 'Org', { name: 'org' });
      const github = new Integration(scope, 'GitHub', { organization: org, type: 'github-enterprise', broker: true });
      new SnykOutput(scope, 'token', { value: github.brokerToken, sensitive: false });
    });
    expect(errors).toEqual([expect.stringMatching(/^\[stack\/token\] The output refers to the secret snyk_integration\.GitHub_\w+\.broker_token/)]);
  });

  it('does not validate values known only at deploy time', () => {
    const errors = validationErrors((scope) => {
      const type = new TerraformVariable(scope, 'type', { type: 'string' }).stringValue;
      const orgId = new TerraformVariable(scope, 'org', { type: 'string' }).stringValue;
      const source = Organization.fromOrganizationId(scope, 'Source', orgId);
      const github = new Integration(scope, 'Scm', { organization: source, type });
      github.cloneTo(Organization.fromOrganizationId(scope, 'Destination', orgId));
    });
    expect(errors).toEqual([]);
  });

  it('accepts a valid app', () => {
    const errors = validationErrors((scope) => {
      new SnykProvider(scope, 'Snyk', { region: 'SNYK-EU-01', alias: 'eu' });
      const platform = new Organization(scope, 'Platform', { name: 'platform' });
      const team = new Organization(scope, 'Team', { name: 'team' });
      const github = new Integration(scope, 'GitHub', { organization: platform, type: 'github-enterprise', broker: true });
      github.cloneTo(team);
      github.rotateBrokerToken({ trigger: 'now' });
    });
    expect(errors).toEqual([]);
  });
});
