import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BehaviorOverrides, EmulatorState, FaultRule } from '../../../src/emulator';
import { pathMatcher } from '../../../src/emulator/faults';
import { CommandResult } from '../../support/terraform';
import { createSnykStack, orgHcl, SnykStack, unwrapped } from './support';

/**
 * The provider's core lifecycle, as the behaviour matrix runs it against one emulator: organizations, a brokered
 * integration with settings, a clone, an organization copied from a source organization, a two-phase rotation, a
 * second rotation from the active token left provisional, an import, and a destroy. After every step it checks the invariants that must hold whichever way Snyk behaves.
 */
export interface LifecycleRun {
  /** Emulator behaviours for the whole run. */
  readonly behaviors?: BehaviorOverrides;
  /** A fault in force for one step only (`when: 'after'`: the call is carried out, its answer lost). */
  readonly fault?: { readonly step: StepName; readonly rule: FaultRule };
}

export type StepName = 'create' | 'activate' | 'rotate-and-import' | 'destroy';

const TYPE = 'github-enterprise';

interface StepConfig {
  readonly token?: { generation: number; activate: boolean };
  readonly importCopy?: boolean;
}

function lifecycleHcl(group: string, step: StepConfig, copyOrgId: string | null): string {
  const org = (name: string, extra = '') => orgHcl(`matrix-${name}`, name, group, extra);
  let hcl =
    org('platform') +
    org('team') +
    org('copy', '  source_organization_id = snyk_organization.platform.id\n  depends_on             = [snyk_integration.ghe]\n') +
    `resource "snyk_integration" "ghe" {
  organization_id = snyk_organization.platform.id
  type            = "${TYPE}"
  broker          = true
  settings {
    pull_request_test_enabled = true
  }
}
resource "snyk_integration_clone" "team" {
  source_organization_id      = snyk_organization.platform.id
  source_integration_id       = snyk_integration.ghe.id
  destination_organization_id = snyk_organization.team.id
}
`;
  if (step.token) {
    hcl += `resource "snyk_broker_token" "rotation" {
  organization_id   = snyk_organization.platform.id
  integration_id    = snyk_integration.ghe.id
  rotation_triggers = { generation = "${step.token.generation}" }
  activate          = ${step.token.activate}
}
`;
  }
  if (step.importCopy && copyOrgId) {
    hcl += `import {
  to = snyk_integration.copy
  id = "${copyOrgId}/${TYPE}"
}
resource "snyk_integration" "copy" {
  organization_id = snyk_organization.copy.id
  type            = "${TYPE}"
  broker          = true
}
`;
  }
  return hcl;
}

type Resources = Record<string, Record<string, unknown>>;

interface Family {
  readonly token: string;
  readonly provisionalToken: string | null;
}

/** Runs the whole lifecycle; throws (failing the test) on the first broken invariant. */
export async function runLifecycle(run: LifecycleRun): Promise<void> {
  const stack = await createSnykStack({ behaviors: run.behaviors });
  try {
    await new Lifecycle(stack, run).run();
  } finally {
    await stack.close();
  }
}

class Lifecycle {
  private readonly group: string;
  /** The family's live token after the last step. */
  private liveToken: string | null = null;
  private ghe: string | null = null;
  private copyOrgId: string | null = null;
  private userSwitched = false;

  constructor(
    private readonly stack: SnykStack,
    private readonly run_: LifecycleRun,
  ) {
    this.group = stack.emulator.defaultGroupId;
  }

  async run(): Promise<void> {
    const orgsBefore = this.stack.emulator.state().orgs.length;
    await this.step('create', { token: { generation: 1, activate: false } }, false);
    const resources = await this.resources();
    this.copyOrgId = String(resources['snyk_organization.copy'].id);
    const family = this.family();
    // Unless the user had to switch to a lost token, as the error told them to.
    if (!this.userSwitched) expect(resources['snyk_integration.ghe'].broker_token).toBe(family.token);
    expect(this.familyOf(String(resources['snyk_integration_clone.team'].id))).toEqual(family);
    expect(this.familyOf(this.integrationOf(this.copyOrgId))).toEqual(family);
    expect(this.stack.emulator.state().orgs.length).toBe(orgsBefore + 3);

    await this.step('activate', { token: { generation: 1, activate: true } }, true);
    const rotate = await this.step('rotate-and-import', { token: { generation: 2, activate: false }, importCopy: true }, false);
    expect(rotate.stdout + rotate.stderr).not.toContain('cannot be made provisional');
    expect(unwrapped(rotate.stdout + rotate.stderr)).toContain('Broker token not known');
    expect((await this.resources())['snyk_integration.copy'].broker_token).toBeNull();

    await this.destroy();
    expect(this.stack.emulator.state().orgs.length).toBe(orgsBefore);
  }

  /** Applies one step (recovering as the error message says, when it stops), then checks the invariants. */
  private async step(name: StepName, config: StepConfig, activates: boolean): Promise<CommandResult> {
    this.stack.configure(lifecycleHcl(this.group, config, this.copyOrgId));
    this.armFault(name);
    await this.stack.init();
    const first = await this.stack.workspace.terraform(['apply', '-auto-approve', '-no-color', '-parallelism=4']);
    let result = first;
    let recovered = false;
    if (first.code !== 0) {
      await this.recover(first);
      recovered = true;
      const again = await this.stack.apply(['-parallelism=4']);
      // What the step said, over both applies.
      result = { code: again.code, stdout: first.stdout + again.stdout, stderr: first.stderr + again.stderr };
    }
    this.expectFaultFired(name);
    this.stack.emulator.clearFaults();
    await this.checkInvariants(name, activates, recovered);
    const plan = await this.stack.plan();
    if (plan.code !== 0) throw new Error(`step ${name}: the plan after apply is not empty\n${plan.stdout}`);
    return result;
  }

