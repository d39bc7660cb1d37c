import { withSnykStack } from './support';

const TEAMS = ['payments', 'search', 'mobile', 'data', 'infra'];

function listingCalls(requests: ReadonlyArray<{ method: string; path: string }>): number {
  return requests.filter((request) => request.method === 'GET' && request.path === '/v1/orgs').length;
}

describe('data "snyk_organization" by slug shares one listing per provider process', () => {
  test('five lookups by slug in one plan make one GET /v1/orgs, and each finds its own org', () =>
    withSnykStack(async (stack, group) => {
      const orgs = TEAMS.map((team) => stack.emulator.createOrg(group, team));
      stack.configure(
        `${orgs.map((org) => `data "snyk_organization" "${org.slug}" { slug = "${org.slug}" }`).join('\n')}
output "ids" { value = [${orgs.map((org) => `data.snyk_organization.${org.slug}.id`).join(', ')}] }
`,
      );
      stack.emulator.clearRequests();
      await stack.apply();
      expect((await stack.outputs()).ids.value).toEqual(orgs.map((org) => org.id));
      expect(listingCalls(stack.emulator.requests())).toBe(1);
    }));

  test('an org created in the same apply is found (the listing is read again), and a slug nobody has is an error naming it', () =>
    withSnykStack(async (stack, group) => {
      const existing = stack.emulator.createOrg(group, 'existing');
      stack.configure(`
data "snyk_organization" "existing" { slug = "${existing.slug}" }
resource "snyk_organization" "fresh" {
  name     = "fresh"
  group_id = "${group}"
}
data "snyk_organization" "fresh" { slug = snyk_organization.fresh.slug }
output "fresh" { value = data.snyk_organization.fresh.id }
`);
      await stack.apply();
      expect((await stack.outputs()).fresh.value).toBe((await stack.resourceValues('snyk_organization.fresh')).id);

      stack.configure(`
data "snyk_organization" "existing" { slug = "${existing.slug}" }
data "snyk_organization" "nobody" {
  slug       = "no-such-team"
  depends_on = [data.snyk_organization.existing]
}
`);
      stack.emulator.clearRequests();
      const plan = await stack.workspace.terraform(['plan', '-no-color', '-input=false']);
      expect(plan.code).toBe(1);
      expect(plan.stderr.replace(/\s+/g, ' ')).toContain('No organization visible to this API key has slug "no-such-team"');
      // One listing for both lookups; the miss in a listing read earlier lists once more in case the org is new, and no further.
      expect(listingCalls(stack.emulator.requests())).toBe(2);
    }));
});
