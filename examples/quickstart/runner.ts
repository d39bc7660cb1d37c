import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installProvider } from '../../src/cli/provider-install';
import { writeCliConfigForMirror } from '../../src/cli/terraform-cli-config';
import type { EmulatorState } from '../../src/emulator';

/** The folders and files one quickstart workspace uses (all under `workDir`, `.quickstart/` by default). */
export interface QuickstartWorkspace {
  readonly projectDir: string;
  readonly workDir: string;
  readonly outputDir: string;
  readonly outputsFile: string;
  readonly emulatorStateFile: string;
  /** The environment for the cdktf CLI: own CDKTF_HOME and Terraform CLI configuration, no checkpoint calls. */
  readonly env: NodeJS.ProcessEnv;
}

export interface CommandResult {
  readonly code: number;
  readonly output: string;
}

/** Installs the bundled provider into a local mirror under `workDir` and writes the Terraform CLI configuration for it. */
export function prepareWorkspace(projectDir: string, workDir: string, baseEnv: NodeJS.ProcessEnv = process.env): QuickstartWorkspace {
  const pluginDir = join(workDir, 'plugins');
  const cdktfHome = join(workDir, 'cdktf-home');
  mkdirSync(cdktfHome, { recursive: true });
  installProvider({ pluginDir, bundlePath: join(projectDir, 'dist', 'terraform-provider-snyk.js') });
  const cliConfig = join(workDir, 'terraform.rc');
  writeCliConfigForMirror(cliConfig, pluginDir);
  return {
    projectDir,
    workDir,
    outputDir: join(workDir, 'cdktf.out'),
    outputsFile: join(workDir, 'outputs.json'),
    emulatorStateFile: join(workDir, 'emulator-state.json'),
    env: {
      ...baseEnv,
      CDKTF_HOME: cdktfHome,
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: '1',
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
      CI: '1',
      CDKTF_SNYK_QUICKSTART_STATE: join(workDir, 'terraform.tfstate'),
    },
  };
}

/** Runs the project's cdktf CLI with `args` in the project folder; `echo` streams its output as it comes. */
export function runCdktf(workspace: QuickstartWorkspace, args: string[], extraEnv: NodeJS.ProcessEnv, echo?: (chunk: string) => void): Promise<CommandResult> {
  const cli = join(workspace.projectDir, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args, '--output', workspace.outputDir], {
      cwd: workspace.projectDir,
      env: { ...workspace.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      echo?.(chunk.toString());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

/** True when cdktf or terraform said there is nothing to change. */
export function reportsNoChanges(output: string): boolean {
  return /No changes\b/.test(stripAnsi(output));
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

/** A token's fingerprint: enough to see which integrations share one, nothing that helps to use it. */
export function maskToken(token: string): string {
  return `sha256:${createHash('sha256').update(token).digest('hex').slice(0, 8)} (masked)`;
}

/** The non-sensitive outputs of the quickstart stack (sensitive ones are never written to the outputs file). */
export interface QuickstartOutputs {
  readonly organization_ids: Readonly<Record<string, string>>;
  readonly integration_ids: Readonly<Record<string, string>>;
}

export function readOutputs(workspace: QuickstartWorkspace): QuickstartOutputs | undefined {
  if (!existsSync(workspace.outputsFile)) return undefined;
  const byStack = JSON.parse(readFileSync(workspace.outputsFile, 'utf8')) as Record<string, QuickstartOutputs>;
  return byStack.quickstart;
}

/** Lines saying which organizations and integrations exist, from the stack outputs. */
export function describeOutputs(outputs: QuickstartOutputs): string[] {
  return [
    'Organizations:',
    ...Object.entries(outputs.organization_ids).map(([name, id]) => `  ${name.padEnd(10)} ${id}`),
    'GitHub Enterprise integrations:',
    ...Object.entries(outputs.integration_ids).map(([name, id]) => `  ${name.padEnd(10)} ${id}`),
  ];
}

/** Lines saying which organizations share which Broker token, from the emulator's state, tokens masked. */
export function describeTokenFamilies(state: EmulatorState): string[] {
  const orgName = (orgId: string): string => state.orgs.find((org) => org.id === orgId)?.name ?? orgId;
  return state.tokenFamilies.flatMap((family) => {
    const members = state.integrations.filter((integration) => integration.tokenFamilyId === family.id);
    if (members.length === 0) return [];
    const provisional = family.provisionalToken ? `, provisional ${maskToken(family.provisionalToken)}` : '';
    return [
      `Broker token ${maskToken(family.token)}${provisional} is shared by:`,
      ...members.map((integration) => `  ${orgName(integration.orgId).padEnd(14)} ${integration.type} ${integration.id}`),
    ];
  });
}
