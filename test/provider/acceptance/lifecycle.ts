import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BehaviorOverrides, EmulatorState, FaultRule } from '../../../src/emulator';
import { pathMatcher } from '../../../src/emulator/faults';
import { CommandResult } from '../../support/terraform';
import { createSnykStack, integrationCloneHcl, orgHcl, SnykStack, unwrapped } from './support';

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
  /** The extra situations to provoke before the destroy (none by default). */
  readonly edges?: EdgeStepOptions;
  /** The emulator's rate-limiting interval. @default one minute, as Snyk's */
  readonly rateLimitWindowMs?: number;
  /** Calls the request log must show after the run, answered with the status given. */
  readonly provokes?: readonly LoggedCall[];
  /** Answers the request log must not show after the run. */
  readonly avoids?: readonly LoggedCall[];
}

/** An organization of the run that a path pattern may name, as `{copy}`: the organization copied from the platform's. */
type OrgPlaceholder = 'copy';

/**
 * A call in the emulator's request log: method, path pattern (as a fault's: `*` one segment, `**` any number; `{copy}`
 * the copied organization's id) and status.
 */
export interface LoggedCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | '*';
  readonly pathPattern: string;
  readonly status: number;
}

/**
 * Situations that the core lifecycle does not meet, each provoked in one extra step (`edge`) before the destroy,
 * with the provider's outcome asserted. A first apply meets the refusals; a second, without what was refused, must
 * converge with the usual invariants.
 */
export interface EdgeStepOptions {
  /** The copied org's brokered integration, imported again with broker = false and credentials (`broker` unknown). */
  readonly importUnknownAsDirect?: boolean;
  /** A clone into an organization of another group: Snyk refuses it (`clone-across-groups-status`). */
  readonly cloneToOtherGroup?: boolean;
  /** A second provisional token in the family while the rotation's is outstanding (`provision-conflict-status`). */
  readonly secondProvisional?: boolean;
  /**
   * A rotation of another token family of the group (a new brokered integration) while the rotation's provisional
   * token is outstanding: refused only where Snyk counts one provisional token per group (`provision-conflict-scope`).
   */
  readonly otherFamilyProvisional?: boolean;
  /** An integration of a type the organization already has (`integration-duplicate-type-status`). */
  readonly duplicateType?: boolean;
  /** An organization with a project, destroyed (`org-delete-with-projects-status`). */
  readonly orgWithProjects?: boolean;
}

export type StepName = 'create' | 'activate' | 'rotate-and-import' | 'edge' | 'destroy';

const TYPE = 'github-enterprise';

interface StepConfig {
  readonly token?: { generation: number; activate: boolean };
  readonly importCopy?: boolean;
  /** HCL added by the edge step. */
  readonly extra?: string;
}

/** Credentials of a github-enterprise integration without the broker. */
const DIRECT_CREDENTIALS = '{\n    token = "ghe-direct-token"\n    url   = "https://ghe.example.com"\n  }';

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
  hcl += step.extra ?? '';
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

/** A clone of the brokered integration into `snyk_organization.<org>`. */
function integrationCloneHclFor(resourceName: string, org: string): string {
  return integrationCloneHcl(resourceName, { org: 'platform', integration: 'ghe' }, org);
}

/** A second rotation in the family (of the team's clone) while the rotation's provisional token is outstanding. */
const SECOND_PROVISIONAL_HCL = `resource "snyk_broker_token" "second" {
  organization_id   = snyk_organization.team.id
  integration_id    = snyk_integration_clone.team.id
  rotation_triggers = { generation = "1" }
  activate          = false
}
`;

/** A rotation of a second token family: a new brokered integration of another type in the team organization. */
const OTHER_FAMILY_PROVISIONAL_HCL = `resource "snyk_integration" "other_family" {
  organization_id = snyk_organization.team.id
  type            = "gitlab"
  broker          = true
}
resource "snyk_broker_token" "other_family" {
  organization_id   = snyk_organization.team.id
  integration_id    = snyk_integration.other_family.id
  rotation_triggers = { generation = "1" }
  activate          = false
}
`;

