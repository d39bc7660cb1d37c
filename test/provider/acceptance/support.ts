import { RunningEmulator, startEmulator } from '../../../src/emulator';
import { CommandResult, createTerraformWorkspace, REQUIRED_PROVIDERS, TerraformWorkspace } from '../../support/terraform';

/** One emulator and one terraform working directory holding `main.tf`, for a sequence of steps. */
export interface SnykStack {
  readonly emulator: RunningEmulator;
  readonly workspace: TerraformWorkspace;
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

export async function createSnykStack(): Promise<SnykStack> {
  const emulator = await startEmulator();
  const workspace = createTerraformWorkspace({ SNYK_TOKEN: emulator.apiKey, SNYK_API_URL: emulator.url });
  let initialised = false;
  const init = async () => {
    if (!initialised) await workspace.mustTerraform(['init', '-no-color']);
    initialised = true;
  };
  return {
    emulator,
    workspace,
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
      const show = JSON.parse((await workspace.mustTerraform(['show', '-json'])).stdout) as {
        values?: { root_module?: { resources?: Array<{ address: string; values: Record<string, unknown> }> } };
      };
      const resource = show.values?.root_module?.resources?.find((candidate) => candidate.address === address);
      if (!resource) throw new Error(`${address} is not in the state`);
      return resource.values;
    },
    outputs: async () => JSON.parse((await workspace.mustTerraform(['output', '-json'])).stdout) as Record<string, { value: unknown; sensitive: boolean }>,
    close: async () => {
      workspace.cleanup();
      await emulator.close();
    },
  };
}

/** HCL for an organization in the emulator's default group. */
export function orgHcl(name: string, resourceName: string, groupId: string, extra = ''): string {
  return `resource "snyk_organization" "${resourceName}" {\n  name     = "${name}"\n  group_id = "${groupId}"\n${extra}}\n`;
}

/** The token family an integration of the emulator belongs to. */
export function familyOf(emulator: RunningEmulator, integrationId: string): { id: string; token: string; provisionalToken: string | null } | undefined {
  const state = emulator.state();
  const familyId = state.integrations.find((integration) => integration.id === integrationId)?.tokenFamilyId;
  return state.tokenFamilies.find((family) => family.id === familyId);
}

/** Runs `steps` against a fresh emulator and terraform directory, cleaning up whatever happens. */
export async function withSnykStack(steps: (stack: SnykStack, groupId: string) => Promise<void>): Promise<void> {
  const stack = await createSnykStack();
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
