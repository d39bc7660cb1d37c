// What the figures were measured on.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

/** Cores, CPU model, memory, Node and Terraform versions, as one line. */
export function describeMachine() {
  const cores = cpus();
  const memory = `${Math.round(totalmem() / 2 ** 30)} GiB`;
  return `${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'}), ${memory}, Node ${process.version}, Terraform ${terraformVersion()}`;
}

function terraformVersion() {
  const home = mkdtempSync(join(tmpdir(), 'cdktf-snyk-bench-home-'));
  try {
    const output = execFileSync('terraform', ['version', '-json'], {
      env: { PATH: process.env.PATH, HOME: home, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(home, 'terraform.rc') },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return JSON.parse(output.toString()).terraform_version;
  } catch {
    return 'unknown';
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
