import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoadedPlan, parsePlanJson, renderPlanSummary, SUMMARY_FORMATS } from '../../../src/plan-summary';
import { RunningEmulator, startEmulator } from '../../../src/emulator';
import { CommandResult, createTerraformWorkspace, REQUIRED_PROVIDERS, runCommand, TerraformWorkspace } from '../../support/terraform';

const CLI = join(__dirname, '..', '..', '..', 'bin', 'cdktf-snyk.js');
const GOLDEN_DIR = join(__dirname, 'golden');

/** One emulator and one terraform folder in which plans are made, shown and applied step by step. */
export interface RealPlanStack {
  readonly emulator: RunningEmulator;
  readonly workspace: TerraformWorkspace;
  /** Writes main.tf (the terraform block added), runs `terraform plan -out plan` and returns `terraform show -json plan`. */
  plan(stack: string, hcl: string, planArgs?: string[]): Promise<LoadedPlan>;
  /** Applies the saved plan of the last {@link plan} call. */
  applySavedPlan(): Promise<void>;
  close(): Promise<void>;
}

export async function createRealPlanStack(): Promise<RealPlanStack> {
  const emulator = await startEmulator();
  const workspace = createTerraformWorkspace({ SNYK_TOKEN: emulator.apiKey, SNYK_API_URL: emulator.url });
  let initialised = false;
  return {
    emulator,
    workspace,
    plan: async (stack, hcl, planArgs = []) => {
      workspace.writeFile('main.tf', `${REQUIRED_PROVIDERS}\n${hcl}`);
      if (!initialised) await workspace.mustTerraform(['init', '-input=false', '-no-color']);
      initialised = true;
      await workspace.mustTerraform(['plan', '-input=false', '-no-color', '-out', 'plan', ...planArgs]);
      const shown = await workspace.mustTerraform(['show', '-json', '-no-color', 'plan']);
      return { stack, source: `${stack}.json`, plan: parsePlanJson(shown.stdout, stack) };
    },
    applySavedPlan: async () => {
      await workspace.mustTerraform(['apply', '-input=false', '-no-color', 'plan']);
    },
    close: async () => {
      workspace.cleanup();
      await emulator.close();
    },
  };
}

/** Every Broker token the emulator has handed out so far (live and provisional). */
export function emulatorBrokerTokens(emulator: RunningEmulator): string[] {
  return emulator.state().tokenFamilies.flatMap((family) => [family.token, family.provisionalToken].filter((token): token is string => token !== null));
}

/** The summary of one plan in every format, for checks that must hold whatever the format. */
export function renderAllFormats(plan: LoadedPlan): string[] {
  return SUMMARY_FORMATS.map((format) => renderPlanSummary([plan], format).output);
}

/** `cdktf-snyk plan-summary --stack-dir DIR ...` through the bundled CLI, with terraform's environment. */
export function runPlanSummaryCli(args: string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
  return runCommand(process.execPath, [CLI, 'plan-summary', ...args], process.cwd(), env);
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Replaces each distinct UUID by `uuid-1`, `uuid-2`... in order of first appearance, so goldens survive new ids. */
export function normaliseUuids(text: string): string {
  const placeholders = new Map<string, string>();
  return text.replace(UUID, (uuid) => {
    const key = uuid.toLowerCase();
    if (!placeholders.has(key)) placeholders.set(key, `uuid-${placeholders.size + 1}`);
    return placeholders.get(key) ?? uuid;
  });
}

/** Compares with a golden file of this folder byte for byte; `UPDATE_GOLDEN=1` rewrites it instead. */
export function expectRealPlanGolden(file: string, actual: string): void {
  const path = join(GOLDEN_DIR, file);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`Golden file ${path} is missing: run the tests with UPDATE_GOLDEN=1 and review it.`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
