import { LoadedPlan, renderPlanSummary, SnykChangeEntry, StackSummary, summarizePlan } from '../../../src/plan-summary';
import { PLANTED } from './config';
import { runScenario, ScenarioRun } from './scenario';
import { expectRealPlanGolden, normaliseUuids, renderAllFormats } from './support';

const summarize = (loaded: LoadedPlan): StackSummary => summarizePlan(loaded.plan, loaded.stack, loaded.source);

function entry(entries: readonly SnykChangeEntry[], address: string): SnykChangeEntry {
  const found = entries.find((candidate) => candidate.address === address);
  if (!found) throw new Error(`${address} is not in the summary: ${entries.map((candidate) => candidate.address).join(', ')}`);
  return found;
}

function warningsAt(summary: StackSummary, address: string): string[] {
  return summary.warnings.filter((warning) => warning.address === address).map((warning) => `${warning.severity}: ${warning.message}`);
}

const FAMILY_ORGS = 'orgs: platform, platform-copy, security, team-eu, team-platform';
const LEFT_BEHIND = /^warning: .*: Snyk cannot delete an integration; destroying it only clears its credentials\. The integration \(and any Broker token it has\) stays in Snyk\.$/;

/**
 * One emulator and one terraform folder: the base configuration is planned and applied, then changed step by step,
 * each step's saved plan summarised as a reviewer would see it.
 */
