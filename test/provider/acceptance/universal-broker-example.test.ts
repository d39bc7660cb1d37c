import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unwrapped, withSnykStack } from './support';
import { ubState } from './universal-broker-support';

const exampleDir = join(__dirname, '..', '..', '..', 'examples', 'hcl-universal-broker');

describe('examples/hcl-universal-broker against the emulator', () => {
  test(
    'applies (the classic GHE integration moves onto the connection), hands the runtime its environment, plans empty, destroys',
    () =>
      withSnykStack(async (stack, group) => {
        for (const file of readdirSync(exampleDir).filter((name) => name.endsWith('.tf'))) {
          stack.workspace.writeFile(file, readFileSync(join(exampleDir, file), 'utf8'));
        }
        const variables = { TF_VAR_snyk_group_id: group, TF_VAR_snyk_tenant_id: stack.emulator.defaultTenantId };
        await stack.workspace.mustTerraform(['init', '-no-color']);
        const apply = await stack.workspace.mustTerraform(['apply', '-auto-approve', '-no-color'], variables);

        const state = ubState(stack);
        const outputs = JSON.parse((await stack.workspace.mustTerraform(['output', '-json'])).stdout) as Record<string, { value: unknown; sensitive: boolean }>;
        const runtime = outputs.runtime_environment as { value: Record<string, string>; sensitive: boolean };
        expect(runtime.sensitive).toBe(true);
        expect(runtime.value).toMatchObject({
          DEPLOYMENT_ID: state.deployments[0]?.id,
          CLIENT_ID: state.installs[0]?.clientId,
          CLIENT_SECRET: state.installs[0]?.clientSecrets[0],
          UNIVERSAL_BROKER_ENABLED: 'true',
        });
        expect(apply.stdout).not.toContain(String(runtime.value.CLIENT_SECRET));
        expect(outputs.credential_variables?.value).toEqual(['GHE_TOKEN', 'GITLAB_TOKEN']);
        expect(outputs.deployment_ids?.value).toEqual([state.deployments[0]?.id]);
        expect(outputs.team_b_connections?.value).toEqual({ gitlab: 'gitlab' });
        expect(state.integrations).toHaveLength(3);

        const plan = await stack.workspace.mustTerraform(['plan', '-detailed-exitcode', '-no-color'], variables, [0, 2]);
        expect(plan.code).toBe(0);

        const destroy = await stack.workspace.mustTerraform(['destroy', '-auto-approve', '-no-color'], variables);
        expect(unwrapped(destroy.stdout + destroy.stderr)).toContain('Integration disconnected from Universal Broker');
        const after = ubState(stack);
        expect([after.installs, after.deployments, after.credentials, after.connections, after.integrations].every((list) => list.length === 0)).toBe(true);
      }),
    600_000,
  );
});
