import { brokeredIntegrationHcl, orgHcl, withSnykStack } from './support';

const brokeredGhe = brokeredIntegrationHcl('ghe', 'platform');

describe('snyk_organization with terraform', () => {
  test('create, plan with no changes, rename in place through REST, replace on a new group_id, destroy', () =>
    withSnykStack(async (stack, group) => {
      stack.configure(orgHcl('platform', 'platform', group));
      await stack.apply();
      const created = await stack.resourceValues('snyk_organization.platform');
      expect(stack.emulator.state().orgs.find((org) => org.id === created.id)).toMatchObject({ name: 'platform', groupId: group });
      expect(created.slug).toEqual(expect.any(String));
      expect((await stack.plan()).code).toBe(0);

      stack.configure(orgHcl('platform-renamed', 'platform', group));
      expect((await stack.plan()).stdout).toContain('will be updated in-place');
      await stack.apply();
      const renamed = await stack.resourceValues('snyk_organization.platform');
      expect(renamed.id).toBe(created.id);
      expect(stack.emulator.state().orgs.find((org) => org.id === created.id)?.name).toBe('platform-renamed');
      expect(stack.emulator.requests()).toContainEqual(expect.objectContaining({ method: 'PATCH', path: `/rest/orgs/${String(created.id)}`, status: 200 }));

      const other = stack.emulator.createGroup('other');
      stack.configure(orgHcl('platform-renamed', 'platform', other.id));
      expect((await stack.plan()).stdout).toMatch(/group_id\s+= "[^"]+" -> "[^"]+" # forces replacement/);
      await stack.apply();
      const replaced = await stack.resourceValues('snyk_organization.platform');
      expect(replaced.id).not.toBe(created.id);
      expect(stack.emulator.state().orgs.map((org) => org.id)).not.toContain(created.id);

      await stack.workspace.mustTerraform(['destroy', '-auto-approve', '-no-color']);
      expect(stack.emulator.state().orgs.map((org) => org.id)).not.toContain(replaced.id);
    }));

  test('an org deleted outside Terraform is planned for creation again', () =>
    withSnykStack(async (stack, group) => {
      stack.configure(orgHcl('platform', 'platform', group));
      await stack.apply();
      const { id } = await stack.resourceValues('snyk_organization.platform');
      const response = await fetch(`${stack.emulator.url}/v1/org/${String(id)}`, { method: 'DELETE', headers: { Authorization: `token ${stack.emulator.apiKey}` } });
      expect(response.status).toBe(204);
      const plan = await stack.plan();
      expect(plan.code).toBe(2);
      expect(plan.stdout).toContain('snyk_organization.platform will be created');
    }));

  test('import by id, then a plan with no changes; a malformed id says what is expected', () =>
    withSnykStack(async (stack, group) => {
      const existing = stack.emulator.createOrg(group, 'legacy');
      stack.configure(orgHcl('legacy', 'legacy', group) + orgHcl('other', 'other', group));
      await stack.init();
      await stack.workspace.mustTerraform(['import', '-no-color', 'snyk_organization.legacy', existing.id]);
      const malformed = await stack.workspace.terraform(['import', '-no-color', 'snyk_organization.other', 'not-a-uuid']);
      expect(malformed.code).not.toBe(0);
      expect(malformed.stderr).toContain('Invalid import ID');
      expect(malformed.stderr).toContain('Expected a UUID');
      stack.configure(orgHcl('legacy', 'legacy', group));
      expect((await stack.plan()).code).toBe(0);
    }));

  test('an org created from a source org joins its brokered integration family', () =>
    withSnykStack(async (stack, group) => {
      const mobile = orgHcl('mobile', 'mobile', group, '  source_organization_id = snyk_organization.platform.id\n  depends_on = [snyk_integration.ghe]\n');
      stack.configure(orgHcl('platform', 'platform', group) + brokeredGhe + mobile);
      await stack.apply();
      const mobileValues = await stack.resourceValues('snyk_organization.mobile');
      const ghe = await stack.resourceValues('snyk_integration.ghe');
      const state = stack.emulator.state();
      const copy = state.integrations.find((integration) => integration.orgId === mobileValues.id && integration.type === 'github-enterprise');
      const source = state.integrations.find((integration) => integration.id === ghe.id);
      expect(copy?.tokenFamilyId).toBeTruthy();
      expect(copy?.tokenFamilyId).toBe(source?.tokenFamilyId);
      expect((await stack.plan()).code).toBe(0);
    }));

  test('data sources find an org by id and by slug, and an integration by type', () =>
    withSnykStack(async (stack, group) => {
      const platform = stack.emulator.createOrg(group, 'platform');
      stack.configure(`
resource "snyk_integration" "ghe" {
  organization_id = "${platform.id}"
  type            = "github-enterprise"
  broker          = true
}
data "snyk_organization" "by_id" { id = "${platform.id}" }
data "snyk_organization" "by_slug" { slug = "${platform.slug}" }
data "snyk_integration" "ghe" {
  organization_id = "${platform.id}"
  type            = "github-enterprise"
  depends_on      = [snyk_integration.ghe]
}
output "looked_up" {
  value = [data.snyk_organization.by_id.name, data.snyk_organization.by_slug.id, data.snyk_integration.ghe.id]
}`);
      await stack.apply();
      const ghe = await stack.resourceValues('snyk_integration.ghe');
      expect((await stack.outputs()).looked_up.value).toEqual(['platform', platform.id, ghe.id]);
    }));

  test('destroying an org with projects is refused with what to do', () =>
    withSnykStack(async (stack, group) => {
      stack.configure(orgHcl('legacy', 'legacy', group));
      await stack.apply();
      const legacy = await stack.resourceValues('snyk_organization.legacy');
      stack.emulator.addProject(String(legacy.id));
      const refused = await stack.workspace.terraform(['destroy', '-auto-approve', '-no-color']);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('Snyk refused to delete the organization');
      expect(refused.stderr).toContain('terraform state rm');
    }));

  test('an org without group_id is created where the key puts it, and plans no changes', () =>
    withSnykStack(async (stack) => {
      stack.configure('resource "snyk_organization" "personal" {\n  name = "personal"\n}\n');
      await stack.apply();
      const personal = await stack.resourceValues('snyk_organization.personal');
      expect(stack.emulator.state().orgs.find((org) => org.id === personal.id)).toMatchObject({ name: 'personal', groupId: null });
      expect(personal.group_id).toBeNull();
      expect((await stack.plan()).code).toBe(0);
    }));
});