/** A second integration of the clone's type in the team organization. */
const DUPLICATE_TYPE_HCL = `resource "snyk_integration" "duplicate" {
  organization_id = snyk_organization.team.id
  type            = "${TYPE}"
  broker          = true
}
`;

type Resources = Record<string, Record<string, unknown>>;

interface Family {
  readonly token: string;
  readonly provisionalToken: string | null;
}

/** Runs the whole lifecycle; throws (failing the test) on the first broken invariant. */
export async function runLifecycle(run: LifecycleRun): Promise<void> {
  const stack = await createSnykStack({ behaviors: run.behaviors, rateLimitWindowMs: run.rateLimitWindowMs });
  try {
    const lifecycle = new Lifecycle(stack, run);
    await lifecycle.run();
    expectLoggedCalls(stack, run, { copy: lifecycle.copyOrg });
  } finally {
    await stack.close();
  }
}

/** The behaviour was met (its calls are in the log with its status), and what must be avoided was. */
function expectLoggedCalls(stack: SnykStack, run: LifecycleRun, ids: Readonly<Record<OrgPlaceholder, string>>): void {
  const log = stack.emulator.requests();
  const answered = (expected: LoggedCall) => {
    const matches = pathMatcher(expected.pathPattern.replace(/\{(\w+)\}/g, (_all, name: OrgPlaceholder) => ids[name]));
    return log.some((entry) => (expected.method === '*' || entry.method === expected.method) && matches(entry.path) && entry.status === expected.status);
  };
  const describe = (calls: readonly LoggedCall[]) => calls.map((call) => `${call.method} ${call.pathPattern} -> ${call.status}`);
  expect(describe((run.provokes ?? []).filter((expected) => !answered(expected)))).toEqual([]);
  expect(describe((run.avoids ?? []).filter(answered))).toEqual([]);
}

class Lifecycle {
  private readonly group: string;
  /** The family's live token after the last step. */
  private liveToken: string | null = null;
  private ghe: string | null = null;
  private copyOrgId: string | null = null;

  /** The organization created as a copy of the platform's (known after the first step). */
  get copyOrg(): string {
    return this.copyOrgId ?? '(no copy)';
  }
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