  private armFault(step: StepName): void {
    if (this.run_.fault?.step === step) this.stack.emulator.addFault(this.run_.fault.rule);
  }

  /** The fault of this step really hit a call (an answer lost), so the run proves something. */
  private expectFaultFired(step: StepName): void {
    const fault = this.run_.fault;
    if (fault?.step !== step) return;
    const matches = pathMatcher(fault.rule.path);
    const hit = this.stack.emulator.requests().some((request) => request.method === fault.rule.method && matches(request.path) && [0, 500].includes(request.status));
    expect(hit).toBe(true);
  }

  /** Does what a stopping error says to do; any other error fails the run. */
  private async recover(failed: CommandResult): Promise<void> {
    const output = unwrapped(failed.stderr);
    const switchUrl = /POST (http\S+\/authentication\/switch-token) with your API key/.exec(output)?.[1];
    if (output.includes('Broker token provisioned, but its answer was lost') && switchUrl) {
      const switched = await fetch(switchUrl, { method: 'POST', headers: { Authorization: `token ${this.stack.emulator.apiKey}` } });
      expect(switched.status).toBe(200);
      // The user switched to a token nobody holds, as told: the live token changes outside any plan.
      this.userSwitched = true;
      return;
    }
    if (output.includes('Import the right one or delete it before trying again')) {
      const known = new Set(Object.values(await this.resources()).map((values) => values.id));
      for (const org of this.stack.emulator.state().orgs) {
        const address = `snyk_organization.${org.name.replace(/^matrix-/, '')}`;
        if (org.name.startsWith('matrix-') && !known.has(org.id)) await this.stack.workspace.mustTerraform(['import', '-no-color', address, org.id]);
      }
      return;
    }
    throw new Error(`apply stopped with an error that says nothing to do:\n${failed.stderr}`);
  }

  private async checkInvariants(step: StepName, activates: boolean, recovered: boolean): Promise<void> {
    const state = this.stack.emulator.state();
    const perOrgType = state.integrations.map((integration) => `${integration.orgId}/${integration.type}`);
    expect(new Set(perOrgType).size).toBe(perOrgType.length);
    const matrixOrgs = state.orgs.filter((org) => org.name.startsWith('matrix-')).map((org) => org.name);
    expect(new Set(matrixOrgs).size).toBe(matrixOrgs.length);
    if (step === 'destroy') return;

    const resources = await this.resources();
    this.ghe = String(resources['snyk_integration.ghe'].id);
    const family = this.family();
    const token = resources['snyk_broker_token.rotation'];
    if (token) {
      // The token Terraform holds is the family's live one (active) or its outstanding provisional one.
      expect(token.token).toBe(token.status === 'active' ? family.token : family.provisionalToken);
    }
    // No provisional token exists in Snyk that the state does not hold.
    if (family.provisionalToken !== null) expect(token?.token).toBe(family.provisionalToken);
    const integrationToken = resources['snyk_integration.ghe'].broker_token;
    if (!token && !this.userSwitched) expect(integrationToken).toBe(family.token);
    // The live token changes only where the plan showed an activation (or the user switched as told).
    if (this.liveToken !== null && family.token !== this.liveToken) {
      expect(activates || recovered).toBe(true);
      if (!recovered) expect(token?.token).toBe(family.token);
    }
    this.liveToken = family.token;
  }

  private async destroy(): Promise<void> {
    this.armFault('destroy');
    const result = await this.stack.workspace.terraform(['destroy', '-auto-approve', '-no-color', '-parallelism=4']);
    if (result.code !== 0) throw new Error(`destroy failed:\n${result.stderr}`);
    this.expectFaultFired('destroy');
    this.stack.emulator.clearFaults();
    await this.checkInvariants('destroy', false, false);
  }

  /** The resources in Terraform's state, read from the local state file (cheaper than `terraform show`). */
  private async resources(): Promise<Resources> {
    const path = join(this.stack.workspace.dir, 'terraform.tfstate');
    if (!existsSync(path)) return {};
    const state = JSON.parse(readFileSync(path, 'utf8')) as {
      resources?: Array<{ mode: string; type: string; name: string; instances: Array<{ attributes: Record<string, unknown> }> }>;
    };
    return Object.fromEntries(
      (state.resources ?? []).filter((resource) => resource.mode === 'managed').map((resource) => [`${resource.type}.${resource.name}`, resource.instances[0]?.attributes ?? {}]),
    );
  }

  private family(): Family {
    return this.familyOf(this.ghe as string);
  }

  private familyOf(integrationId: string): Family {
    const state: EmulatorState = this.stack.emulator.state();
    const familyId = state.integrations.find((integration) => integration.id === integrationId)?.tokenFamilyId;
    const family = state.tokenFamilies.find((candidate) => candidate.id === familyId);
    if (!family) throw new Error(`integration ${integrationId} is not brokered in the emulator`);
    return { token: family.token, provisionalToken: family.provisionalToken };
  }

  private integrationOf(orgId: string): string {
    const integration = this.stack.emulator.state().integrations.find((candidate) => candidate.orgId === orgId && candidate.type === TYPE);
    if (!integration) throw new Error(`org ${orgId} has no ${TYPE} integration`);
    return integration.id;
  }
}
