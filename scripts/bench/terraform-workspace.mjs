// A temp folder where terraform runs against the freshly bundled provider through a filesystem mirror, with its own
// CLI configuration and HOME: nothing is written outside it.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * @param {{ sources: { installProvider: Function, writeCliConfigForMirror: Function }, bundlePath: string,
 *   env?: Record<string, string> }} options
 */
export function createBenchWorkspace({ sources, bundlePath, env = {} }) {
  const root = mkdtempSync(join(tmpdir(), 'cdktf-snyk-bench-'));
  const dir = join(root, 'work');
  const home = join(root, 'home');
  const pluginDir = join(root, 'plugins');
  const cliConfig = join(root, 'terraform.rc');
  mkdirSync(dir);
  mkdirSync(home);
  sources.installProvider({ pluginDir, bundlePath });
  sources.writeCliConfigForMirror(cliConfig, pluginDir);
  const baseEnv = { PATH: process.env.PATH, HOME: home, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: cliConfig, ...env };
  const terraform = (args) => runTimed('terraform', [...args, '-no-color'], dir, baseEnv);
  return {
    dir,
    writeFile: (name, content) => writeFileSync(join(dir, name), content),
    terraform,
    /** Runs terraform and throws with its output when the exit code is not one of `okCodes`. */
    mustTerraform: async (args, okCodes = [0]) => {
      const result = await terraform(args);
      if (!okCodes.includes(result.code)) {
        throw new Error(`terraform ${args.join(' ')} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
      }
      return result;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Runs a command to completion: exit code, output and wall time in ms. */
function runTimed(command, args, cwd, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: performance.now() - started }));
  });
}

/** The `terraform { required_providers }` and provider blocks for the provider under test. */
export const PROVIDER_BLOCKS = `terraform {
  required_providers {
    snyk = { source = "cdktf-snyk/snyk" }
  }
}

provider "snyk" {}
`;

/**
 * The provider blocks plus `var.org_count` organizations in `var.group_id`, named `NAME_PREFIX-0`, `NAME_PREFIX-1`...:
 * the configuration most benchmarks start from (`extra` is appended).
 */
export function organizationsConfiguration(namePrefix, extra = '') {
  return `${PROVIDER_BLOCKS}
variable "group_id" {
  type = string
}

variable "org_count" {
  type = number
}

resource "snyk_organization" "bench" {
  count    = var.org_count
  name     = "${namePrefix}-\${count.index}"
  group_id = var.group_id
}
${extra}`;
}

/** `extra` for organizationsConfiguration: a brokered `github-enterprise` integration in each organization. */
export const BROKERED_INTEGRATION_PER_ORG = `
resource "snyk_integration" "bench" {
  count           = var.org_count
  organization_id = snyk_organization.bench[count.index].id
  type            = "github-enterprise"
  broker          = true
}
`;
