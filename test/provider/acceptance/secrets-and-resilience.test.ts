import { brokeredIntegrationHcl, familyOf, orgHcl, withSnykStack } from './support';

const PLANTED_CREDENTIAL = 'planted-credential-value-31337';

function appHcl(group: string): string {
  return `${orgHcl('platform', 'platform', group)}${brokeredIntegrationHcl('ghe', 'platform')}
resource "snyk_integration" "gitlab" {
  organization_id = snyk_organization.platform.id
  type            = "gitlab"
  credentials     = { token = "${PLANTED_CREDENTIAL}" }
}
resource "snyk_broker_token" "current" {
  organization_id = snyk_organization.platform.id
  integration_id  = snyk_integration.ghe.id
}
output "token" {
  value     = snyk_broker_token.current.token
  sensitive = true
}
`;
}

describe('secrets and resilience with terraform', () => {
  test('output -json returns the token; plan, apply and TF_LOG=trace logs never show it, the API key or a credential', () =>
    withSnykStack(async (stack, group) => {
      stack.configure(appHcl(group));
      await stack.init();
      const trace = { TF_LOG: 'trace' };
      const apply = await stack.workspace.mustTerraform(['apply', '-auto-approve', '-no-color'], trace);
      const plan = await stack.workspace.mustTerraform(['plan', '-no-color'], trace);
      const ghe = String((await stack.resourceValues('snyk_integration.ghe')).id);
      const family = familyOf(stack.emulator, ghe);
      expect((await stack.outputs()).token.value).toBe(family?.token);
      const secrets = [family?.token, stack.emulator.apiKey, PLANTED_CREDENTIAL];
      const everything = [apply.stdout, apply.stderr, plan.stdout, plan.stderr].join('\n');
      expect(everything.length).toBeGreaterThan(10_000); // the trace log really was captured
      for (const secret of secrets) expect(everything).not.toContain(secret);
    }));

  test('429 storms (Retry-After 1 s) and 503s during apply still converge', () =>
    withSnykStack(async (stack, group) => {
      stack.configure(appHcl(group));
      await stack.init();
      stack.emulator.addFault({ method: 'POST', path: '/v1/org', respond: { status: 429, retryAfterSeconds: 1 }, times: 3 });
      stack.emulator.addFault({ method: 'POST', path: '/v1/org/*/integrations', respond: { status: 429, retryAfterSeconds: 1 }, times: 3 });
      stack.emulator.addFault({ method: 'GET', path: '/v1/org/*/integrations', respond: { status: 503 }, times: 2 });
      stack.emulator.addFault({ method: 'POST', path: '/v1/org/*/integrations/*/authentication/**', respond: { status: 500 }, times: 2 });
      await stack.apply();
      const applyStatuses = stack.emulator.requests().map((request) => request.status);
      expect(applyStatuses).toEqual(expect.arrayContaining([429, 503, 500]));

      // The refresh reads organizations through their group's listing: a 503 storm there too.
      stack.emulator.clearRequests();
      stack.emulator.addFault({ path: '/v1/group/*/orgs', respond: { status: 503 }, times: 3 });
      expect((await stack.plan()).code).toBe(0);
      expect(stack.emulator.requests().filter((request) => request.path.startsWith('/v1/group/')).map((request) => request.status)).toContain(503);
      stack.emulator.clearFaults();
      const ghe = String((await stack.resourceValues('snyk_integration.ghe')).id);
      expect(familyOf(stack.emulator, ghe)?.token).toBe((await stack.resourceValues('snyk_broker_token.current')).token);
    }));
});
