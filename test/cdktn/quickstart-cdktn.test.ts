import { build } from 'esbuild';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { QuickstartWorkspace, prepareWorkspace, readOutputs, reportsNoChanges } from '../../examples/quickstart/runner';

// The quickstart app deployed with CDK Terrain: cdktn-cli 0.24 on Node 22 (both from the npm registry, into a cache
// folder, by test/cdktn/toolchain.mjs), the constructs bound to `cdktn` exactly as lib/cdktn is (the core module's
// `cdktf` import becomes `cdktn`), the bundled provider from a filesystem mirror, the emulator as Snyk.
const root = join(__dirname, '..', '..');
const ORG_NAMES = ['platform', 'team-payments', 'team-search', 'team-mobile'];
const FIRST_RUN_MS = 15 * 60_000;

interface Toolchain {
  readonly node: string;
  readonly cli: string;
  readonly nodeModules: string;
}

function toolchain(): Toolchain | { skip: string } {
  const output = execFileSync(process.execPath, [join(__dirname, 'toolchain.mjs')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(output.trim().split('\n').pop()!) as Toolchain | { skip: string };
}

/** Bundles the quickstart app with every import of `cdktf` turned into `cdktn`, next to the toolchain's node_modules. */
async function bundleApp(tools: Toolchain): Promise<string> {
  const appDir = mkdtempSync(join(dirname(tools.nodeModules), 'app-'));
  await build({
    entryPoints: [join(root, 'examples', 'quickstart', 'main.ts')],
    outfile: join(appDir, 'main.js'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    logLevel: 'warning',
    external: ['cdktn', 'constructs'],
    plugins: [{ name: 'cdktn-core', setup: (pluginBuild) => pluginBuild.onResolve({ filter: /^cdktf$/ }, () => ({ path: 'cdktn', external: true })) }],
  });
  return appDir;
}

function runCdktn(tools: Toolchain, appDir: string, workspace: QuickstartWorkspace, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tools.node, [tools.cli, ...args, '--output', workspace.outputDir], {
      cwd: appDir,
      // Node 22 first on PATH: cdktn runs the app (`node main.js`) and terraform with it.
      env: { ...workspace.env, ...env, PATH: `${dirname(tools.node)}:${process.env.PATH}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

describe('the quickstart with CDK Terrain (cdktn 0.24, Node 22)', () => {
  let tools: Toolchain | undefined;
  let skipped = '';
  let appDir: string;
  let workDir: string;
  let workspace: QuickstartWorkspace;
  let emulator: RunningEmulator;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const found = toolchain();
    if ('skip' in found) {
      skipped = found.skip;
      return;
    }
    tools = found;
    appDir = await bundleApp(tools);
    writeFileSync(join(appDir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node main.js', terraformProviders: [], terraformModules: [], context: {} }));
    workDir = mkdtempSync(join(appDir, 'work-'));
    mkdirSync(workDir, { recursive: true });
    workspace = prepareWorkspace(root, workDir);
    emulator = await startEmulator();
    env = { SNYK_TOKEN: emulator.apiKey, SNYK_API_URL: emulator.url, SNYK_REGION: '', TF_VAR_snyk_group_id: emulator.defaultGroupId };
  }, FIRST_RUN_MS);

  afterAll(async () => {
    await emulator?.close();
    if (appDir) rmSync(appDir, { recursive: true, force: true });
  });

  it(
    'deploys with cdktn, and a second deploy changes nothing',
    async () => {
      if (!tools) {
        console.warn(`SKIPPED: ${skipped}`);
        return;
      }
      const node = execFileSync(tools.node, ['--version'], { encoding: 'utf8' }).trim();
      expect(node).toMatch(/^v22\./);

      const deploy = await runCdktn(tools, appDir, workspace, ['deploy', '--auto-approve', '--skip-provider-lock', '--outputs-file', workspace.outputsFile], env);
      expect({ code: deploy.code, tail: deploy.output.slice(-3000) }).toMatchObject({ code: 0 });
      const config = readFileSync(join(workspace.outputDir, 'stacks', 'quickstart', 'cdk.tf.json'), 'utf8');
      expect(config).not.toContain(emulator.apiKey);

      const state = emulator.state();
      const orgs = ORG_NAMES.map((name) => state.orgs.find((org) => org.name === name));
      expect(orgs.every((org) => org?.groupId === emulator.defaultGroupId)).toBe(true);
      const outputs = readOutputs(workspace);
      expect(outputs?.organization_ids).toEqual({ platform: orgs[0]?.id, payments: orgs[1]?.id, search: orgs[2]?.id, mobile: orgs[3]?.id });
      const brokered = orgs.slice(0, 3).map((org) => state.integrations.find((integration) => integration.orgId === org?.id && integration.type === 'github-enterprise'));
      expect(outputs?.integration_ids).toEqual({ platform: brokered[0]?.id, payments: brokered[1]?.id, search: brokered[2]?.id });
      expect(new Set(brokered.map((integration) => integration?.tokenFamilyId)).size).toBe(1);

      const again = await runCdktn(tools, appDir, workspace, ['deploy', '--auto-approve', '--skip-provider-lock'], env);
      expect({ code: again.code, tail: again.output.slice(-3000) }).toMatchObject({ code: 0 });
      expect(reportsNoChanges(again.output)).toBe(true);
      expect(emulator.state()).toEqual(state);
      for (const output of [deploy.output, again.output]) expect(output).not.toContain(emulator.apiKey);
    },
    FIRST_RUN_MS,
  );
});
