import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { providerSchemaJson } from '../../../src/provider/framework';
import { FAIL_AFTER_CREATE_PREFIX, testingProvider } from '../../fixtures/test-provider/provider';
import { createTestProviderWorkspace, TEST_PROVIDER_ADDRESS, TestProviderWorkspace } from './support/test-provider-workspace';

const PROVIDER_BLOCK = 'provider "testing" {}\n';

function thingConfig(body: string, name = 'a'): string {
  return `resource "testing_thing" "${name}" {\n${body}\n}\n`;
}

describe('a framework provider run by the real terraform binary', () => {
  let workspace: TestProviderWorkspace;

  beforeEach(() => {
    workspace = createTestProviderWorkspace();
  });

  afterEach(() => workspace.cleanup());

  test('validate errors point at the attribute in the configuration', async () => {
    workspace.writeConfig(PROVIDER_BLOCK + thingConfig('  name = "x"\n  kind = "medium"\n  labels = { forbidden = "1" }\n  settings = { mode = "warp" }'));
    await workspace.mustTerraform(['init']);
    const result = await workspace.terraform(['validate']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid value for kind');
    expect(result.stderr).toContain('Expected one of "small", "large", got "medium".');
    expect(result.stderr).toMatch(/kind = "medium"/);
    expect(result.stderr).toContain('Forbidden label');
    expect(result.stderr).toMatch(/labels = \{ forbidden = "1" \}/);
    expect(result.stderr).toContain('Invalid value for settings.mode');
  });

  test('init, plan, apply, no-op plan, update in place, replacement, drift, import and destroy', async () => {
    workspace.writeConfig(
      PROVIDER_BLOCK +
        thingConfig('  name = "alpha"\n  kind = "small"\n  labels = { team = "x" }\n  tags = ["b", "a"]\n  settings = { mode = "fast" }') +
        'data "testing_thing" "lookup" {\n  id = testing_thing.a.id\n}\noutput "looked_up_name" {\n  value = data.testing_thing.lookup.name\n}\n',
    );
    await workspace.mustTerraform(['init']);
    const plan = await workspace.mustTerraform(['plan']);
    expect(plan.stdout).toContain('id            = (known after apply)');
    expect(plan.stdout).toContain('enabled       = true');
    await workspace.mustTerraform(['apply', '-auto-approve']);
    const [firstId] = Object.keys(workspace.readStore());
    expect(workspace.readStore()[firstId]).toMatchObject({ name: 'alpha', kind: 'small', enabled: true, tags: ['a', 'b'], settings: { mode: 'fast', size: null } });
    expect((await workspace.mustTerraform(['output', '-raw', 'looked_up_name'])).stdout).toBe('alpha');
    await workspace.mustTerraform(['plan', '-detailed-exitcode']);

    // In place: the id is kept (useStateForUnknown), the update counter is unknown in the plan.
    workspace.writeConfig(
      PROVIDER_BLOCK + thingConfig('  name = "beta"\n  kind = "small"\n  labels = { team = "x" }\n  tags = ["a", "b"]\n  settings = { mode = "fast" }'),
    );
    const update = await workspace.mustTerraform(['plan'], [0]);
    expect(update.stdout).toContain('will be updated in-place');
    expect(update.stdout).toContain('updated_count = 0 -> (known after apply)');
    await workspace.mustTerraform(['apply', '-auto-approve']);
    expect(workspace.readStore()[firstId]).toMatchObject({ name: 'beta', updated_count: 1 });
    await workspace.mustTerraform(['plan', '-detailed-exitcode']);

    // Replacement.
    workspace.writeConfig(PROVIDER_BLOCK + thingConfig('  name = "beta"\n  kind = "large"\n  labels = { team = "x" }\n  tags = ["a", "b"]\n  settings = { mode = "fast" }'));
    const replace = await workspace.mustTerraform(['plan']);
    expect(replace.stdout).toContain('must be replaced');
    expect(replace.stdout).toContain('# forces replacement');
    await workspace.mustTerraform(['apply', '-auto-approve']);
    const ids = Object.keys(workspace.readStore());
    expect(ids).toHaveLength(1);
    expect(ids[0]).not.toBe(firstId);
    const secondId = ids[0];
    await workspace.mustTerraform(['plan', '-detailed-exitcode']);

    // Drift: changed remotely, then deleted remotely.
    const store = workspace.readStore();
    store[secondId].name = 'changed-behind-our-back';
    workspace.writeStore(store);
    const drifted = await workspace.mustTerraform(['plan', '-detailed-exitcode'], [2]);
    expect(drifted.stdout).toContain('"changed-behind-our-back" -> "beta"');
    workspace.writeStore({});
    const gone = await workspace.mustTerraform(['plan', '-detailed-exitcode'], [2]);
    expect(gone.stdout).toContain('will be created');
    await workspace.mustTerraform(['apply', '-auto-approve']);

    // Import an object that exists remotely but not in state.
    const [existingId] = Object.keys(workspace.readStore());
    const imported = { ...workspace.readStore()[existingId], id: '00000000-0000-4000-8000-000000000001', name: 'imported', kind: null, labels: null, tags: null, settings: null };
    workspace.writeStore({ ...workspace.readStore(), [imported.id]: imported });
    workspace.writeConfig(
      PROVIDER_BLOCK +
        thingConfig('  name = "beta"\n  kind = "large"\n  labels = { team = "x" }\n  tags = ["a", "b"]\n  settings = { mode = "fast" }') +
        thingConfig('  name = "imported"', 'b'),
    );
    const badImport = await workspace.terraform(['import', 'testing_thing.b', 'not-an-id']);
    expect(badImport.code).toBe(1);
    expect(badImport.stderr).toContain('Expected a thing id (a UUID), got "not-an-id".');
    await workspace.mustTerraform(['import', 'testing_thing.b', imported.id]);
    await workspace.mustTerraform(['plan', '-detailed-exitcode']);

    await workspace.mustTerraform(['destroy', '-auto-approve']);
    expect(workspace.readStore()).toEqual({});
  });

  test('a create that fails half-way keeps the partial state with the error', async () => {
    workspace.writeConfig(PROVIDER_BLOCK + thingConfig(`  name = "${FAIL_AFTER_CREATE_PREFIX}-1"`));
    await workspace.mustTerraform(['init']);
    const apply = await workspace.terraform(['apply', '-auto-approve']);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('switching it on failed; run apply again');
    const [storedId] = Object.keys(workspace.readStore());
    const [instance] = workspace.readState().resources[0].instances;
    expect(instance.attributes.id).toBe(storedId);
    expect(instance.attributes.secret).toBe(workspace.readStore()[storedId].secret);
    // Terraform's rule for any create that returns an error: the object is kept, tainted, and replaced next time.
    expect(instance.status).toBe('tainted');
  });

  test('a sensitive value reaches the state and outputs but never plan or apply output or trace logs', async () => {
    workspace.writeConfig(PROVIDER_BLOCK + thingConfig('  name = "secretive"') + 'output "secret" {\n  value     = testing_thing.a.secret\n  sensitive = true\n}\n');
    await workspace.mustTerraform(['init']);
    const trace = { TF_LOG: 'trace' };
    const outputs = [await workspace.mustTerraform(['plan'], [0], trace), await workspace.mustTerraform(['apply', '-auto-approve'], [0], trace)];
    outputs.push(await workspace.mustTerraform(['plan', '-detailed-exitcode'], [0], trace));
    const [thing] = Object.values(workspace.readStore());
    const secret = thing.secret as string;
    expect(secret).toMatch(/^s3cr3t-/);
    expect((await workspace.mustTerraform(['output', '-raw', 'secret'])).stdout).toBe(secret);
    for (const { stdout, stderr } of outputs) {
      expect(stdout).not.toContain(secret);
      expect(stderr).not.toContain(secret);
    }
    // The trace logs do carry the provider's own (redacted) log lines.
    expect(outputs[1].stderr).toContain('applied resource');
  });

  test('stored state from an older schema version is upgraded', async () => {
    workspace.writeConfig(PROVIDER_BLOCK + thingConfig('  name = "old"'));
    await workspace.mustTerraform(['init']);
    await workspace.mustTerraform(['apply', '-auto-approve']);
    const state = workspace.readState() as unknown as { resources: { instances: { schema_version: number; attributes: Record<string, unknown> }[] }[] };
    const [instance] = state.resources[0].instances;
    instance.schema_version = 0;
    const { name, ...rest } = instance.attributes;
    instance.attributes = { ...rest, title: name, attribute_dropped_since: 'x' };
    writeFileSync(join(workspace.dir, 'terraform.tfstate'), JSON.stringify(state));
    await workspace.mustTerraform(['plan', '-detailed-exitcode', '-refresh=false']);
  });

  test('providerSchemaJson prints what terraform providers schema -json prints', async () => {
    workspace.writeConfig(PROVIDER_BLOCK);
    await workspace.mustTerraform(['init']);
    const { stdout } = await workspace.mustTerraform(['providers', 'schema', '-json']);
    expect(providerSchemaJson(testingProvider, TEST_PROVIDER_ADDRESS)).toEqual(JSON.parse(stdout));
  });
});
