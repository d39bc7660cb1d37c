import { BehaviorOverrides } from '../../../src/emulator';
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
/** team_b's GitLab integration exists before Universal Broker: its broker integration, which names none, must take it over. */
const TEAM_B_GITLAB = `resource "snyk_integration" "team_b_gitlab" {
  organization_id = snyk_organization.team_b.id
  type            = "gitlab"
  credentials     = { token = "glpat-planted-team-b-credential", url = "https://gitlab.example.com" }
}
`;

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

/** Where Snyk's documentation is silent, the emulator's other answers: the same flow must work under them too. */
const OTHER_BEHAVIOURS: BehaviorOverrides = {
  'ub-integrate-existing-type': 'refuse',
  'ub-delete-in-use-status': '400',
  'ub-credential-readback': 'id',
  'ub-links-next': 'rest-path',
  'ub-max-client-secrets': 'unlimited',
};

describe('Universal Broker with terraform', () => {
  test.each([
    ['the emulator defaults', {}],
    ['the other undocumented behaviours', OTHER_BEHAVIOURS],
  ])(
    'install, deployment, credentials, GHE and GitLab connections, three org integrations (one adopting a classic one); drift; Snyk-ordered destroy, under %s',
    (_, behaviours: BehaviorOverrides) =>
      withSnykStack(async (stack, group) => {
        stack.emulator.setBehaviors(behaviours);
        const tenant = stack.emulator.defaultTenantId;
        stack.configure((classicFamilyHcl(group, EXTRA_ORGS) + TEAM_B_GITLAB));
        await stack.apply();
        const ids = await shownResources(stack);
        const orgId = (name: string) => String(ids.get(`snyk_organization.${name}`)?.values.id);
        const classicGhe = String(ids.get('snyk_integration.classic_ghe')?.values.id);

        stack.configure((classicFamilyHcl(group, EXTRA_ORGS) + TEAM_B_GITLAB) + universalBrokerHcl(tenant));
        const trace = { TF_LOG: 'trace' };
        const plan = await stack.workspace.mustTerraform(['plan', '-no-color'], trace);
        const planText = unwrapped(plan.stdout + plan.stderr);
        expect(planText).toContain('Organization leaves a classic Broker token family');
        expect(planText).toContain(`Organization ${orgId('platform')} leaves the classic Broker token family of github-enterprise integration ${classicGhe}`);
        expect(planText).toContain(`Still on that classic token: ${orgId('legacy')}`);
        expect(planText).toContain('Snyk allows one integration per type per org, and its v1 API cannot delete one');
        expect(planText).toContain(`Organization ${orgId('team_b')} already has a gitlab integration (${ids.get('snyk_integration.team_b_gitlab')?.values.id})`);

        const apply = await stack.workspace.mustTerraform(['apply', '-auto-approve', '-no-color'], trace);
        const state = ubState(stack);
        expect(state.installs).toHaveLength(1);
        expect(state.credentials).toHaveLength(2);
        expect(state.connections.map((connection) => connection.type).sort()).toEqual(['github-enterprise', 'gitlab']);
        expect(state.integrations.map((integration) => integration.orgId).sort()).toEqual([orgId('platform'), orgId('team_a'), orgId('team_b')].sort());
        expect(state.integrations.find((integration) => integration.orgId === orgId('platform'))?.id).toBe(classicGhe);
        expect(state.integrations.find((integration) => integration.orgId === orgId('team_b'))?.id).toBe(ids.get('snyk_integration.team_b_gitlab')?.values.id);

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
        expect(logs).not.toContain('glpat-planted-team-b-credential');

        // A second plan is empty, and lists each connection's integrations once, however many it serves (ghe serves two).
        stack.emulator.clearRequests();
        expect((await stack.plan()).code).toBe(0);
        const integrationListings = stack.emulator
          .requests()
          .filter((request) => request.method === 'GET' && /\/brokers\/connections\/[^/]+\/integrations$/.test(request.path))
          .map((request) => request.path);
        const listingOf = (connection: string) => `/rest/tenants/${tenant}/brokers/connections/${resources.get(`snyk_broker_connection.${connection}`)?.values.id}/integrations`;
        expect(integrationListings.sort()).toEqual([listingOf('ghe'), listingOf('gitlab')].sort());

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
