import { buildSync } from 'esbuild';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformPlatform } from '../../../../src/cli/provider-install';
import { CommandResult, createTerraformWorkspace, WorkspaceProvider } from '../../../support/terraform';

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

/** The test provider in the unpacked mirror layout, bundled the way the real provider is shipped. */
const TEST_PROVIDER: WorkspaceProvider = {
  address: TEST_PROVIDER_ADDRESS,
  install: (pluginDir) => {
    const packageDir = join(pluginDir, TEST_PROVIDER_ADDRESS, VERSION, terraformPlatform());
    mkdirSync(packageDir, { recursive: true });
    bundleTestProvider(join(packageDir, `terraform-provider-testing_v${VERSION}`));
  },
};

/** A temp dir with the bundled test provider in a filesystem mirror, its own CLI config and HOME. */
export function createTestProviderWorkspace(): TestProviderWorkspace {
  const storeDir = mkdtempSync(join(tmpdir(), 'tfprovider-store-'));
  const storePath = join(storeDir, 'store.json');
  const base = createTerraformWorkspace({ TESTING_STORE_PATH: storePath }, TEST_PROVIDER);
  const terraform = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => base.terraform(withNoColor(args), extraEnv);
  return {
    root: base.root,
    dir: base.dir,
    storePath,
    executablePath: join(base.root, 'plugins', TEST_PROVIDER_ADDRESS, VERSION, terraformPlatform(), `terraform-provider-testing_v${VERSION}`),
    writeConfig: (hcl) => base.writeFile('main.tf', `terraform {\n  required_providers {\n    testing = { source = "example/testing" }\n  }\n}\n${hcl}`),
    readStore: () => {
      try {
        return JSON.parse(readFileSync(storePath, 'utf8'));
      } catch {
        return {};
      }
    },
    writeStore: (things) => writeFileSync(storePath, JSON.stringify(things, null, 2)),
    readState: () => JSON.parse(readFileSync(join(base.dir, 'terraform.tfstate'), 'utf8')),
    terraform,
    mustTerraform: (args, okCodes = [0], extraEnv = {}) => base.mustTerraform(withNoColor(args), extraEnv, okCodes),
    cleanup: () => {
      base.cleanup();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
