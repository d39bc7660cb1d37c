import { createTestProviderWorkspace, TestProviderWorkspace } from './support/test-provider-workspace';

/**
 * Terraform before 1.15 answers `plan -refresh-only -detailed-exitcode` with 2 whenever the refreshed state object
 * differs in memory from the stored one, even where the state file would be byte for byte the same. A number the
 * provider sends as a msgpack integer is held with another precision than the same number read from the state file,
 * so every resource with a number looked changed on every run; the framework sends numbers as decimal strings.
 */
describe('terraform plan -refresh-only -detailed-exitcode on a framework provider', () => {
  let workspace: TestProviderWorkspace;

  beforeEach(() => {
    workspace = createTestProviderWorkspace();
  });

  afterEach(() => workspace.cleanup());

  test('exits 0 when nothing changed, with integers, fractions and a sensitive attribute in state', async () => {
    workspace.writeConfig(
      'provider "testing" {}\n' +
        'resource "testing_thing" "a" {\n  name = "numbers"\n  settings = { mode = "fast", size = 3 }\n}\n' +
        'resource "testing_thing" "b" {\n  name = "fractions"\n  settings = { mode = "slow", size = 0.1 }\n}\n',
    );
    await workspace.mustTerraform(['init']);
    await workspace.mustTerraform(['apply', '-auto-approve']);
    expect(workspace.readState().resources.map((resource) => resource.instances[0].attributes.settings)).toEqual([
      { mode: 'fast', size: 3 },
      { mode: 'slow', size: 0.1 },
    ]);
    for (let run = 0; run < 3; run++) {
      const result = await workspace.terraform(['plan', '-refresh-only', '-detailed-exitcode']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('No changes.');
    }
  });

  test('exits 2 when a number changed outside Terraform', async () => {
    workspace.writeConfig('provider "testing" {}\nresource "testing_thing" "a" {\n  name = "numbers"\n  settings = { mode = "fast", size = 3 }\n}\n');
    await workspace.mustTerraform(['init']);
    await workspace.mustTerraform(['apply', '-auto-approve']);
    const store = workspace.readStore();
    const [id] = Object.keys(store);
    workspace.writeStore({ ...store, [id]: { ...store[id], settings: { mode: 'fast', size: 4 } } });
    const result = await workspace.terraform(['plan', '-refresh-only', '-detailed-exitcode']);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/size\s+= 3 -> 4/);
  });
});
