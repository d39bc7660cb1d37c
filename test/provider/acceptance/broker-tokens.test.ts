import { brokeredIntegrationHcl, familyOf, integrationCloneHcl, orgHcl, unwrapped, withSnykStack } from './support';

function tokenStack(group: string, token: string): string {
  return (
    orgHcl('platform', 'platform', group) +
    orgHcl('team', 'team', group) +
    brokeredIntegrationHcl('ghe', 'platform') +
    integrationCloneHcl('team', { org: 'platform', integration: 'ghe' }, 'team') +
    `${token}\n`
  );
}

function brokerToken(trigger: string, activate: boolean): string {
  return `resource "snyk_broker_token" "current" {
  organization_id   = snyk_organization.platform.id
  integration_id    = snyk_integration.ghe.id
  rotation_triggers = { generation = "${trigger}" }
  activate          = ${activate}
}
output "token" {
  value     = snyk_broker_token.current.token
  sensitive = true
}
`;
}

describe('snyk_broker_token with terraform', () => {
  test('provision and activate; two-phase rotation across a clone family; rotation by trigger', () =>
    withSnykStack(async (stack, group) => {
      stack.configure(tokenStack(group, brokerToken('1', true)));
      await stack.apply();
      const ghe = String((await stack.resourceValues('snyk_integration.ghe')).id);
      const clone = String((await stack.resourceValues('snyk_integration_clone.team')).id);
      let token = await stack.resourceValues('snyk_broker_token.current');
      expect(token.status).toBe('active');
      expect(familyOf(stack.emulator, ghe)).toMatchObject({ token: token.token, provisionalToken: null });
      expect(familyOf(stack.emulator, clone)?.token).toBe(token.token);
      expect((await stack.plan()).code).toBe(0);

      // Phase one: a new token, provisional; the family keeps using the old one.
      const live = token.token;
      stack.configure(tokenStack(group, brokerToken('2', false)));
      const rotation = await stack.plan();
      expect(rotation.stdout).toMatch(/rotation_triggers[\s\S]*# forces replacement/);
      expect(rotation.stdout + rotation.stderr).not.toContain('cannot be made provisional');
      const rotated = await stack.apply();
      expect(rotated.stdout + rotated.stderr).not.toContain('cannot be made provisional');
      token = await stack.resourceValues('snyk_broker_token.current');
      expect(token.status).toBe('provisional');
      expect(familyOf(stack.emulator, clone)).toMatchObject({ token: live, provisionalToken: token.token });
      expect((await stack.outputs()).token.value).toBe(token.token);

      // Phase two: activate in place; the clone's token switches with the source's.
      stack.configure(tokenStack(group, brokerToken('2', true)));
      expect((await stack.plan()).stdout).toContain('snyk_broker_token.current will be updated in-place');
      await stack.apply();
      const activated = await stack.resourceValues('snyk_broker_token.current');
      expect(activated).toMatchObject({ status: 'active', token: token.token, id: token.id });
      expect(familyOf(stack.emulator, clone)).toMatchObject({ token: token.token, provisionalToken: null });
      expect((await stack.plan()).code).toBe(0);
    }));

  test('a switch that fails after provisioning keeps the token; the next apply completes with no second token', () =>
    withSnykStack(async (stack, group) => {
      stack.configure(tokenStack(group, brokerToken('1', true)));
      await stack.init();
      stack.emulator.addFault({ method: 'POST', path: '/v1/org/*/integrations/*/authentication/switch-token', respond: { status: 500 }, times: 100 });
      const failed = await stack.workspace.terraform(['apply', '-auto-approve', '-no-color']);
      expect(failed.code).toBe(1);
      expect(unwrapped(failed.stderr)).toContain('Broker token provisioned but not activated');
      expect(unwrapped(failed.stderr)).toContain('Run apply again');
      const kept = await stack.resourceValues('snyk_broker_token.current');
      expect(kept.status).toBe('provisional');
      const ghe = String((await stack.resourceValues('snyk_integration.ghe')).id);
      expect(familyOf(stack.emulator, ghe)?.provisionalToken).toBe(kept.token);

      stack.emulator.clearFaults();
      await stack.apply();
      const completed = await stack.resourceValues('snyk_broker_token.current');
      expect(completed).toMatchObject({ status: 'active', token: kept.token });
      expect(familyOf(stack.emulator, ghe)).toMatchObject({ token: kept.token, provisionalToken: null });
      expect(stack.emulator.requests().filter((request) => request.path.endsWith('/provision-token'))).toHaveLength(1);
      expect((await stack.plan()).code).toBe(0);
    }));
});
