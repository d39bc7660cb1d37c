import { familyOf, orgHcl, unwrapped, withSnykStack } from './support';

function integrationHcl(body: string): string {
  return `resource "snyk_integration" "scm" {
  organization_id = snyk_organization.platform.id
${body}}
output "broker_token" {
  value     = snyk_integration.scm.broker_token
  sensitive = true
}
`;
}

describe('snyk_integration with terraform', () => {
  test('brokered create captures the token; broker on from credentials captures one in place; destroy warns what stays', () =>
    withSnykStack(async (stack, group) => {
      const platform = orgHcl('platform', 'platform', group);
      stack.configure(platform + integrationHcl('  type = "github-enterprise"\n  broker = true\n'));
      await stack.apply();
      const brokered = await stack.resourceValues('snyk_integration.scm');
      expect((await stack.outputs()).broker_token).toEqual({ value: familyOf(stack.emulator, String(brokered.id))?.token, sensitive: true, type: 'string' });
      expect((await stack.plan()).code).toBe(0);

      stack.configure(platform + integrationHcl('  type = "gitlab"\n  credentials = { token = "glpat-planted-credential" }\n'));
      await stack.apply();
      const gitlab = await stack.resourceValues('snyk_integration.scm');
      expect(gitlab.broker_token).toBeNull();
      expect(stack.emulator.state().integrations.find((i) => i.id === gitlab.id)?.credentials).toEqual({ token: 'glpat-planted-credential' });

      stack.configure(platform + integrationHcl('  type = "gitlab"\n  broker = true\n'));
      const plan = await stack.plan();
      expect(plan.stdout).toContain('snyk_integration.scm will be updated in-place');
      expect(plan.stdout).not.toContain('glpat-planted-credential');
      await stack.apply();
      const nowBrokered = await stack.resourceValues('snyk_integration.scm');
      expect(nowBrokered.id).toBe(gitlab.id);
      expect(nowBrokered.broker_token).toBe(familyOf(stack.emulator, String(gitlab.id))?.token);
      expect((await stack.plan()).code).toBe(0);

      const destroy = await stack.workspace.mustTerraform(['destroy', '-auto-approve', '-no-color', '-target=snyk_integration.scm']);
      expect(destroy.stdout + destroy.stderr).toContain('Snyk cannot delete an integration');
      expect(stack.emulator.state().integrations.map((i) => i.id)).toContain(gitlab.id);
    }));

  test('bad types, missing credential fields and malformed ids fail at validate, naming the attribute', () =>
    withSnykStack(async (stack) => {
      stack.configure(`
resource "snyk_integration" "bad_type" {
  organization_id = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
  type            = "githubb"
  broker          = true
}
resource "snyk_integration" "missing_field" {
  organization_id = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
  type            = "github-enterprise"
  credentials     = { token = "x" }
}
resource "snyk_integration" "bad_org" {
  organization_id = "not-a-uuid"
  type            = "github"
  broker          = true
}
resource "snyk_integration" "no_credentials" {
  organization_id = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
  type            = "github"
}
`);
      await stack.init();
      const result = await stack.workspace.terraform(['validate', '-no-color']);
      expect(result.code).toBe(1);
      const output = unwrapped(result.stderr);
      expect(output).toMatch(/with snyk_integration\.bad_type, on main\.tf line \d+[\s\S]*type = "githubb"/);
      expect(output).toContain('Expected one of "github", "github-enterprise"');
      expect(output).toContain('Missing credential field "url"');
      expect(output).toMatch(/with snyk_integration\.bad_org,[\s\S]*organization_id = "not-a-uuid"[\s\S]*Expected a UUID/);
      expect(output).toMatch(/Missing credentials[\s\S]*github integration takes: token \(required\)/);
      expect(stack.emulator.requests()).toEqual([]);
    }));

  test('creating a type the org has fails with the import command; after import ORG/TYPE the broker is never enabled again, and snyk_broker_token gives a known token', () =>
    withSnykStack(async (stack, group) => {
      const org = stack.emulator.createOrg(group, 'existing');
      const added = await fetch(`${stack.emulator.url}/v1/org/${org.id}/integrations`, {
        method: 'POST',
        headers: { Authorization: `token ${stack.emulator.apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'github', broker: { enabled: true } }),
      });
      const { id: integrationId } = (await added.json()) as { id: string };
      const liveToken = familyOf(stack.emulator, integrationId)?.token;
      const importedHcl = `resource "snyk_integration" "gh" {
  organization_id = "${org.id}"
  type            = "github"
  broker          = true
}
output "token" {
  value     = snyk_integration.gh.broker_token
  sensitive = true
}
`;
      stack.configure(importedHcl);
      await stack.init();
      const clash = await stack.workspace.terraform(['apply', '-auto-approve', '-no-color']);
      expect(clash.code).toBe(1);
      expect(unwrapped(clash.stderr)).toContain(`terraform import <resource address> ${org.id}/github`);

      const imported = await stack.workspace.mustTerraform(['import', '-no-color', 'snyk_integration.gh', `${org.id}/github`]);
      expect(imported.stdout + imported.stderr).toContain('Broker token unknown after import');
      expect((await stack.resourceValues('snyk_integration.gh')).id).toBe(integrationId);
      stack.emulator.clearRequests();
      const applied = await stack.apply();
      expect(unwrapped(applied.stdout + applied.stderr)).toContain('Broker token not known');
      expect(unwrapped(applied.stdout + applied.stderr)).toContain('add a snyk_broker_token for this integration with activate = false');
      expect(stack.emulator.requests().filter((request) => request.method !== 'GET')).toEqual([]);
      expect(familyOf(stack.emulator, integrationId)?.token).toBe(liveToken);
      expect((await stack.resourceValues('snyk_integration.gh')).broker_token).toBeNull();
      expect((await stack.plan()).code).toBe(0);

      stack.configure(`${importedHcl}
resource "snyk_broker_token" "known" {
  organization_id = "${org.id}"
  integration_id  = snyk_integration.gh.id
  activate        = false
}
`);
      await stack.apply();
      const provisional = await stack.resourceValues('snyk_broker_token.known');
      expect(familyOf(stack.emulator, integrationId)).toMatchObject({ token: liveToken, provisionalToken: provisional.token });
    }));

  test('an integration replaced outside Terraform shows in the plan, its old token dropped; an organization deleted outside reads as gone', () =>
    withSnykStack(async (stack, group) => {
      stack.configure(orgHcl('platform', 'platform', group) + integrationHcl('  type = "github"\n  broker = true\n'));
      await stack.apply();
      const { id: oldId, organization_id: orgId } = await stack.resourceValues('snyk_integration.scm');
      await stack.editSnykOutsideTerraform((state) => ({ ...state, integrations: state.integrations.filter((integration) => integration.id !== oldId) }));
      const readded = await fetch(`${stack.emulator.url}/v1/org/${String(orgId)}/integrations`, {
        method: 'POST',
        headers: { Authorization: `token ${stack.emulator.apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'github', broker: { enabled: true } }),
      });
      const { id: newId } = (await readded.json()) as { id: string };

      const plan = await stack.plan();
      expect(plan.code).toBe(2);
      const planText = unwrapped(plan.stdout + plan.stderr);
      expect(planText).toContain('Integration replaced outside Terraform');
      expect(planText).toMatch(/snyk_integration\.scm will be updated in-place/);
      expect(planText).toMatch(/\+ broker = true \+ broker_token = \(sensitive value\)/);
      await stack.apply();
      const adopted = await stack.resourceValues('snyk_integration.scm');
      expect(adopted).toMatchObject({ id: newId, broker_token: null });
      expect((await stack.plan()).code).toBe(0);

      stack.configure(
        orgHcl('platform', 'platform', group) +
          orgHcl('team', 'team', group) +
          integrationHcl('  type = "github"\n  broker = true\n') +
          `resource "snyk_integration_clone" "team" {
  source_organization_id      = snyk_organization.platform.id
  source_integration_id       = snyk_integration.scm.id
  destination_organization_id = snyk_organization.team.id
}
resource "snyk_broker_token" "known" {
  organization_id = snyk_organization.platform.id
  integration_id  = snyk_integration.scm.id
}
`,
      );
      await stack.apply();
      const teamId = String((await stack.resourceValues('snyk_organization.team')).id);
      for (const org of [String(orgId), teamId]) {
        const deleted = await fetch(`${stack.emulator.url}/v1/org/${org}`, { method: 'DELETE', headers: { Authorization: `token ${stack.emulator.apiKey}` } });
        expect(deleted.status).toBe(204);
      }
      const gone = await stack.plan();
      expect(gone.code).toBe(2);
      for (const address of ['snyk_organization.platform', 'snyk_organization.team', 'snyk_integration.scm', 'snyk_integration_clone.team', 'snyk_broker_token.known']) {
        expect(gone.stdout).toContain(`${address} will be created`);
      }
      await stack.apply();
      const recreated = await stack.resourceValues('snyk_integration.scm');
      expect((await stack.resourceValues('snyk_broker_token.known')).token).toBe(familyOf(stack.emulator, String(recreated.id))?.token);
      expect((await stack.plan()).code).toBe(0);
    }));

  test('a brokered create that fails before its token is captured is taken over by the next apply: one integration, its token captured', () =>
    withSnykStack(async (stack, group) => {
      stack.configure(orgHcl('platform', 'platform', group) + integrationHcl('  type = "github"\n  broker = true\n'));
      await stack.init();
      // Snyk's POST answers {id} only; every PUT that would enable the broker fails, so the token is never seen.
      stack.emulator.addFault({ method: 'PUT', path: '/v1/org/*/integrations/*', respond: { status: 503 }, times: 100 });
      const failed = await stack.workspace.terraform(['apply', '-auto-approve', '-no-color']);
      expect(failed.code).toBe(1);
      const orgId = String((await stack.resourceValues('snyk_organization.platform')).id);
      expect((await stack.resourceValues('snyk_integration.scm')).id).toBeNull();

      stack.emulator.clearFaults();
      const plan = await stack.plan();
      expect(plan.stdout).toMatch(/snyk_integration\.scm is tainted, so must be replaced/);
      await stack.apply();
      const integrations = stack.emulator.state().integrations.filter((integration) => integration.orgId === orgId);
      expect(integrations).toHaveLength(1);
      const taken = await stack.resourceValues('snyk_integration.scm');
      expect(taken.id).toBe(integrations[0].id);
      expect(taken.broker_token).toBe(familyOf(stack.emulator, integrations[0].id)?.token);
      expect(stack.emulator.requests().filter((request) => request.method === 'POST' && request.path.endsWith('/integrations'))).toHaveLength(1);
      expect((await stack.plan()).code).toBe(0);
    }));

  test('settings are applied, read back, and drift in Snyk is planned away', () =>
    withSnykStack(async (stack, group) => {
      stack.configure(
        orgHcl('platform', 'platform', group) +
          integrationHcl('  type = "github"\n  broker = true\n  settings {\n    pull_request_test_enabled = false\n    auto_dep_upgrade_limit = 3\n  }\n'),
      );
      await stack.apply();
      const { id, organization_id: orgId } = await stack.resourceValues('snyk_integration.scm');
      expect(stack.emulator.state().integrations.find((i) => i.id === id)?.settings).toMatchObject({ pullRequestTestEnabled: false, autoDepUpgradeLimit: 3 });
      expect((await stack.plan()).code).toBe(0);

      await fetch(`${stack.emulator.url}/v1/org/${String(orgId)}/integrations/${String(id)}/settings`, {
        method: 'PUT',
        headers: { Authorization: `token ${stack.emulator.apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ pullRequestTestEnabled: true }),
      });
      const drift = await stack.plan();
      expect(drift.code).toBe(2);
      expect(drift.stdout).toMatch(/pull_request_test_enabled\s+= true -> false/);
      await stack.apply();
      expect(stack.emulator.state().integrations.find((i) => i.id === id)?.settings).toMatchObject({ pullRequestTestEnabled: false });
    }));

  test('refreshing several integrations of one org reads its type map once per plan', () =>
    withSnykStack(async (stack, group) => {
      const credentials = (fields: string) => `  credentials = { ${fields} }\n`;
      stack.configure(
        orgHcl('platform', 'platform', group) +
          ['github|token = "a"', 'gitlab|token = "b"', 'docker-hub|username = "c", password = "d"']
            .map((entry) => entry.split('|'))
            .map(([type, fields]) => `resource "snyk_integration" "${type.replace('-', '_')}" {\n  organization_id = snyk_organization.platform.id\n  type = "${type}"\n${credentials(fields)}}\n`)
            .join(''),
      );
      await stack.apply();
      const { id: orgId } = await stack.resourceValues('snyk_organization.platform');
      stack.emulator.clearRequests();
      expect((await stack.plan()).code).toBe(0);
      const typeMapReads = stack.emulator.requests().filter((request) => request.method === 'GET' && request.path === `/v1/org/${String(orgId)}/integrations`);
      expect(typeMapReads).toHaveLength(1);
    }));
});
