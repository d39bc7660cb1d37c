import { createSnykStack, orgHcl, SnykStack } from './support';

describe('snyk_organization with terraform', () => {
  let stack: SnykStack;
  let group: string;
  beforeAll(async () => {
    stack = await createSnykStack();
    group = stack.emulator.defaultGroupId;
  });
  afterAll(() => stack.close());

  test('apply creates the org; a second plan has no changes', async () => {
    stack.configure(orgHcl('platform', 'platform', group));
    await stack.apply();
    const values = await stack.resourceValues('snyk_organization.platform');
    expect(stack.emulator.state().orgs.find((org) => org.id === values.id)).toMatchObject({ name: 'platform', groupId: group });
    expect(values.slug).toEqual(expect.any(String));
    expect((await stack.plan()).code).toBe(0);
  });

  test('a rename is an in-place update through REST, keeping the id', async () => {
    const before = await stack.resourceValues('snyk_organization.platform');
    stack.configure(orgHcl('platform-renamed', 'platform', group));
    const plan = await stack.plan();
    expect(plan.stdout).toContain('will be updated in-place');
    await stack.apply();
    const after = await stack.resourceValues('snyk_organization.platform');
    expect(after.id).toBe(before.id);
    expect(stack.emulator.state().orgs.find((org) => org.id === after.id)?.name).toBe('platform-renamed');
    expect(stack.emulator.requests()).toContainEqual({ method: 'PATCH', path: `/rest/orgs/${String(after.id)}`, status: 200 });
  });

  test('changing group_id replaces the org, naming the attribute', async () => {
    const other = stack.emulator.createGroup('other');
    const before = await stack.resourceValues('snyk_organization.platform');
    stack.configure(orgHcl('platform-renamed', 'platform', other.id));
    const plan = await stack.plan();
    expect(plan.stdout).toMatch(/group_id\s+= "[^"]+" -> "[^"]+" # forces replacement/);
    await stack.apply();
    const after = await stack.resourceValues('snyk_organization.platform');
    expect(after.id).not.toBe(before.id);
    expect(stack.emulator.state().orgs.map((org) => org.id)).not.toContain(before.id);
    stack.configure(orgHcl('platform-renamed', 'platform', group));
    await stack.apply();
  });

  test('an org deleted outside Terraform is planned for creation again', async () => {
    const { id } = await stack.resourceValues('snyk_organization.platform');
    const response = await fetch(`${stack.emulator.url}/v1/org/${String(id)}`, { method: 'DELETE', headers: { Authorization: `token ${stack.emulator.apiKey}` } });
    expect(response.status).toBe(204);
    const plan = await stack.plan();
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('snyk_organization.platform will be created');
    await stack.apply();
  });

  test('import by id, then a plan with no changes', async () => {
    const existing = stack.emulator.createOrg(group, 'legacy');
    stack.configure(orgHcl('platform-renamed', 'platform', group) + orgHcl('legacy', 'legacy', group));
    await stack.workspace.mustTerraform(['import', '-no-color', 'snyk_organization.legacy', existing.id]);
    expect((await stack.plan()).code).toBe(0);
  });

  test('a malformed import id is refused with what is expected', async () => {
    stack.configure(orgHcl('platform-renamed', 'platform', group) + orgHcl('legacy', 'legacy', group) + orgHcl('other', 'other', group));
    const result = await stack.workspace.terraform(['import', '-no-color', 'snyk_organization.other', 'not-a-uuid']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Invalid import ID');
    expect(result.stderr).toContain('Expected a UUID');
  });

  test('an org created from a source org joins its brokered integration family', async () => {
    stack.configure(
      orgHcl('platform-renamed', 'platform', group) +
        orgHcl('legacy', 'legacy', group) +
        `resource "snyk_integration" "ghe" {
  organization_id = snyk_organization.platform.id
  type            = "github-enterprise"
  broker          = true
}
${orgHcl('mobile', 'mobile', group, '  source_organization_id = snyk_organization.platform.id\n  depends_on = [snyk_integration.ghe]\n')}`,
    );
    await stack.apply();
    const mobile = await stack.resourceValues('snyk_organization.mobile');
    const ghe = await stack.resourceValues('snyk_integration.ghe');
    const state = stack.emulator.state();
    const copy = state.integrations.find((integration) => integration.orgId === mobile.id && integration.type === 'github-enterprise');
    const source = state.integrations.find((integration) => integration.id === ghe.id);
    expect(copy?.tokenFamilyId).toBeTruthy();
    expect(copy?.tokenFamilyId).toBe(source?.tokenFamilyId);
    expect((await stack.plan()).code).toBe(0);
  });

  test('data sources find an org by id and by slug, and an integration by type', async () => {
    const platform = await stack.resourceValues('snyk_organization.platform');
    stack.configure(
      orgHcl('platform-renamed', 'platform', group) +
        orgHcl('legacy', 'legacy', group) +
        `resource "snyk_integration" "ghe" {
  organization_id = snyk_organization.platform.id
  type            = "github-enterprise"
  broker          = true
}
${orgHcl('mobile', 'mobile', group, '  source_organization_id = snyk_organization.platform.id\n  depends_on = [snyk_integration.ghe]\n')}
data "snyk_organization" "by_id" { id = "${String(platform.id)}" }
data "snyk_organization" "by_slug" { slug = "${String(platform.slug)}" }
data "snyk_integration" "ghe" {
  organization_id = "${String(platform.id)}"
  type            = "github-enterprise"
}
output "looked_up" {
  value = [data.snyk_organization.by_id.name, data.snyk_organization.by_slug.id, data.snyk_integration.ghe.id]
}`,
    );
    await stack.apply();
    const ghe = await stack.resourceValues('snyk_integration.ghe');
    expect((await stack.outputs()).looked_up.value).toEqual(['platform-renamed', platform.id, ghe.id]);
  });

  test('destroy deletes the orgs; an org with projects is refused with what to do', async () => {
    const legacy = await stack.resourceValues('snyk_organization.legacy');
    stack.emulator.addProject(String(legacy.id));
    const refused = await stack.workspace.terraform(['destroy', '-auto-approve', '-no-color']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Snyk refused to delete the organization');
    expect(refused.stderr).toContain('terraform state rm');
    await stack.workspace.mustTerraform(['state', 'rm', 'snyk_organization.legacy']);
    await stack.workspace.mustTerraform(['destroy', '-auto-approve', '-no-color']);
    expect(stack.emulator.state().orgs.map((org) => org.name)).toEqual(expect.not.arrayContaining(['platform-renamed', 'mobile']));
  });
});
