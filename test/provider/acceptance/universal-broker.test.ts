import { unwrapped, withSnykStack } from './support';
import {
  brokerIntegrationHcl,
  classicFamilyHcl,
  connectionRef,
  credentialHcl,
  installAndDeploymentHcl,
  outsideClient,
  scmConnectionHcl,
  shownResources,
  ubState,
} from './universal-broker-support';

const E2E_TIMEOUT_MS = 900_000;
/** Step 1 is the classic family (platform and legacy share a token); team_a and team_b get Universal Broker only. */
const EXTRA_ORGS = ['team_a', 'team_b'];

/** Step 2: Universal Broker beside it; the platform org's classic integration moves onto the GHE connection. */
function universalBrokerHcl(tenant: string): string {
  return [
    `locals {\n  tenant_id = "${tenant}"\n}\n`,
    installAndDeploymentHcl('  organization_id = snyk_app_install.broker.organization_id\n  metadata        = { deployment_name = "main", cluster = "eu-1" }\n'),
    credentialHcl('ghe_token', 'GHE_TOKEN', 'github-enterprise'),
    credentialHcl('gitlab_token', 'GITLAB_TOKEN', 'gitlab', '  comment = "GitLab group token"\n'),
    scmConnectionHcl('ghe', 'github-enterprise', 'ghe_token'),
    scmConnectionHcl('gitlab', 'gitlab', 'gitlab_token'),
    brokerIntegrationHcl(
      'platform_ghe',
      'ghe',
      'platform',
      '  integration_id = snyk_integration.classic_ghe.id\n  classic_family_organization_ids = [snyk_organization.platform.id, snyk_organization.legacy.id]\n',
    ),
    brokerIntegrationHcl('team_a_ghe', 'ghe', 'team_a'),
    brokerIntegrationHcl('team_b_gitlab', 'gitlab', 'team_b'),
    'output "client_secret" {\n  value     = snyk_app_install.broker.client_secret\n  sensitive = true\n}\n',
  ].join('');
}

