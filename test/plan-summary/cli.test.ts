import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../support/terraform';
import { FIXTURES_DIR } from './support';

const CLI = join(__dirname, '..', '..', 'bin', 'cdktf-snyk.js');
const PLANTED_VARIABLE = 'PLANTED-REAL-PLAN-VARIABLE-6b1d';
const PLANTED_OUTPUT = 'PLANTED-REAL-PLAN-OUTPUT-0c4e';

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return runCommand(process.execPath, [CLI, 'plan-summary', ...args], process.cwd(), options.env ?? process.env, options.stdin);
}

const fixture = (name: string) => join(FIXTURES_DIR, `${name}.json`);

describe('cdktf-snyk plan-summary (bundled CLI)', () => {
  test('summarises plan files as Markdown by default', async () => {
    const result = await cli([fixture('new-brokered-family'), fixture('no-changes')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^<!-- cdktf-snyk-plan-summary -->\n\n## Snyk plan summary\n/);
    expect(result.stdout).toContain('### Stack `new-brokered-family`');
    expect(result.stdout).toContain('### Stack `no-changes`');
    expect(result.stdout).not.toContain('PLANTED');
  });

  test('reads stdin for `-` and prints JSON', async () => {
    const result = await cli(['-', '--format', 'json'], { stdin: readFileSync(fixture('rotate-and-activate'), 'utf8') });
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.stacks[0].stack).toBe('stdin');
    expect(document.stacks[0].broker_tokens).toHaveLength(2);
    expect(result.stdout).not.toContain('PLANTED');
  });

  test('--fail-on-destructive exits 2 on deletes and replacements, still printing the summary', async () => {
    const destructive = await cli([fixture('destroy-replace-import'), '--format', 'text', '--fail-on-destructive']);
    expect(destructive.code).toBe(2);
    expect(destructive.stdout).toContain('CAUTION snyk_organization.sandbox');
    const safe = await cli([fixture('new-brokered-family'), '--fail-on-destructive']);
    expect(safe.code).toBe(0);
    const withoutFlag = await cli([fixture('destroy-replace-import')]);
    expect(withoutFlag.code).toBe(0);
  });

  test('bad input is an error with exit code 1 that quotes nothing from the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-snyk-plan-summary-'));
    try {
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, '{"token": PLANTED-BROKEN}');
      const result = await cli([broken]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('is not JSON');
      expect(result.stderr).not.toContain('PLANTED');
      const none = await cli([]);
      expect(none.code).toBe(1);
      expect(none.stderr).toContain('needs at least one plan JSON file');
      const empty = await cli(['--stack-dir', dir]);
      expect(empty.code).toBe(1);
      expect(empty.stderr).toContain(`No saved plan in ${dir}: looked for plan, tfplan, plan.out, tfplan.out, terraform.tfplan, *.tfplan, plan.json, tfplan.json.`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('--stack-dir with a saved plan made by terraform', () => {
    let root: string;
    let stackDir: string;
    let env: NodeJS.ProcessEnv;

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'cdktf-snyk-plan-summary-tf-'));
      stackDir = join(root, 'stacks', 'dev');
      const home = join(root, 'home');
      mkdirSync(stackDir, { recursive: true });
      mkdirSync(home);
      writeFileSync(join(root, 'terraform.rc'), '');
      env = { PATH: process.env.PATH, HOME: home, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: join(root, 'terraform.rc') };
      writeFileSync(
        join(stackDir, 'main.tf'),
        `variable "secret" {
  type      = string
  sensitive = true
  default   = "${PLANTED_VARIABLE}"
}
resource "terraform_data" "kept" {
  input = { token = var.secret }
}
import {
  to = terraform_data.imported
  id = "existing-id"
}
resource "terraform_data" "imported" {}
output "token" {
  value     = "${PLANTED_OUTPUT}"
  sensitive = true
}
`,
      );
      for (const args of [['init', '-input=false'], ['plan', '-input=false', '-out', 'plan']]) {
        const result = await runCommand('terraform', args, stackDir, env);
        if (result.code !== 0) throw new Error(`terraform ${args.join(' ')} failed: ${result.stderr}`);
      }
    });

    afterAll(() => rmSync(root, { recursive: true, force: true }));

    test('runs terraform show -json there and summarises the real plan', async () => {
      const result = await cli(['--stack-dir', stackDir, '--format', 'json'], { env });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const [stack] = JSON.parse(result.stdout).stacks;
      expect(stack.stack).toBe('dev');
      expect(stack.source).toBe(join(stackDir, 'plan'));
      expect(stack.terraform_version).toMatch(/^1\./);
      expect(stack.counts.other_providers).toEqual([
        { provider: 'terraform.io/builtin/terraform', counts: { create: 1, update: 0, replace: 0, delete: 0, read: 0, forget: 0, import: 1 } },
      ]);
      expect(stack.outputs).toEqual([{ name: 'token', action: 'create', sensitive: true }]);
    });

    test('never prints the plan secrets, in any format', async () => {
      for (const format of ['markdown', 'json', 'text']) {
        const result = await cli(['--stack-dir', stackDir, '--format', format], { env });
        expect(result.code).toBe(0);
        expect(result.stdout).not.toContain(PLANTED_VARIABLE);
        expect(result.stdout).not.toContain(PLANTED_OUTPUT);
      }
    });
  });
});
