import { Construct } from 'constructs';
import { join } from 'node:path';
import { Integration, Organization, SnykOutput, SnykProvider, UniversalBroker } from '../../src';
import { LocalBackend, TerraformOutput, TerraformStack, TerraformVariable } from '../../src/constructs/core';

/** The orgs whose classic GitHub Enterprise integration can move onto the Universal Broker connection. */
export type MigratingOrganization = 'platform' | 'legacy';

/** Properties of the Universal Broker example. */
export interface UniversalBrokerStackProps {
  /**
   * The orgs moved so far, org by org: add `platform`, deploy, then `legacy`, deploy.
   * @default $CDKTF_SNYK_UB_MIGRATED (comma separated), else none
   */
  readonly migrated?: readonly MigratingOrganization[];
  /**
   * The local state file.
   * @default $CDKTF_SNYK_UB_STATE, else .universal-broker/terraform.tfstate in the current folder
   */
  readonly statePath?: string;
}

function migratedFromEnvironment(): MigratingOrganization[] {
  const names = (process.env.CDKTF_SNYK_UB_MIGRATED ?? '').split(',').map((name) => name.trim());
  return names.filter((name): name is MigratingOrganization => name === 'platform' || name === 'legacy');
}

/**
 * Universal Broker as code: the Broker App installed in an admin org, one deployment with two credential references,
 * GitHub Enterprise and GitLab connections, a team org integrated, and a classic GitHub Enterprise token family
 * (platform and its clone in legacy) moved onto the connection org by org. The API key (a Tenant Admin's) is read
 * from SNYK_TOKEN at deploy time; the group and tenant from TF_VAR_snyk_group_id and TF_VAR_snyk_tenant_id.
 */
export class UniversalBrokerStack extends TerraformStack {
  public constructor(scope: Construct, id: string, props: UniversalBrokerStackProps = {}) {
    super(scope, id);
    new LocalBackend(this, {
      path: props.statePath ?? process.env.CDKTF_SNYK_UB_STATE ?? join(process.cwd(), '.universal-broker', 'terraform.tfstate'),
    });
    const snyk = new SnykProvider(this, 'Snyk');
    const groupId = new TerraformVariable(this, 'snyk_group_id', { type: 'string', description: 'The Snyk group of the orgs' }).stringValue;
    const tenantId = new TerraformVariable(this, 'snyk_tenant_id', { type: 'string', description: 'The Snyk tenant of that group' }).stringValue;

    const admin = new Organization(this, 'BrokerAdmin', { name: 'ub-broker-admin', groupId });
    const platform = new Organization(this, 'Platform', { name: 'ub-platform', groupId });
    const legacy = new Organization(this, 'Legacy', { name: 'ub-legacy', groupId });
    const teamA = new Organization(this, 'TeamA', { name: 'ub-team-a', groupId });

    // The classic world being migrated: one brokered integration and its clone share a classic Broker token.
    const classicGhe = new Integration(this, 'ClassicGhe', { organization: platform, type: 'github-enterprise', broker: true });
    const legacyGhe = classicGhe.cloneTo(legacy);

    const broker = new UniversalBroker(this, 'Broker', { tenantId, organization: admin, metadata: { deployment_name: 'main' }, provider: snyk });
    const gheToken = broker.addCredential('GHE_TOKEN', 'github-enterprise');
    const gitlabToken = broker.addCredential('GITLAB_TOKEN', 'gitlab', { comment: 'GitLab group access token' });
    const brokerClientUrl = 'https://snyk-broker.internal.example.com:8000';
    const ghe = broker.addConnection({
      type: 'github-enterprise',
      name: 'github-enterprise',
      configuration: { broker_client_url: brokerClientUrl, github: 'ghe.example.com', github_token: gheToken },
    });
    broker.addConnection({
      type: 'gitlab',
      name: 'gitlab',
      configuration: { broker_client_url: brokerClientUrl, gitlab: 'gitlab.example.com', gitlab_token: gitlabToken },
    });
    ghe.integrate(teamA);

    const migrated = props.migrated ?? migratedFromEnvironment();
    if (migrated.includes('platform')) ghe.adopt(classicGhe);
    if (migrated.includes('legacy')) ghe.adopt(legacyGhe);

    new SnykOutput(this, 'runtime_environment', {
      value: JSON.stringify(broker.runtimeEnvironment),
      description: 'Environment of the broker client (snyk/broker:universal), besides the credential variables',
    });
    new TerraformOutput(this, 'credential_variables', {
      value: broker.credentialVariableNames,
      description: 'The variables the broker client must receive, each holding a secret',
    });
    new SnykOutput(this, 'helm_values', {
      value: JSON.stringify(broker.helmValues({ credentialReferencesSecretName: 'snyk-broker-credentials' })),
      description: 'Values for the snyk-universal-broker Helm chart',
    });
    new TerraformOutput(this, 'organization_ids', {
      value: { admin: admin.organizationId, platform: platform.organizationId, legacy: legacy.organizationId, team_a: teamA.organizationId },
    });
  }
}
