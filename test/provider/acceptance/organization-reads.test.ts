import { SnykClient } from '../../../src/snyk';
import { withSnykStack } from './support';

const ORGS = 30;
const WITH_INTEGRATION = 5;

/** 30 organizations in one group, the first 5 with a GitHub integration each. */
function estateHcl(groupId: string): string {
  return `
resource "snyk_organization" "team" {
  count    = ${ORGS}
  name     = "team-\${count.index}"
  group_id = "${groupId}"
}

resource "snyk_integration" "github" {
  count           = ${WITH_INTEGRATION}
  organization_id = snyk_organization.team[count.index].id
  type            = "github"
  credentials     = { token = "ghp_reads_\${count.index}" }
}
`;
}

describe('organizations are read through their group listing', () => {
  test('a no-op plan of 30 orgs costs one listing call plus one type map per org with integrations, and no per-org REST read', () =>
    withSnykStack(async (stack, group) => {
      stack.configure(estateHcl(group));
      await stack.apply();
      stack.emulator.clearRequests();

      expect((await stack.plan()).code).toBe(0);
      const calls = stack.emulator.requests().map((request) => `${request.method} ${request.path}`);
      const listings = calls.filter((call) => call === `GET /v1/group/${group}/orgs`);
      const typeMaps = calls.filter((call) => /^GET \/v1\/org\/[^/]+\/integrations$/.test(call));
      expect(listings).toHaveLength(Math.ceil(ORGS / 100));
      expect(typeMaps).toHaveLength(WITH_INTEGRATION);
      expect(calls.filter((call) => call.startsWith('GET /rest/orgs/'))).toEqual([]);
      expect(calls.length).toBeLessThanOrEqual(WITH_INTEGRATION + Math.ceil(ORGS / 100));
    }));

  test('an org missing from the listing is read by id: deleted outside Terraform it is planned again, and nothing else changes', () =>
    withSnykStack(async (stack, group) => {
      stack.configure(estateHcl(group));
      await stack.apply();
      const gone = String((await stack.resourceValues('snyk_organization.team[29]')).id);
      await new SnykClient({ token: stack.emulator.apiKey, apiUrl: stack.emulator.url }).deleteOrg(gone);
      stack.emulator.clearRequests();

      const plan = await stack.plan();
      expect(plan.code).toBe(2);
      expect(plan.stdout).toContain('snyk_organization.team[29] will be created');
      expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
      const restReads = stack.emulator.requests().filter((request) => request.path.startsWith('/rest/orgs/'));
      expect(restReads.map((request) => [request.path, request.status])).toEqual([[`/rest/orgs/${gone}`, 404]]);
    }));
});