    const edges = this.run_.edges ?? {};
    if (Object.values(edges).some(Boolean)) await this.edgeStep(edges);
    const keptOrgs = await this.destroy(edges);
    expect(this.stack.emulator.state().orgs.length).toBe(orgsBefore + keptOrgs);
  }

  /**
   * The situations of `edges`, with the provider's outcome for each: a refusal that names the call and what to do,
   * or the documented safe outcome; never a token changed or lost (the step's invariants).
   */
  private async edgeStep(edges: EdgeStepOptions): Promise<void> {
    const elsewhere = edges.cloneToOtherGroup || edges.orgWithProjects ? this.stack.emulator.createGroup('matrix-elsewhere').id : null;
    const kept = this.edgeHcl(edges, elsewhere);
    const refused =
      (edges.cloneToOtherGroup ? integrationCloneHclFor('elsewhere', 'elsewhere') : '') +
      (edges.secondProvisional ? SECOND_PROVISIONAL_HCL : '') +
      (edges.otherFamilyProvisional ? OTHER_FAMILY_PROVISIONAL_HCL : '') +
      (edges.duplicateType ? DUPLICATE_TYPE_HCL : '');
    const rotation = { generation: 2, activate: false };
    if (refused) {
      this.stack.configure(lifecycleHcl(this.group, { token: rotation, importCopy: !edges.importUnknownAsDirect, extra: kept + refused }, this.copyOrgId));
      const first = await this.stack.workspace.terraform(['apply', '-auto-approve', '-no-color', '-parallelism=4']);
      expect(first.code).not.toBe(0);
      const output = unwrapped(first.stderr);
      if (edges.cloneToOtherGroup) expect(output).toMatch(/Snyk API POST \S+\/clone failed: 4\d\d .*same group/);
      if (edges.secondProvisional) expect(output).toMatch(/A provisional Broker token already exists .*with snyk_broker_token\.second,/);
      // Refused for the rotation or, where Snyk will not enable the broker again, already for the new integration's token.
      if (edges.otherFamilyProvisional) {
        expect(output).toMatch(/(A provisional Broker token already exists|Broker token of the new integration not captured) .*with snyk_(broker_token|integration)\.other_family,/);
      }
      if (edges.duplicateType) expect(output).toContain(`terraform import <resource address> ${this.teamOrgId()}/${TYPE}`);
    }
    await this.step('edge', { token: rotation, importCopy: !edges.importUnknownAsDirect, extra: kept }, false);
    if (edges.importUnknownAsDirect) {
      // Disabled with the credentials whether or not it was brokered; Snyk's token-like PUT answer is not kept.
      expect((await this.resources())['snyk_integration.copy_direct']).toMatchObject({ broker: false, broker_token: null });
      expect(this.stack.emulator.state().integrations.find((integration) => integration.orgId === this.copyOrgId)?.tokenFamilyId).toBeNull();
    }
    if (edges.orgWithProjects) {
      const org = String((await this.resources())['snyk_organization.elsewhere'].id);
      this.stack.emulator.addProject(org);
    }
  }

  /** What the edge step keeps in the configuration after its refusals. */
  private edgeHcl(edges: EdgeStepOptions, elsewhereGroup: string | null): string {
    let hcl = elsewhereGroup ? orgHcl('matrix-elsewhere', 'elsewhere', elsewhereGroup) : '';
    if (edges.importUnknownAsDirect && this.copyOrgId) {
      hcl += `removed {
  from = snyk_integration.copy
  lifecycle {
    destroy = false
  }
}
import {
  to = snyk_integration.copy_direct
  id = "${this.copyOrgId}/${TYPE}"
}
resource "snyk_integration" "copy_direct" {
  organization_id = snyk_organization.copy.id
  type            = "${TYPE}"
  broker          = false
  credentials     = ${DIRECT_CREDENTIALS}
}
`;
    }
    return hcl;
  }

  private teamOrgId(): string {
    const team = this.stack.emulator.state().orgs.find((org) => org.name === 'matrix-team');
    if (!team) throw new Error('no matrix-team organization');
    return team.id;
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

  /** Destroys everything; returns how many organizations stay in Snyk, as the destroy's error said they would. */
  private async destroy(edges: EdgeStepOptions): Promise<number> {
    this.armFault('destroy');
    const result = await this.stack.workspace.terraform(['destroy', '-auto-approve', '-no-color', '-parallelism=4']);
    let kept = 0;
    if (edges.orgWithProjects) {
      // Snyk refuses to delete an organization with projects: the destroy stops naming the call and its status
      // (with what to do, for the documented 409), and the organization stays in state until removed from it.
      expect(result.code).not.toBe(0);
      const output = unwrapped(result.stderr);
      expect(output).toMatch(/Snyk API DELETE \/v1\/org\/\S+ failed: 4\d\d/);
      if (output.includes('failed: 409')) expect(output).toContain('terraform state rm');
      expect(Object.keys(await this.resources())).toEqual(['snyk_organization.elsewhere']);
      await this.stack.workspace.mustTerraform(['state', 'rm', 'snyk_organization.elsewhere']);
      kept = 1;
    } else if (result.code !== 0) {
      throw new Error(`destroy failed:\n${result.stderr}`);
    }
    this.expectFaultFired('destroy');
    this.stack.emulator.clearFaults();
    await this.checkInvariants('destroy', false, false);
    expect(await this.resources()).toEqual({});
    return kept;
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
