import { BROKER_CONNECTION_TYPE_NAMES, BrokerConnectionType, connectionVariants, credentialFieldsOf } from '../../../src/snyk/universal-broker';
import { configurationKeyOf } from '../../../src/snyk/universal-broker/connection-types';
import { orgHcl, unwrapped, withSnykStack } from './support';
import { brokerIntegrationHcl, classicFamilyHcl, credentialHcl, installAndDeploymentHcl, scmConnectionHcl, shownResources, ubState } from './universal-broker-support';

const TIMEOUT_MS = 600_000;

function installHcl(group: string, options: { trigger: string; mode?: string; retire?: boolean }): string {
  return `${orgHcl('broker-admin', 'admin', group)}
resource "snyk_app_install" "broker" {
  organization_id          = snyk_organization.admin.id
  secret_rotation_triggers = { rotated = "${options.trigger}" }
  secret_rotation_mode     = "${options.mode ?? 'create'}"
  retire_previous_secret   = ${options.retire ?? false}
}
`;
}

const SHARED = [installAndDeploymentHcl(), credentialHcl('ghe_token', 'GHE_TOKEN', 'github-enterprise'), scmConnectionHcl('ghe', 'github-enterprise', 'ghe_token')].join('');

function familyHcl(group: string, tenant: string): string {
  return `${classicFamilyHcl(group)}
locals {
  tenant_id = "${tenant}"
  family    = [snyk_organization.platform.id, snyk_organization.legacy.id]
}
`;
}

const MIGRATION = `${SHARED}
${brokerIntegrationHcl('platform', 'ghe', 'platform', '  integration_id = snyk_integration.classic_ghe.id\n  classic_family_organization_ids = local.family\n')}
${brokerIntegrationHcl('legacy', 'ghe', 'legacy', '  integration_id = snyk_integration_clone.legacy_ghe.id\n  classic_family_organization_ids = local.family\n')}
data "snyk_broker_deployments" "tenant" {
  tenant_id  = local.tenant_id
  depends_on = [snyk_broker_deployment.main]
}
data "snyk_broker_deployments" "by_install_in_admin_org" {
  tenant_id       = local.tenant_id
  app_install_id  = snyk_app_install.broker.id
  organization_id = snyk_organization.admin.id
  depends_on      = [snyk_broker_deployment.main]
}
data "snyk_broker_deployments" "in_legacy_org" {
  tenant_id       = local.tenant_id
  organization_id = snyk_organization.legacy.id
  depends_on      = [snyk_broker_deployment.main]
}
output "deployment_counts" {
  value = [length(data.snyk_broker_deployments.by_install_in_admin_org.deployments), length(data.snyk_broker_deployments.in_legacy_org.deployments)]
}
data "snyk_broker_connections" "tenant" {
  tenant_id  = local.tenant_id
  depends_on = [snyk_broker_connection.ghe]
}
data "snyk_broker_connections" "legacy" {
  organization_id = snyk_organization.legacy.id
  depends_on      = [snyk_broker_integration.legacy]
}
output "deployment_ids" {
  value = [for d in data.snyk_broker_deployments.tenant.deployments : d.id]
}
output "tenant_connections" {
  value = [for c in data.snyk_broker_connections.tenant.connections : "\${c.name}:\${c.type}:\${c.app_install_id}"]
}
output "legacy_connections" {
  value = [for c in data.snyk_broker_connections.legacy.connections : c.id]
}
`;