describe('Universal Broker with terraform', () => {
  test(
    'install, deployment, credentials, GHE and GitLab connections, three org integrations (one adopting a classic one); drift; Snyk-ordered destroy',
    () =>
      withSnykStack(async (stack, group) => {
        const tenant = stack.emulator.defaultTenantId;
        stack.configure(classicFamilyHcl(group, EXTRA_ORGS));
        await stack.apply();
        const ids = await shownResources(stack);
        const orgId = (name: string) => String(ids.get(`snyk_organization.${name}`)?.values.id);
        const classicGhe = String(ids.get('snyk_integration.classic_ghe')?.values.id);

        stack.configure(classicFamilyHcl(group, EXTRA_ORGS) + universalBrokerHcl(tenant));
        const trace = { TF_LOG: 'trace' };
        const plan = await stack.workspace.mustTerraform(['plan', '-no-color'], trace);
        const planText = unwrapped(plan.stdout + plan.stderr);
        expect(planText).toContain('Organization leaves a classic Broker token family');
        expect(planText).toContain(`Organization ${orgId('platform')} leaves the classic Broker token family of github-enterprise integration ${classicGhe}`);
        expect(planText).toContain(`Still on that classic token: ${orgId('legacy')}`);

        const apply = await stack.workspace.mustTerraform(['apply', '-auto-approve', '-no-color'], trace);
        const state = ubState(stack);
        expect(state.installs).toHaveLength(1);
        expect(state.credentials).toHaveLength(2);
        expect(state.connections.map((connection) => connection.type).sort()).toEqual(['github-enterprise', 'gitlab']);
        expect(state.integrations.map((integration) => integration.orgId).sort()).toEqual([orgId('platform'), orgId('team_a'), orgId('team_b')].sort());
        expect(state.integrations.find((integration) => integration.orgId === orgId('platform'))?.id).toBe(classicGhe);

        // The client secret: in state, sensitive, equal to the emulator's; in no output or trace log.
        const resources = await shownResources(stack);
        const install = resources.get('snyk_app_install.broker');
        const emulatorSecret = state.installs[0]?.clientSecrets[0] as string;
        expect(install?.values.client_secret).toBe(emulatorSecret);
        expect(install?.sensitive_values.client_secret).toBe(true);
        expect((await stack.outputs()).client_secret).toMatchObject({ value: emulatorSecret, sensitive: true });
        const logs = [plan.stdout, plan.stderr, apply.stdout, apply.stderr].join('\n');
        expect(logs.length).toBeGreaterThan(10_000);
        expect(logs).not.toContain(emulatorSecret);

        // A second plan is empty.
        expect((await stack.plan()).code).toBe(0);

        // Drift: the GHE connection renamed outside Terraform shows as an in-place rename.
        const client = outsideClient(stack);
        const ghe = resources.get('snyk_broker_connection.ghe')?.values as Record<string, unknown>;
        const gheConnection = await client.getConnection(connectionRef(ghe));
        await client.updateConnection(connectionRef(ghe), {
          name: 'renamed-outside',
          configuration: { type: 'github-enterprise', required: { ...gheConnection?.configuration.required, github_token: String(resources.get('snyk_broker_deployment_credential.ghe_token')?.values.id) } } as never,
        });
        expect(gheConnection?.name).toBe('ghe');
        const renamed = await stack.plan();
        expect(renamed.code).toBe(2);
        expect(renamed.stdout).toMatch(/~ name\s+= "renamed-outside" -> "ghe"/);

        // Drift: the GitLab connection deleted outside (in Snyk's order) is planned again, with its integration.
        const gitlab = resources.get('snyk_broker_connection.gitlab')?.values as Record<string, unknown>;
        const teamB = resources.get('snyk_broker_integration.team_b_gitlab')?.values as Record<string, unknown>;
        await client.deleteConnectionIntegration(tenant, String(gitlab.id), String(teamB.organization_id), String(teamB.id));
        await client.deleteConnection(connectionRef(gitlab));
        const deleted = await stack.plan();
        expect(deleted.stdout).toContain('snyk_broker_connection.gitlab will be created');
        expect(deleted.stdout).toContain('snyk_broker_integration.team_b_gitlab will be created');
        await stack.apply();
        expect((await stack.plan()).code).toBe(0);
        expect(ubState(stack).connections.find((connection) => connection.type === 'github-enterprise')?.name).toBe('ghe');

        // Something outside Terraform on a managed connection blocks the destroy, with an error that says what.
        const gheId = String(ghe.id);
        const outsider = stack.emulator.createOrg(group, 'outsider');
        await client.createConnectionIntegration(tenant, gheId, outsider.id, { type: 'github-enterprise' });
        const blocked = await stack.workspace.terraform(['destroy', '-auto-approve', '-no-color']);
        expect(blocked.code).toBe(1);
        expect(unwrapped(blocked.stderr)).toContain('Snyk refused to delete the broker connection');
        expect(unwrapped(blocked.stderr)).toContain(`still integrated: ${outsider.id}`);

        // Once the outsider is disconnected, destroy succeeds, in the order Snyk enforces.
        const outsiderIntegration = ubState(stack).integrations.find((integration) => integration.orgId === outsider.id);
        await client.deleteConnectionIntegration(tenant, gheId, outsider.id, String(outsiderIntegration?.id));
        stack.emulator.clearRequests();
        await stack.workspace.mustTerraform(['destroy', '-auto-approve', '-no-color']);
        const after = ubState(stack);
        expect([after.installs, after.deployments, after.credentials, after.connections, after.integrations].map((list) => list.length)).toEqual([0, 0, 0, 0, 0]);
        const deletes = stack.emulator
          .requests()
          .filter((request) => request.method === 'DELETE' && request.path.startsWith('/rest/'))
          .map((request) => request.path.replace(/\/[0-9a-f-]{36}/g, '/ID'));
        const lastIndexOf = (suffix: string) => deletes.map((path) => path.endsWith(suffix)).lastIndexOf(true);
        const firstIndexOf = (suffix: string) => deletes.findIndex((path) => path.endsWith(suffix));
        expect(lastIndexOf('/integrations/ID')).toBeLessThan(firstIndexOf('/connections/ID'));
        expect(lastIndexOf('/connections/ID')).toBeLessThan(firstIndexOf('/credentials/ID'));
        expect(lastIndexOf('/credentials/ID')).toBeLessThan(firstIndexOf('/deployments/ID'));
        expect(lastIndexOf('/deployments/ID')).toBeLessThan(firstIndexOf('/apps/installs/ID'));
      }),
    E2E_TIMEOUT_MS,
  );
});
