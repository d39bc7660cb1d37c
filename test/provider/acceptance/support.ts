import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmulatorOptions, EmulatorState, RunningEmulator, startEmulator } from '../../../src/emulator';
import { CommandResult, createTerraformWorkspace, REQUIRED_PROVIDERS, TerraformWorkspace } from '../../support/terraform';

/** One emulator and one terraform working directory holding `main.tf`, for a sequence of steps. */
export interface SnykStack {
  /** The emulator in use (a new object after `editSnykOutsideTerraform`). */
  readonly emulator: RunningEmulator;
  readonly workspace: TerraformWorkspace;
  /**
   * Changes Snyk the way someone in its web UI could, where the API cannot (e.g. removing an integration): stops the
   * emulator, edits its state file and starts it again at the same URL with the same key, behaviours and faults cleared.
   */
  editSnykOutsideTerraform(edit: (state: EmulatorState) => EmulatorState): Promise<void>;
  /** Writes main.tf (the terraform block is added) and runs nothing. */
  configure(hcl: string): void;
  /** `terraform init`, once; apply and plan call it themselves. */
  init(): Promise<void>;
  apply(extraArgs?: string[]): Promise<CommandResult>;
  /** `terraform plan -detailed-exitcode`: 0 no changes, 2 changes. */
  plan(): Promise<CommandResult>;
  resourceValues(address: string): Promise<Record<string, unknown>>;
  outputs(): Promise<Record<string, { value: unknown; sensitive: boolean }>>;
  close(): Promise<void>;
}

export async function createSnykStack(options: EmulatorOptions = {}): Promise<SnykStack> {
  const workspace = createTerraformWorkspace();
  const stateFile = join(workspace.root, 'emulator-state.json');
  let emulator = await startEmulator({ ...options, stateFile });
  Object.assign(workspace.env, { SNYK_TOKEN: emulator.apiKey, SNYK_API_URL: emulator.url });
  let initialised = false;
  const init = async () => {
    if (!initialised) await workspace.mustTerraform(['init', '-no-color']);
    initialised = true;
  };
  const show = async () =>
    JSON.parse((await workspace.mustTerraform(['show', '-json'])).stdout) as {
      values?: { root_module?: { resources?: Array<{ address: string; values: Record<string, unknown> }> } };
    };
  return {
    get emulator() {
      return emulator;
    },
    workspace,
    editSnykOutsideTerraform: async (edit) => {
      const { port } = new URL(emulator.url);
      await emulator.close();
      writeFileSync(stateFile, JSON.stringify(edit(JSON.parse(readFileSync(stateFile, 'utf8')) as EmulatorState)));
      emulator = await startEmulator({ ...options, faults: [], stateFile, apiKey: emulator.apiKey, port: Number(port) });
    },
    configure: (hcl) => workspace.writeFile('main.tf', `${REQUIRED_PROVIDERS}\n${hcl}`),
    init,
    apply: async (extraArgs = []) => {
      await init();
      return workspace.mustTerraform(['apply', '-auto-approve', '-no-color', ...extraArgs]);
    },
    plan: async () => {
      await init();
      return workspace.mustTerraform(['plan', '-detailed-exitcode', '-no-color'], {}, [0, 2]);
    },
    resourceValues: async (address) => {
      const resource = (await show()).values?.root_module?.resources?.find((candidate) => candidate.address === address);
      if (!resource) throw new Error(`${address} is not in the state`);
      return resource.values;
    },
    outputs: async () => JSON.parse((await workspace.mustTerraform(['output', '-json'])).stdout) as Record<string, { value: unknown; sensitive: boolean }>,
    close: async () => {
      await emulator.close();
      workspace.cleanup();
    },
  };
}

export { brokeredIntegrationHcl, integrationCloneHcl, orgHcl } from '../../support/hcl';

/** The token family an integration of the emulator belongs to. */
export function familyOf(emulator: RunningEmulator, integrationId: string): { id: string; token: string; provisionalToken: string | null } | undefined {
  const state = emulator.state();
  const familyId = state.integrations.find((integration) => integration.id === integrationId)?.tokenFamilyId;
  return state.tokenFamilies.find((family) => family.id === familyId);
}

/** Runs `steps` against a fresh emulator and terraform directory, cleaning up whatever happens. */
export async function withSnykStack(steps: (stack: SnykStack, groupId: string) => Promise<void>, options: EmulatorOptions = {}): Promise<void> {
  const stack = await createSnykStack(options);
  try {
    await steps(stack, stack.emulator.defaultGroupId);
  } finally {
    await stack.close();
  }
}

/** Terraform wraps diagnostics at 78 columns: compare text with runs of white space folded. */
export function unwrapped(text: string): string {
  return text.replace(/\s+/g, ' ');
}