describe('Universal Broker lifecycle with terraform', () => {
  test(
    'client secret rotation: "create" keeps both secrets until retired; "replace" warns that running clients stop; secrets never printed',
    () =>
      withSnykStack(async (stack, group) => {
        const secrets = () => ubState(stack).installs[0]?.clientSecrets ?? [];
        const values = async () => (await shownResources(stack)).get('snyk_app_install.broker')?.values ?? {};
        const outputs: string[] = [];
        const run = async (hcl: string) => {
          stack.configure(hcl);
          const plan = await stack.plan();
          const apply = await stack.apply();
          outputs.push(plan.stdout, plan.stderr, apply.stdout, apply.stderr);
          return unwrapped(plan.stdout + plan.stderr);
        };

        await run(installHcl(group, { trigger: '1' }));
        const first = String((await values()).client_secret);
        expect(secrets()).toEqual([first]);

        const rotate = await run(installHcl(group, { trigger: '2' }));
        expect(rotate).not.toContain('running broker clients stop');
        const rotated = await values();
        expect(rotated.previous_client_secret).toBe(first);
        expect(rotated.client_secret).not.toBe(first);
        expect(secrets()).toEqual([first, rotated.client_secret]);
        expect((await stack.plan()).code).toBe(0);

        // Rotating again before retiring: the secret from two rotations ago goes first (Snyk may hold only two).
        const again = await run(installHcl(group, { trigger: '2b' }));
        expect(again).toContain('The secret from before the last rotation is deleted');
        const rotatedAgain = await values();
        expect(rotatedAgain.previous_client_secret).toBe(rotated.client_secret);
        expect(secrets()).toEqual([rotated.client_secret, rotatedAgain.client_secret]);

        const retire = await run(installHcl(group, { trigger: '2b', retire: true }));
        expect(retire).toContain('The previous client secret is deleted');
        expect((await values()).previous_client_secret).toBeNull();
        expect(secrets()).toEqual([rotatedAgain.client_secret]);
        expect((await stack.plan()).code).toBe(0);

        const replace = await run(installHcl(group, { trigger: '3', mode: 'replace', retire: true }));
        expect(replace).toContain('Client secret replaced: running broker clients stop');
        const replaced = await values();
        expect(secrets()).toEqual([replaced.client_secret]);
        expect(replaced.client_secret).not.toBe(rotatedAgain.client_secret);

        const printed = outputs.join('\n');
        for (const secret of [first, rotated.client_secret, rotatedAgain.client_secret, replaced.client_secret]) expect(printed).not.toContain(String(secret));
      }),
    TIMEOUT_MS,
  );

  test(
    'the last org of a classic family leaving is warned; data sources list by tenant and by org; every resource imports and plans empty',
    () =>
      withSnykStack(async (stack, group) => {
        const tenant = stack.emulator.defaultTenantId;
        stack.configure(familyHcl(group, tenant));
        await stack.apply();
        stack.configure(familyHcl(group, tenant) + MIGRATION);
        const plan = unwrapped((await stack.plan()).stdout);
        expect(plan).toContain('Last organization leaves a classic Broker token family');
        expect(plan).toContain('the classic broker client can be retired');
        await stack.apply();

        const resources = await shownResources(stack);
        const value = (address: string, attribute = 'id') => String(resources.get(address)?.values[attribute]);
        const outputs = await stack.outputs();
        expect(outputs.deployment_ids?.value).toEqual([value('snyk_broker_deployment.main')]);
        expect(outputs.tenant_connections?.value).toEqual([`ghe:github-enterprise:${value('snyk_app_install.broker')}`]);
        expect(outputs.legacy_connections?.value).toEqual([value('snyk_broker_connection.ghe')]);
        expect(outputs.deployment_counts?.value).toEqual([1, 0]);
        expect((await stack.plan()).code).toBe(0);

        // Forget every Universal Broker resource, then import each one back.
        const addresses = [
          'snyk_app_install.broker',
          'snyk_broker_deployment.main',
          'snyk_broker_deployment_credential.ghe_token',
          'snyk_broker_connection.ghe',
          'snyk_broker_integration.platform',
          'snyk_broker_integration.legacy',
        ];
        await stack.workspace.mustTerraform(['state', 'rm', ...addresses]);
        const install = value('snyk_app_install.broker');
        const deployment = value('snyk_broker_deployment.main');
        const connection = value('snyk_broker_connection.ghe');
        const importIds = [
          `${value('snyk_organization.admin')}/${install}`,
          `${deployment},${tenant},${install}`, // the form pavel-snyk/snyk uses
          `${tenant}/${install}/${deployment}/${value('snyk_broker_deployment_credential.ghe_token')}`,
          `${tenant}/${install}/${deployment}/${connection}`,
          `${tenant}/${connection}/${value('snyk_broker_integration.platform')}`,
          `${tenant}/${connection}/${value('snyk_broker_integration.legacy')}`,
        ];
        const imports = addresses.map((address, index) => `import {\n  to = ${address}\n  id = "${importIds[index]}"\n}\n`).join('');
        stack.configure(familyHcl(group, tenant) + MIGRATION + imports);
        stack.emulator.clearRequests();
        const importPlan = await stack.plan();
        expect(importPlan.stdout).toContain('6 to import, 0 to add');
        // Importing and reading both integrations of the connection share one listing of its integrations.
        const integrationListings = stack.emulator.requests().filter((request) => request.method === 'GET' && request.path.endsWith(`/brokers/connections/${connection}/integrations`));
        expect(integrationListings).toHaveLength(1);
        expect(importPlan.stdout).toContain('0 to destroy');
        expect(unwrapped(importPlan.stdout)).toContain('Client secret unknown after import');
        await stack.apply();
        expect((await stack.plan()).code).toBe(0);
        const reimported = await shownResources(stack);
        expect(reimported.get('snyk_broker_connection.ghe')?.values.configuration).toEqual(resources.get('snyk_broker_connection.ghe')?.values.configuration);
        expect(reimported.get('snyk_app_install.broker')?.values.client_secret).toBeNull();
      }),
    TIMEOUT_MS,
  );

  test(
    'plan checks what only Snyk knows: a credential reference of another type, an integration to move that the org does not have',
    () =>
      withSnykStack(async (stack, group) => {
        const tenant = stack.emulator.defaultTenantId;
        const base = familyHcl(group, tenant) + SHARED + credentialHcl('gitlab_token', 'GITLAB_TOKEN', 'gitlab');
        stack.configure(base);
        await stack.apply();
        const wrongCredential = scmConnectionHcl('wrong', 'github-enterprise', 'gitlab_token');
        const wrongIntegration = brokerIntegrationHcl('wrong', 'ghe', 'platform', '  integration_id = snyk_integration_clone.legacy_ghe.id\n');
        stack.configure(base + wrongCredential + wrongIntegration);
        const plan = await stack.workspace.terraform(['plan', '-no-color']);
        expect(plan.code).toBe(1);
        const output = unwrapped(plan.stderr);
        expect(output).toMatch(/Credential reference of another connection type[\s\S]*with snyk_broker_connection\.wrong[\s\S]*serves gitlab connections, not github-enterprise/);
        expect(output).toMatch(/Integration to move not found[\s\S]*with snyk_broker_integration\.wrong[\s\S]*the organization has no such integration/);
        expect(ubState(stack).connections.map((connection) => connection.name)).toEqual(['ghe']);
      }),
    TIMEOUT_MS,
  );

  test(
    'deployment metadata, a credential reference\'s variable name and comment, and a connection\'s configuration change in place',
    () =>
      withSnykStack(async (stack, group) => {
        const hcl = (cluster: string, variable: string, comment: string, host: string) =>
          `${orgHcl('broker-admin', 'admin', group)}locals {\n  tenant_id = "${stack.emulator.defaultTenantId}"\n}\n` +
          installAndDeploymentHcl(`  metadata = { cluster = "${cluster}" }\n`) +
          credentialHcl('ghe_token', variable, 'github-enterprise', `  comment = "${comment}"\n`) +
          scmConnectionHcl('ghe', 'github-enterprise', 'ghe_token').replace('ghe.example.com', host);
        stack.configure(hcl('eu-1', 'GHE_TOKEN', 'first', 'ghe.example.com'));
        await stack.apply();
        const before = ubState(stack);

        stack.configure(hcl('eu-2', 'GHE_TOKEN_2', 'second', 'ghe2.example.com'));
        const plan = await stack.plan();
        expect(plan.stdout).toContain('0 to add, 3 to change, 0 to destroy');
        await stack.apply();
        const after = ubState(stack) as unknown as {
          deployments: Array<{ id: string; metadata: Record<string, string> }>;
          credentials: Array<{ id: string; environmentVariableName: string; comment: string | null }>;
          connections: Array<{ id: string; required: Record<string, string> }>;
        };
        expect(after.deployments.map((deployment) => [deployment.id, deployment.metadata])).toEqual([[before.deployments[0]?.id, { cluster: 'eu-2' }]]);
        expect(after.credentials.map((credential) => [credential.id, credential.environmentVariableName, credential.comment])).toEqual([
          [before.credentials[0]?.id, 'GHE_TOKEN_2', 'second'],
        ]);
        expect(after.connections.map((connection) => [connection.id, connection.required.github])).toEqual([[before.connections[0]?.id, 'ghe2.example.com']]);
        expect((await stack.plan()).code).toBe(0);
      }),
    TIMEOUT_MS,
  );

  test('every connection type of Snyk\'s table validates with its required fields, and fails without one of them', () =>
    withSnykStack(async (stack) => {
      const uuid = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
      const connection = (name: string, type: string, fields: readonly string[]) => `resource "snyk_broker_connection" "${name}" {
  tenant_id            = "${uuid}"
  app_install_id       = "${uuid}"
  broker_deployment_id = "${uuid}"
  name                 = "${name}"
  type                 = "${type}"
  configuration = {
${fields.map((field) => `    ${configurationKeyOf(field)} = "${field.endsWith('_id') || credentialFieldsOf(type as BrokerConnectionType).includes(field) ? uuid : `${field}-value`}"`).join('\n')}
  }
}
`;
      const complete = BROKER_CONNECTION_TYPE_NAMES.map((type) => connection(type.replace(/-/g, '_'), type, connectionVariants(type)[0]?.fields ?? []));
      stack.configure(complete.join(''));
      await stack.init();
      expect((await stack.workspace.terraform(['validate', '-no-color'])).code).toBe(0);

      const incomplete = BROKER_CONNECTION_TYPE_NAMES.map((type) => connection(type.replace(/-/g, '_'), type, (connectionVariants(type)[0]?.fields ?? []).slice(1)));
      stack.configure(incomplete.join(''));
      const result = await stack.workspace.terraform(['validate', '-no-color']);
      expect(result.code).toBe(1);
      const output = unwrapped(result.stderr);
      for (const type of BROKER_CONNECTION_TYPE_NAMES) expect(output).toContain(`Missing configuration for a ${type} connection`);
      expect(stack.emulator.requests()).toEqual([]);
    }));

  test('bad input fails at validate, naming the attribute, before any Snyk call', () =>
    withSnykStack(async (stack) => {
      const uuid = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
      stack.configure(`
resource "snyk_broker_connection" "missing" {
  tenant_id            = "${uuid}"
  app_install_id       = "${uuid}"
  broker_deployment_id = "${uuid}"
  name                 = "gitlab"
  type                 = "gitlab"
  configuration = {
    broker_client_url          = "https://broker.example.com"
    gitlab_token_credential_id = "${uuid}"
  }
}
resource "snyk_broker_connection" "secret_value" {
  tenant_id            = "${uuid}"
  app_install_id       = "${uuid}"
  broker_deployment_id = "${uuid}"
  name                 = "ghe"
  type                 = "github-enterprise"
  configuration = {
    broker_client_url          = "https://broker.example.com"
    github_hostname            = "ghe.example.com"
    github_token_credential_id = "ghp_plantedSecretValue0123456789abcdef"
  }
}
resource "snyk_broker_connection" "secret_in_plain_field" {
  tenant_id            = "${uuid}"
  app_install_id       = "${uuid}"
  broker_deployment_id = "${uuid}"
  name                 = "registry"
  type                 = "docker-hub"
  configuration = {
    broker_client_url           = "https://broker.example.com"
    cr_agent_url                = "https://agent.example.com"
    cr_base                     = "registry.example.com"
    cr_username                 = "https://bot:hunter2-planted@registry.example.com"
    cr_password_credential_id   = "${uuid}"
    gitlab_hostname             = "gitlab.example.com"
  }
}
resource "snyk_broker_connection" "misspelled" {
  tenant_id            = "${uuid}"
  app_install_id       = "${uuid}"
  broker_deployment_id = "${uuid}"
  name                 = "ghe"
  type                 = "github-enterprise"
  configuration = {
    broker_client_url          = "https://broker.example.com"
    github_hostname            = "ghe.example.com"
    github_hostnam             = "typo.example.com"
    github_token_credential_id = "${uuid}"
  }
}
resource "snyk_broker_connection" "api_field_name" {
  tenant_id            = "${uuid}"
  app_install_id       = "${uuid}"
  broker_deployment_id = "${uuid}"
  name                 = "ghe"
  type                 = "github-enterprise"
  configuration = {
    broker_client_url          = "https://broker.example.com"
    github_hostname            = "ghe.example.com"
    github_token               = "ghp_plantedUnderApiFieldName0123456789"
  }
}
resource "snyk_broker_connection" "bad_type" {
  tenant_id            = "${uuid}"
  app_install_id       = "${uuid}"
  broker_deployment_id = "${uuid}"
  name                 = "x"
  type                 = "gitlabb"
  configuration        = {}
}
resource "snyk_broker_deployment_credential" "bad" {
  tenant_id                 = "${uuid}"
  app_install_id            = "${uuid}"
  broker_deployment_id      = "${uuid}"
  environment_variable_name = "1-BAD NAME"
  broker_connection_type    = "svn"
}
resource "snyk_app_install" "bad" {
  organization_id      = "${uuid}"
  secret_rotation_mode = "rotate"
}
resource "snyk_broker_integration" "bad" {
  tenant_id            = "not-a-tenant"
  broker_connection_id = "${uuid}"
  organization_id      = "${uuid}"
  type                 = "gitlab"
}
`);
      await stack.init();
      const result = await stack.workspace.terraform(['validate', '-no-color']);
      expect(result.code).toBe(1);
      const output = unwrapped(result.stderr);
      expect(output).toMatch(/Missing configuration for a gitlab connection[\s\S]*Set gitlab_hostname/);
      expect(output).toMatch(/A secret value in configuration\.github_token_credential_id[\s\S]*with snyk_broker_connection\.secret_value/);
      expect(output).toContain('configuration.cr_username looks like a secret');
      expect(output).toContain('docker-hub connections do not take gitlab_hostname');
      // A misspelled key is not dropped on the way to the provider (as an object attribute's would be): it is an error
      // naming the key, the near miss and the keys the type takes.
      expect(output).toMatch(
        /Unknown key "github_hostnam" in configuration with snyk_broker_connection\.misspelled,[\s\S]*github_hostnam += "typo\.example\.com"[\s\S]*Did you mean "github_hostname"\? A github-enterprise connection takes: broker_client_url, github_hostname, github_token_credential_id\./,
      );
      expect(output).toMatch(/with snyk_broker_connection\.bad_type,[\s\S]*Expected one of "github"/);
      expect(output).toMatch(/with snyk_broker_deployment_credential\.bad,[\s\S]*environment_variable_name = "1-BAD NAME"[\s\S]*Expected an environment variable name/);
      expect(output).toMatch(/broker_connection_type = "svn"/);
      expect(output).toMatch(/secret_rotation_mode = "rotate"[\s\S]*Expected one of "create", "replace"/);
      expect(output).toMatch(/with snyk_broker_integration\.bad,[\s\S]*tenant_id = "not-a-tenant"[\s\S]*Expected a UUID/);
      expect(output).not.toContain('ghp_plantedSecretValue0123456789abcdef');
      expect(output).not.toContain('hunter2-planted');
      // A secret under a key no type takes (here the API's field name) is refused, and the credential reference reported
      // missing, without Terraform quoting the secret's line or the configuration holding it.
      expect(output).toMatch(/Unknown key "github_token" in configuration with snyk_broker_connection\.api_field_name/);
      expect(output).toMatch(/Missing configuration for a github-enterprise connection with snyk_broker_connection\.api_field_name/);
      expect(output).not.toContain('ghp_plantedUnderApiFieldName');
      expect(stack.emulator.requests()).toEqual([]);
    }));
});
