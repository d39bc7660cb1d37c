import { LoadedPlan } from '../../../src/plan-summary';
import { CommandResult } from '../../support/terraform';
import { PLANTED, scenarioHcl, ScenarioStep } from './config';
import { createRealPlanStack, emulatorBrokerTokens, runPlanSummaryCli } from './support';

/** Everything the scenario produced: the plans as JSON, CLI runs on the saved plans, and the secrets planted. */
export interface ScenarioRun {
  /** Orgs, integrations, clones, a provisional token, an import and a terraform_data; nothing destroyed. */
  readonly create: LoadedPlan;
  /** Rename, group change (replace), broker on, broker off, new credentials, token activation. */
  readonly update: LoadedPlan;
  /** rotation_triggers changed with activate = true: the live token switches. */
  readonly rotate: LoadedPlan;
  /** An integration and a clone removed from the configuration while their orgs stay. */
  readonly prune: LoadedPlan;
  readonly destroy: LoadedPlan;
  /** `--stack-dir --fail-on-destructive --format json` on the saved create plan. */
  readonly createCli: CommandResult;
  /** `--stack-dir --fail-on-destructive` in each format on the saved destroy plan. */
  readonly destroyCli: readonly CommandResult[];
  readonly ids: { readonly groupId: string; readonly otherGroupId: string; readonly legacyOrgId: string; readonly securityOrgId: string };
  /** Values that must never appear: credentials, the API key, every Broker token the emulator issued. */
  readonly secrets: readonly string[];
}

/** Runs the whole scenario against one emulator and one terraform folder, cleaning up whatever happens. */
export async function runScenario(): Promise<ScenarioRun> {
  const stack = await createRealPlanStack();
  try {
    const { emulator, workspace } = stack;
    const groupId = emulator.defaultGroupId;
    const otherGroupId = emulator.createGroup('acme-eu').id;
    const legacyOrgId = emulator.createOrg(groupId, 'legacy').id;
    const securityOrgId = emulator.createOrg(groupId, 'security').id;
    const base: ScenarioStep = { groupId, securityOrgId, teamName: 'team', sandboxGroupId: groupId, updated: false, rotationGeneration: '1' };
    const cliEnv = { ...workspace.env, PATH: process.env.PATH };
    const tokens = new Set<string>();
    const noteTokens = () => emulatorBrokerTokens(emulator).forEach((token) => tokens.add(token));

    const create = await stack.plan('create', scenarioHcl({ ...base, providerToken: emulator.apiKey, importLegacyOrgId: legacyOrgId }));
    const createCli = await runPlanSummaryCli(['--stack-dir', workspace.dir, '--fail-on-destructive', '--format', 'json'], cliEnv);
    await stack.applySavedPlan();
    noteTokens();

    const updatedStep: ScenarioStep = { ...base, teamName: 'team-platform', sandboxGroupId: otherGroupId, updated: true };
    const update = await stack.plan('update', scenarioHcl(updatedStep));
    await stack.applySavedPlan();
    noteTokens();

    const rotatedStep: ScenarioStep = { ...updatedStep, rotationGeneration: '2' };
    const rotate = await stack.plan('rotate', scenarioHcl(rotatedStep));
    await stack.applySavedPlan();
    noteTokens();

    const prunedStep: ScenarioStep = { ...rotatedStep, pruned: true };
    const prune = await stack.plan('prune', scenarioHcl(prunedStep));
    await stack.applySavedPlan();

    const destroy = await stack.plan('destroy', scenarioHcl(prunedStep), ['-destroy']);
    const destroyCli: CommandResult[] = [];
    for (const format of ['markdown', 'json', 'text']) {
      destroyCli.push(await runPlanSummaryCli(['--stack-dir', workspace.dir, '--fail-on-destructive', '--format', format], cliEnv));
    }
    const secrets = [...Object.values(PLANTED), emulator.apiKey, ...tokens];
    return { create, update, rotate, prune, destroy, createCli, destroyCli, ids: { groupId, otherGroupId, legacyOrgId, securityOrgId }, secrets };
  } finally {
    await stack.close();
  }
}