describe('plan-summary on plans made by terraform, the provider and the emulator', () => {
  let run: ScenarioRun;

  beforeAll(async () => {
    run = await runScenario();
  });

  describe('creating everything', () => {
    let summary: StackSummary;
    beforeAll(() => (summary = summarize(run.create)));

    test('lists the orgs created, naming the one copied from another, and the import', () => {
      expect(summary.organizations.map((org) => [org.kind, org.label])).toEqual([
        ['create', 'platform-copy'],
        ['no-op', 'legacy'],
        ['create', 'platform'],
        ['create', 'sandbox'],
        ['create', 'team'],
        ['create', 'team-eu'],
      ]);
      expect(entry(summary.organizations, 'snyk_organization.copy').details).toContain('created from platform: its integrations and Broker tokens are copied');
      expect(entry(summary.organizations, 'snyk_organization.legacy').importingId).toBe(run.ids.legacyOrgId);
      expect(warningsAt(summary, 'snyk_organization.legacy')).toEqual([`note: legacy is imported from the existing object \`${run.ids.legacyOrgId}\`.`]);
      expect(summary.snykCounts).toMatchObject({ create: 13, import: 1, delete: 0, replace: 0 });
    });

    test('says which integrations are brokered and which have credentials, without the values', () => {
      expect(entry(summary.integrations, 'snyk_integration.ghe')).toMatchObject({ label: 'github-enterprise in platform', details: ['brokered: a Broker token is captured'] });
      expect(entry(summary.integrations, 'snyk_integration.gitlab').details).toEqual(['credentials set (values hidden)']);
    });

    test('a token created with activate = false is provisioned without touching the live token', () => {
      expect(entry(summary.brokerTokens, 'snyk_broker_token.ghe')).toMatchObject({
        kind: 'create',
        label: 'Broker token of github-enterprise in platform',
        details: ['provisioned as provisional (activate = false): the live token does not change yet'],
      });
      expect(summary.warnings.filter((warning) => warning.severity === 'caution')).toEqual([]);
    });

    test('shows the clones fanned out from one integration, into orgs named from config and from a data source', () => {
      expect(summary.clones.map((clone) => clone.details)).toEqual([
        ['clone of github-enterprise in platform into security'],
        ['clone of github-enterprise in platform into team'],
        ['clone of github-enterprise in platform into team-eu'],
      ]);
      const family = summary.families.find((candidate) => candidate.label === 'github-enterprise in platform');
      expect(family?.organizations).toEqual(['platform', 'platform-copy', 'security', 'team', 'team-eu']);
    });

    test('counts terraform_data under other providers', () => {
      expect(summary.otherProviders).toEqual([{ provider: 'terraform.io/builtin/terraform', counts: expect.objectContaining({ create: 1, delete: 0 }) }]);
    });

    test('through the CLI with --stack-dir, a create-only plan passes --fail-on-destructive', () => {
      expect(run.createCli.stderr).toBe('');
      expect(run.createCli.code).toBe(0);
      const [stack] = JSON.parse(run.createCli.stdout).stacks;
      expect(stack).toMatchObject({ stack: 'work', destructive: false, counts: { snyk: { create: 13, import: 1 } } });
      expect(stack.clones).toHaveLength(3);
    });
  });

  describe('changing it', () => {
    let summary: StackSummary;
    beforeAll(() => (summary = summarize(run.update)));

    test('a rename is an update; a group change is a replacement naming group_id', () => {
      expect(entry(summary.organizations, 'snyk_organization.team')).toMatchObject({ kind: 'update', details: ['renamed from "team" to "team-platform"'] });
      const sandbox = entry(summary.organizations, 'snyk_organization.sandbox');
      expect(sandbox.kind).toBe('replace');
      expect(sandbox.details).toEqual([
        'replaced because `group_id` changed',
        `moves to group \`${run.ids.otherGroupId}\` (from \`${run.ids.groupId}\`)`,
      ]);
      expect(warningsAt(summary, 'snyk_organization.sandbox')).toEqual([
        expect.stringMatching(/^caution: Organization sandbox is replaced: the old org is deleted, which cannot be undone/),
        'warning: sandbox is replaced because `group_id` changed (the old one is destroyed first).',
      ]);
    });

    test('brokered, un-brokered and new credentials are told apart', () => {
      expect(entry(summary.integrations, 'snyk_integration.gitlab').details).toEqual(['broker enabled: a Broker token is captured', 'credentials removed']);
      expect(entry(summary.integrations, 'snyk_integration.bitbucket').details).toEqual([
        'broker disabled (un-brokered): Snyk connects with the credentials instead',
        'credentials set (values hidden)',
      ]);
      expect(entry(summary.integrations, 'snyk_integration.docker').details).toEqual(['credentials changed (values hidden)']);
      expect(warningsAt(summary, 'snyk_integration.bitbucket')).toEqual([
        'warning: bitbucket-server in platform: the broker is disabled; the Broker clients of the token family of bitbucket-server in platform (orgs: platform, platform-copy) no longer serve it.',
      ]);
    });

    test('activating the provisional token warns that the live token switches across the whole family', () => {
      expect(entry(summary.brokerTokens, 'snyk_broker_token.ghe')).toMatchObject({ kind: 'update', details: ['activated: the provisional token becomes the live token'] });
      expect(warningsAt(summary, 'snyk_broker_token.ghe')).toEqual([
        `caution: Broker token of github-enterprise in platform: activation switches the live Broker token for the token family of github-enterprise in platform (${FAMILY_ORGS}). Broker clients must already run the provisional token.`,
      ]);
    });
  });

  describe('rotating the token', () => {
    test('a rotation_triggers change replaces the token and warns that the live token switches, listing the orgs', () => {
      const summary = summarize(run.rotate);
      expect(entry(summary.brokerTokens, 'snyk_broker_token.ghe')).toMatchObject({
        kind: 'replace',
        details: ['replaced because `rotation_triggers` changed', 'rotated: a new token is provisioned and activated: it becomes the live token'],
      });
      const [caution] = warningsAt(summary, 'snyk_broker_token.ghe');
      expect(caution).toContain(`switches the live Broker token for the token family of github-enterprise in platform (${FAMILY_ORGS})`);
      expect(caution).toContain('Broker clients must already run the new token');
    });
  });

  describe('removing an integration and a clone while their orgs stay', () => {
    test('flags that both stay behind in Snyk, and nothing as irreversible', () => {
      const summary = summarize(run.prune);
      expect(entry(summary.integrations, 'snyk_integration.docker')).toMatchObject({ kind: 'delete', details: ['stays in Snyk with its credentials cleared'] });
      expect(entry(summary.clones, 'snyk_integration_clone.team_eu')).toMatchObject({ kind: 'delete', label: 'github-enterprise in team-eu' });
      for (const address of ['snyk_integration.docker', 'snyk_integration_clone.team_eu']) {
        expect(warningsAt(summary, address)).toEqual([expect.stringMatching(LEFT_BEHIND)]);
      }
      expect(summary.warnings.map((warning) => warning.address).sort()).toEqual(['snyk_integration.docker', 'snyk_integration_clone.team_eu']);
      expect(summary.snykCounts).toMatchObject({ delete: 2, create: 0, update: 0, replace: 0 });
    });
  });

  describe('destroying it', () => {
    let summary: StackSummary;
    beforeAll(() => (summary = summarize(run.destroy)));

    test('every org deletion is a caution', () => {
      const deleted = summary.organizations.filter((org) => org.kind === 'delete').map((org) => org.label);
      expect(deleted).toEqual(['platform-copy', 'legacy', 'platform', 'sandbox', 'team-platform', 'team-eu']);
      for (const org of summary.organizations) expect(warningsAt(summary, org.address)[0]).toMatch(/^caution: Organization .* is deleted, which cannot be undone/);
    });

    test('flags what stays behind in Snyk (a clone into an org outside the plan, the Broker token), not what goes with its org', () => {
      expect(warningsAt(summary, 'snyk_integration_clone.security')).toEqual([expect.stringMatching(LEFT_BEHIND)]);
      expect(entry(summary.clones, 'snyk_integration_clone.security').details).toEqual(['stays in Snyk with its credentials cleared']);
      expect(warningsAt(summary, 'snyk_broker_token.ghe')).toEqual([
        'warning: Broker token of github-enterprise in platform: destroying it only removes it from Terraform state; the token stays in use in Snyk.',
      ]);
      for (const address of ['snyk_integration.ghe', 'snyk_integration.gitlab', 'snyk_integration_clone.team']) expect(warningsAt(summary, address)).toEqual([]);
      expect(entry(summary.integrations, 'snyk_integration.ghe').details).toEqual(['goes with its org platform, deleted in this plan']);
      expect(entry(summary.clones, 'snyk_integration_clone.team').details).toEqual(['goes with its org team-platform, deleted in this plan']);
      expect(summary.otherProviders[0].counts).toMatchObject({ delete: 1 });
    });

    test('through the CLI with --stack-dir, --fail-on-destructive exits 2 in every format and still prints the summary', () => {
      for (const result of run.destroyCli) {
        expect(result.stderr).toBe('');
        expect(result.code).toBe(2);
      }
      const [markdown, json, text] = run.destroyCli.map((result) => result.stdout);
      expect(markdown).toContain('| **destroy** | platform | `snyk_organization.platform` |');
      expect(JSON.parse(json).destructive).toBe(true);
      expect(text).toContain('snyk_broker_token.ghe');
    });
  });

  test('no planted secret, API key or Broker token appears in any format, though the plans hold them', () => {
    const plans = [run.create, run.update, run.rotate, run.prune, run.destroy];
    const planTexts = plans.map((loaded) => JSON.stringify(loaded.plan)).join('\n');
    // The check below proves something only if the plans really carry every secret.
    for (const secret of run.secrets) expect(planTexts.includes(secret)).toBe(true);
    expect(run.secrets.length).toBeGreaterThanOrEqual(Object.keys(PLANTED).length + 1 + 4);
    const outputs = [...plans.flatMap(renderAllFormats), run.createCli.stdout, ...run.destroyCli.flatMap((result) => [result.stdout, result.stderr])];
    for (const output of outputs) {
      for (const secret of run.secrets) expect(output.includes(secret)).toBe(false);
    }
  });

  test('the Markdown of the change and rotation plans matches its golden file, with ids normalised', () => {
    const markdown = renderPlanSummary([run.update, run.rotate], 'markdown').output;
    expectRealPlanGolden('update-and-rotate.md', normaliseUuids(markdown));
  });
});
