import { Construct } from 'constructs';
import { Integration, Organization, SnykOutput, SnykProvider } from '../../src';
import { join } from 'node:path';
import { LocalBackend, TerraformOutput, TerraformStack, TerraformVariable } from '../../src/constructs/core';

/** Change this value and deploy again to rotate the platform's Broker token (and so its whole token family's). */
export const BROKER_TOKEN_ROTATION = 'initial';

/**
 * The quickstart: a platform organization whose GitHub Enterprise integration goes through a broker, two team
 * organizations sharing its Broker token through clones, one organization created from the platform organization,
 * and a Broker token with a rotation trigger. The API key is read from SNYK_TOKEN at deploy time.
 */
/** Where the quickstart keeps its Terraform state. */
export interface QuickstartStackProps {
  /**
   * The local state file.
   * @default $CDKTF_SNYK_QUICKSTART_STATE, else .quickstart/terraform.tfstate in the current folder
   */
  readonly statePath?: string;
}

export class QuickstartStack extends TerraformStack {
  public constructor(scope: Construct, id: string, props: QuickstartStackProps = {}) {
    super(scope, id);
    new LocalBackend(this, {
      path: props.statePath ?? process.env.CDKTF_SNYK_QUICKSTART_STATE ?? join(process.cwd(), '.quickstart', 'terraform.tfstate'),
    });
    const snyk = new SnykProvider(this, 'Snyk');
    const groupId = new TerraformVariable(this, 'snyk_group_id', {
      type: 'string',
      description: 'The Snyk group the organizations live in (set TF_VAR_snyk_group_id)',
    }).stringValue;

    const platform = new Organization(this, 'Platform', { name: 'platform', groupId });
    const github = new Integration(this, 'GitHubEnterprise', { organization: platform, type: 'github-enterprise', broker: true });

    const payments = new Organization(this, 'TeamPayments', { name: 'team-payments', groupId });
    const search = new Organization(this, 'TeamSearch', { name: 'team-search', groupId });
    const paymentsGithub = github.cloneTo(payments);
    const searchGithub = github.cloneTo(search);

    const mobile = new Organization(this, 'TeamMobile', { name: 'team-mobile', groupId, sourceOrganization: platform });

    github.rotateBrokerToken({ trigger: BROKER_TOKEN_ROTATION });

    new SnykOutput(this, 'broker_token', { value: github.brokerToken, description: 'BROKER_TOKEN for the platform broker clients' });
    new SnykOutput(this, 'broker_server_url', { value: snyk.brokerServerUrl, description: 'BROKER_SERVER_URL for the region' });
    new TerraformOutput(this, 'organization_ids', {
      value: { platform: platform.organizationId, payments: payments.organizationId, search: search.organizationId, mobile: mobile.organizationId },
    });
    new TerraformOutput(this, 'integration_ids', {
      value: { platform: github.integrationId, payments: paymentsGithub.integrationId, search: searchGithub.integrationId },
    });
  }
}
