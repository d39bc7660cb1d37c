import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installProvider, PROVIDER_ADDRESS } from '../../src/cli/provider-install';
import { writeCliConfigForMirror } from '../../src/cli/terraform-cli-config';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface TerraformWorkspace {
  /** The temp folder holding everything below; removed by cleanup(). */
  readonly root: string;
  /** The working directory holding the configuration. */
  readonly dir: string;
  /** The environment every terraform command runs with (own CLI config, no checkpoint, HOME inside the temp dir). */
  readonly env: NodeJS.ProcessEnv;
  writeFile(name: string, content: string): void;
  terraform(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<CommandResult>;
  /** Runs terraform and fails with its output when the exit code is not one of `okCodes`. */
  mustTerraform(args: string[], extraEnv?: NodeJS.ProcessEnv, okCodes?: number[]): Promise<CommandResult>;
  cleanup(): void;
}

export interface WorkspaceProvider {
  /** The provider's address in the mirror, e.g. `registry.terraform.io/example/testing`. */
  readonly address: string;
  /** Puts the provider into the mirror folder. */
  install(pluginDir: string): void;
}

/** The freshly bundled `cdktf-snyk/snyk`, as `npx cdktf-snyk provider install` installs it. */
const SNYK_PROVIDER: WorkspaceProvider = { address: PROVIDER_ADDRESS, install: (pluginDir) => installProvider({ pluginDir }) };

/**
 * A temp folder with its own Terraform CLI configuration whose filesystem mirror holds the provider under test (by
 * default the freshly bundled Snyk provider). Nothing is written outside the temp folder.
 */
export function createTerraformWorkspace(providerEnv: NodeJS.ProcessEnv = {}, provider: WorkspaceProvider = SNYK_PROVIDER): TerraformWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'cdktf-snyk-tf-'));
  const dir = join(root, 'work');
  const home = join(root, 'home');
  mkdirSync(dir);
  mkdirSync(home);
  const pluginDir = join(root, 'plugins');
  provider.install(pluginDir);
  const cliConfig = join(root, 'terraform.rc');
  writeCliConfigForMirror(cliConfig, pluginDir, provider.address);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_CLI_CONFIG_FILE: cliConfig,
    ...providerEnv,
  };
  const terraform = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => runCommand('terraform', args, dir, { ...env, ...extraEnv });
  return {
    root,
    dir,
    env,
    writeFile: (name, content) => writeFileSync(join(dir, name), content),
    terraform,
    mustTerraform: async (args, extraEnv = {}, okCodes = [0]) => {
      const result = await terraform(args, extraEnv);
      if (!okCodes.includes(result.code)) {
        throw new Error(`terraform ${args.join(' ')} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
      }
      return result;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Runs a program to its end and collects its output; `stdin` is written to its standard input. */
export function runCommand(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, stdin = ''): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end(stdin);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The `terraform { required_providers }` block for the provider under test. */
export const REQUIRED_PROVIDERS = `terraform {
  required_providers {
    snyk = { source = "cdktf-snyk/snyk" }
  }
}
`;
