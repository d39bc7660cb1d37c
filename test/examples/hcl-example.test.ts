import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { createTerraformWorkspace, TerraformWorkspace } from '../support/terraform';

const exampleDir = join(__dirname, '..', '..', 'examples', 'hcl');

describe('examples/hcl against the emulator', () => {
  let emulator: RunningEmulator;
  let workspace: TerraformWorkspace;

  beforeAll(async () => {
    emulator = await startEmulator();
    workspace = createTerraformWorkspace({ SNYK_TOKEN: emulator.apiKey, SNYK_API_URL: emulator.url, TF_VAR_snyk_group_id: emulator.defaultGroupId });
    for (const file of readdirSync(exampleDir).filter((name) => name.endsWith('.tf'))) {
      workspace.writeFile(file, readFileSync(join(exampleDir, file), 'utf8'));
    }
    await workspace.mustTerraform(['init', '-no-color']);
  });
  afterAll(async () => {
    workspace.cleanup();
    await emulator.close();
  });

  test('applies, shares one Broker token across the four orgs, and plans no changes afterwards', async () => {
    await workspace.mustTerraform(['apply', '-auto-approve', '-no-color']);
    const outputs = JSON.parse((await workspace.mustTerraform(['output', '-json'])).stdout) as Record<string, { value: unknown }>;
    const orgIds = Object.values(outputs.organization_ids.value as Record<string, string>);
    const state = emulator.state();
    const families = new Set(state.integrations.filter((i) => orgIds.includes(i.orgId)).map((i) => i.tokenFamilyId));
    expect(families.size).toBe(1);
    const family = state.tokenFamilies.find((f) => families.has(f.id));
    expect(outputs.broker_token.value).toBe(family?.token);
    expect((outputs.looked_up.value as Record<string, string>).platform_integration_by_id).toBe((outputs.integration_ids.value as Record<string, string>).platform);

    const plan = await workspace.terraform(['plan', '-detailed-exitcode', '-no-color']);
    expect(plan.code).toBe(0);
  });

  test('destroys the orgs and warns about the integrations Snyk keeps', async () => {
    const destroy = await workspace.mustTerraform(['destroy', '-auto-approve', '-no-color']);
    expect(destroy.stdout + destroy.stderr).toContain('Snyk cannot delete an integration');
    expect(emulator.state().orgs.map((org) => org.name)).not.toContain('platform');
  });
});
