import { buildSync } from 'esbuild';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandResult, runCommand } from '../../../support/terraform';

const FIXTURE_ENTRY = join(__dirname, '..', '..', '..', 'fixtures', 'test-provider', 'main.ts');
export const TEST_PROVIDER_ADDRESS = 'registry.terraform.io/example/testing';
const VERSION = '0.0.1';

/** Bundles the test-only provider into one executable file, as the real provider is shipped. */
export function bundleTestProvider(outfile: string): string {
  buildSync({
    entryPoints: [FIXTURE_ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
  chmodSync(outfile, 0o755);
  return outfile;
}

const TWO_WORD_COMMANDS = new Set(['providers', 'state', 'workspace']);

/** `-no-color` goes right after the (sub)command, before positional arguments. */
function withNoColor(args: string[]): string[] {
  const commandWords = TWO_WORD_COMMANDS.has(args[0]) ? 2 : 1;
  return [...args.slice(0, commandWords), '-no-color', ...args.slice(commandWords)];
}

export interface TestProviderWorkspace {
  readonly root: string;
  readonly dir: string;
  /** The JSON file the test provider keeps its things in. */
  readonly storePath: string;
  readonly executablePath: string;
  writeConfig(hcl: string): void;
  readStore(): Record<string, Record<string, unknown>>;
  writeStore(things: Record<string, Record<string, unknown>>): void;
  readState(): { resources: { type: string; name: string; instances: { status?: string; schema_version: number; attributes: Record<string, unknown> }[] }[] };
  terraform(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<CommandResult>;
  mustTerraform(args: string[], okCodes?: number[], extraEnv?: NodeJS.ProcessEnv): Promise<CommandResult>;
  cleanup(): void;
}

/** A temp dir with the bundled test provider in a filesystem mirror, its own CLI config and HOME. */
export function createTestProviderWorkspace(): TestProviderWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'tfprovider-e2e-'));
  const mirror = join(root, 'mirror');
  const packageDir = join(mirror, TEST_PROVIDER_ADDRESS, VERSION, `linux_${process.arch === 'arm64' ? 'arm64' : 'amd64'}`);
  mkdirSync(packageDir, { recursive: true });
  const executablePath = bundleTestProvider(join(packageDir, `terraform-provider-testing_v${VERSION}`));
  const dir = join(root, 'work');
  const home = join(root, 'home');
  mkdirSync(dir);
  mkdirSync(home);
  const cliConfig = join(root, 'terraform.rc');
  writeFileSync(
    cliConfig,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["example/testing"]\n  }\n  direct {\n    exclude = ["example/testing"]\n  }\n}\n`,
  );
  const storePath = join(root, 'store.json');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_CLI_CONFIG_FILE: cliConfig,
    TESTING_STORE_PATH: storePath,
  };
  const terraform = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => runCommand('terraform', withNoColor(args), dir, { ...env, ...extraEnv });
  return {
    root,
    dir,
    storePath,
    executablePath,
    writeConfig: (hcl) => writeFileSync(join(dir, 'main.tf'), `terraform {\n  required_providers {\n    testing = { source = "example/testing" }\n  }\n}\n${hcl}`),
    readStore: () => {
      try {
        return JSON.parse(readFileSync(storePath, 'utf8'));
      } catch {
        return {};
      }
    },
    writeStore: (things) => writeFileSync(storePath, JSON.stringify(things, null, 2)),
    readState: () => JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')),
    terraform,
    mustTerraform: async (args, okCodes = [0], extraEnv = {}) => {
      const result = await terraform(args, extraEnv);
      if (!okCodes.includes(result.code)) {
        throw new Error(`terraform ${args.join(' ')} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
      }
      return result;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
