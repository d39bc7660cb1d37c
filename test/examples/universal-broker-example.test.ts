import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { runCommand } from '../support/terraform';
import { CommandResult, prepareWorkspace, QuickstartWorkspace, reportsNoChanges, stripAnsi } from '../../examples/quickstart/runner';

const root = join(__dirname, '..', '..');
const exampleDir = join(root, 'examples', 'universal-broker');
const STACK = 'universal-broker';

interface UniversalBrokerState {
  installs: Array<{ id: string; clientId: string; clientSecrets: string[] }>;
  deployments: Array<{ id: string }>;
  credentials: Array<{ id: string }>;
  connections: Array<{ id: string; name: string }>;
  integrations: Array<{ id: string; orgId: string; connectionId: string }>;
}

function ubState(emulator: RunningEmulator): UniversalBrokerState {
  return (emulator.state() as unknown as { universalBroker: UniversalBrokerState }).universalBroker;
}

/** The cdktf CLI of the project, run in the example's folder (its cdktf.json), output under the workspace. */
function cdktf(workspace: QuickstartWorkspace, args: string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const cli = join(root, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');
  return run(process.execPath, [cli, ...args, '--output', workspace.outputDir], exampleDir, { ...workspace.env, ...env });
}

/** A command's exit code and its stdout and stderr together, without colour codes. */
async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const result = await runCommand(command, args, cwd, env);
  return { code: result.code, output: stripAnsi(result.stdout + result.stderr) };
}

describe('examples/universal-broker, deployed with the cdktf CLI against the emulator', () => {
  let workDir: string;
  let workspace: QuickstartWorkspace;
  let emulator: RunningEmulator;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'cdktf-snyk-ub-example-'));
    workspace = prepareWorkspace(root, workDir);
    emulator = await startEmulator();
    env = {
      SNYK_TOKEN: emulator.apiKey,
      SNYK_API_URL: emulator.url,
      SNYK_REGION: '',
      TF_VAR_snyk_group_id: emulator.defaultGroupId,
      TF_VAR_snyk_tenant_id: emulator.defaultTenantId,
      CDKTF_SNYK_UB_STATE: join(workDir, 'terraform.tfstate'),
    };
  });

  afterAll(async () => {
    await emulator?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('deploys, moves the classic family org by org (the plan names who stays), and destroys in Snyk order', async () => {
    const deploy = (migrated: string) => cdktf(workspace, ['deploy', '--auto-approve', '--skip-provider-lock'], { ...env, CDKTF_SNYK_UB_MIGRATED: migrated });
    const outputs: string[] = [];

    const first = await deploy('');
    outputs.push(first.output);
    expect({ code: first.code, tail: first.output.slice(-3000) }).toMatchObject({ code: 0 });
    const config = readFileSync(join(workspace.outputDir, 'stacks', STACK, 'cdk.tf.json'), 'utf8');
    expect(config).not.toContain(emulator.apiKey);
    expect(JSON.parse(config).output.runtime_environment.sensitive).toBe(true);
    let state = ubState(emulator);
    expect(state.installs).toHaveLength(1);
    expect(state.deployments).toHaveLength(1);
    expect(state.credentials).toHaveLength(2);
    expect(state.connections.map((connection) => connection.name).sort()).toEqual(['github-enterprise', 'gitlab']);
    expect(state.integrations).toHaveLength(1);

    const diff = await cdktf(workspace, ['diff', '--skip-provider-lock'], env);
    outputs.push(diff.output);
    expect(reportsNoChanges(diff.output)).toBe(true);

    // A reviewer's view of the first move: a saved plan of the synthesized stack, summarised by the CLI.
    const movePlatform = { ...env, CDKTF_SNYK_UB_MIGRATED: 'platform' };
    expect((await cdktf(workspace, ['synth'], movePlatform)).code).toBe(0);
    const stackDir = join(workspace.outputDir, 'stacks', STACK);
    const saved = await run('terraform', ['plan', '-input=false', '-no-color', '-out', 'plan'], stackDir, { ...workspace.env, ...movePlatform });
    expect({ code: saved.code, tail: saved.output.slice(-2000) }).toMatchObject({ code: 0 });
    const summary = await run(process.execPath, [join(root, 'bin', 'cdktf-snyk.js'), 'plan-summary', '--stack-dir', stackDir, '--format', 'text'], root, { ...workspace.env, ...movePlatform });
    outputs.push(summary.output);
    expect(summary.code).toBe(0);
    expect(summary.output).toContain('ub-platform gains connection "github-enterprise" (github-enterprise)');
    expect(summary.output).toMatch(/Classic family left: the token family of github-enterprise in ub-platform \(orgs: ub-legacy, ub-platform\)\n\s+moving now: ub-platform; moved earlier: -; disconnected now: -; still on the classic token: ub-legacy/);

    const platform = await deploy('platform');
    outputs.push(platform.output);
    expect({ code: platform.code, tail: platform.output.slice(-3000) }).toMatchObject({ code: 0 });
    expect(platform.output).toMatch(/Organization leaves a classic Broker token family/);
    expect(ubState(emulator).integrations).toHaveLength(2);

    const legacy = await deploy('platform,legacy');
    outputs.push(legacy.output);
    expect({ code: legacy.code, tail: legacy.output.slice(-3000) }).toMatchObject({ code: 0 });
    expect(legacy.output).toMatch(/Last organization leaves a classic Broker token family/);
    state = ubState(emulator);
    expect(state.integrations).toHaveLength(3);
    const settled = await cdktf(workspace, ['diff', '--skip-provider-lock'], { ...env, CDKTF_SNYK_UB_MIGRATED: 'platform,legacy' });
    outputs.push(settled.output);
    expect({ noChanges: reportsNoChanges(settled.output), tail: settled.output.slice(-2000) }).toMatchObject({ noChanges: true });

    const secrets = [emulator.apiKey, ...state.installs.flatMap((install) => install.clientSecrets)];
    expect(secrets.length).toBeGreaterThan(1);

    const destroy = await cdktf(workspace, ['destroy', '--auto-approve', '--skip-provider-lock'], { ...env, CDKTF_SNYK_UB_MIGRATED: 'platform,legacy' });
    outputs.push(destroy.output);
    expect({ code: destroy.code, tail: destroy.output.slice(-3000) }).toMatchObject({ code: 0 });
    state = ubState(emulator);
    expect([state.installs, state.deployments, state.credentials, state.connections, state.integrations].map((list) => list.length)).toEqual([0, 0, 0, 0, 0]);

    for (const text of [config, ...outputs]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  }, 900_000);
});
