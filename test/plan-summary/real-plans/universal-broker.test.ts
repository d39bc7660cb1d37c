import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoadedPlan, renderPlanSummary, StackSummary, summarizePlan } from '../../../src/plan-summary';
import { createRealPlanStack, expectRealPlanGolden, normaliseUuids, renderAllFormats } from './support';
import { UniversalBrokerStep, universalBrokerHcl } from './universal-broker-config';

const summarize = (loaded: LoadedPlan): StackSummary => summarizePlan(loaded.plan, loaded.stack, loaded.source);

interface UniversalBrokerRun {
  readonly create: LoadedPlan;
  readonly movePlatform: LoadedPlan;
  /** Planned, not applied: platform taken off the connection again while legacy is still on the classic token. */
  readonly rollbackPlatform: LoadedPlan;
  readonly moveLegacy: LoadedPlan;
  readonly destroy: LoadedPlan;
  /** Every client secret the emulator issued, and the API key. */
  readonly secrets: readonly string[];
}

function emulatorClientSecrets(state: unknown): string[] {
  const installs = (state as { universalBroker?: { installs?: Array<{ clientSecrets?: string[] }> } }).universalBroker?.installs ?? [];
  return installs.flatMap((install) => install.clientSecrets ?? []);
}

/** Create, move platform, move legacy with a `replace` rotation and GitLab removed, then a destroy plan. */
async function runUniversalBrokerScenario(): Promise<UniversalBrokerRun> {
  const stack = await createRealPlanStack();
  try {
    const { emulator } = stack;
    const secrets = new Set<string>([emulator.apiKey]);
    const noteSecrets = () => emulatorClientSecrets(emulator.state()).forEach((secret) => secrets.add(secret));
    const base: UniversalBrokerStep = { groupId: emulator.defaultGroupId, tenantId: emulator.defaultTenantId, adopted: [], gitlab: true };
    const create = await stack.plan('ub-create', universalBrokerHcl(base));
    await stack.applySavedPlan();
    noteSecrets();
    const platformStep: UniversalBrokerStep = { ...base, adopted: ['platform'] };
    const movePlatform = await stack.plan('ub-move-platform', universalBrokerHcl(platformStep));
    await stack.applySavedPlan();
    const rollbackPlatform = await stack.plan('ub-rollback-platform', universalBrokerHcl({ ...platformStep, adopted: [] }));
    const legacyStep: UniversalBrokerStep = { ...platformStep, adopted: ['platform', 'legacy'], gitlab: false, rotation: { trigger: '2026-12', mode: 'replace' } };
    const moveLegacy = await stack.plan('ub-move-legacy', universalBrokerHcl(legacyStep));
    await stack.applySavedPlan();
    noteSecrets();
    const destroy = await stack.plan('ub-destroy', universalBrokerHcl(legacyStep), ['-destroy']);
    await stack.applySavedPlan();
    return { create, movePlatform, rollbackPlatform, moveLegacy, destroy, secrets: [...secrets] };
  } finally {
    await stack.close();
  }
}

describe('plan-summary of Universal Broker plans made by terraform, the provider and the emulator', () => {
  let run: UniversalBrokerRun;

  beforeAll(async () => {
    run = await runUniversalBrokerScenario();
  });

  test('creating: the deployment, credentials, connections, the org gaining a connection, the variables to add', () => {
    const broker = summarize(run.create).universalBroker;
    expect(broker.entries.map((entry) => [entry.kind, entry.label])).toEqual([
      ['create', 'Broker App install in admin'],
      ['create', 'connection "ghe" (github-enterprise)'],
      ['create', 'connection "gitlab" (gitlab)'],
      ['create', 'deployment "main"'],
      ['create', 'credential GHE_TOKEN (github-enterprise)'],
      ['create', 'credential GITLAB_TOKEN (gitlab)'],
      ['create', 'github-enterprise in team-a via connection "ghe"'],
    ]);
    expect(broker.organizations).toEqual(['team-a gains connection "ghe" (github-enterprise)']);
    expect(broker.environmentToAdd).toEqual(['GHE_TOKEN', 'GITLAB_TOKEN']);
    expect(broker.classicFamilies).toEqual([]);
    expect(summarize(run.create).snykCounts.create).toBe(13);
  });

  test('moving the first org: names the classic family it leaves and the org that stays on the classic token', () => {
    const summary = summarize(run.movePlatform);
    expect(summary.universalBroker.classicFamilies).toEqual([
      {
        family: 'the token family of github-enterprise in platform (orgs: legacy, platform)',
        leaving: ['platform'],
        alreadyMoved: [],
        disconnected: [],
        remaining: ['legacy'],
        emptied: false,
      },
    ]);
    expect(summary.universalBroker.organizations).toEqual(['platform gains connection "ghe" (github-enterprise)']);
    expect(summary.warnings.map((warning) => `${warning.severity} ${warning.address}`)).toContain('note snyk_broker_integration.platform');
    expect(summary.universalBroker.entries.find((entry) => entry.address === 'snyk_broker_integration.platform')?.details).toEqual([
      'takes over github-enterprise in platform from its classic Broker token',
    ]);
  });

  test('rolling the first org back: it is disconnected, legacy still holds the classic token to clone from', () => {
    const summary = summarize(run.rollbackPlatform);
    expect(summary.universalBroker.classicFamilies).toEqual([expect.objectContaining({ leaving: [], disconnected: ['platform'], remaining: ['legacy'], emptied: false })]);
    expect(summary.universalBroker.organizations).toEqual(['platform loses connection "ghe" (github-enterprise)']);
    expect(summary.warnings.map((warning) => `${warning.severity} ${warning.address}: ${warning.message}`)).toContainEqual(
      expect.stringMatching(/^note snyk_broker_integration\.platform: platform: disconnected from the connection, .* clone the integration from legacy \(still on the classic token\) into platform;/),
    );
  });

  test('moving the last org: the family is emptied (warning), the secret replacement warns of downtime, GitLab goes', () => {
    const summary = summarize(run.moveLegacy);
    expect(summary.universalBroker.classicFamilies).toEqual([
      expect.objectContaining({ leaving: ['legacy'], alreadyMoved: ['platform'], remaining: [], emptied: true }),
    ]);
    expect(summary.universalBroker.environmentToDrop).toEqual(['GITLAB_TOKEN']);
    expect(summary.universalBroker.rotations).toEqual([expect.stringMatching(/^client secret replaced \(mode replace\): .*running broker clients stop until restarted/)]);
    const severities = summary.warnings.map((warning) => `${warning.severity} ${warning.address}`);
    expect(severities).toEqual(expect.arrayContaining(['caution snyk_app_install.broker', 'warning snyk_broker_integration.legacy']));
  });

  test('destroying: every org loses its connection, credentials may be dropped', () => {
    const broker = summarize(run.destroy).universalBroker;
    expect(broker.organizations).toEqual([
      'legacy loses connection "ghe" (github-enterprise)',
      'platform loses connection "ghe" (github-enterprise)',
      'team-a loses connection "ghe" (github-enterprise)',
    ]);
    expect(broker.environmentToDrop).toEqual(['GHE_TOKEN']);
  });

  test('no client secret or API key in any format of any plan', () => {
    expect(run.secrets.length).toBeGreaterThanOrEqual(3);
    const plans = [run.create, run.movePlatform, run.rollbackPlatform, run.moveLegacy, run.destroy];
    // The client secrets reach the summarizer's input (state in the plans), so their absence below is the redaction.
    const input = JSON.stringify(plans.map((loaded) => loaded.plan));
    expect(run.secrets.filter((secret) => input.includes(secret)).length).toBeGreaterThanOrEqual(2);
    for (const plan of plans) {
      const rendered = renderAllFormats(plan).join('\n');
      for (const secret of run.secrets) expect(rendered).not.toContain(secret);
    }
  });

  test('the text and JSON formats carry the same Universal Broker facts', () => {
    const text = renderPlanSummary([run.create], 'text').output;
    expect(text).toContain('    Broker clients must receive: GHE_TOKEN, GITLAB_TOKEN');
    expect(text).toContain('    team-a gains connection "ghe" (github-enterprise)');
    const json = JSON.parse(renderPlanSummary([run.moveLegacy], 'json').output) as { stacks: Array<{ universal_broker: { classic_families: unknown[]; environment_to_drop: string[] } }> };
    expect(json.stacks[0].universal_broker.environment_to_drop).toEqual(['GITLAB_TOKEN']);
    expect(json.stacks[0].universal_broker.classic_families).toEqual([expect.objectContaining({ leaving: ['legacy'], already_moved: ['platform'], disconnected: [], remaining: [], emptied: true })]);
  });

  test.each([
    ['ub-create.md', () => run.create],
    ['ub-move-platform.md', () => run.movePlatform],
    ['ub-rollback-platform.md', () => run.rollbackPlatform],
    ['ub-move-legacy.md', () => run.moveLegacy],
  ])('Markdown golden %s', (file, plan) => {
    expectRealPlanGolden(file, normaliseUuids(renderPlanSummary([plan()], 'markdown').output));
  });

  test.each([
    ['ub-move-platform.md', 2],
    ['ub-rollback-platform.md', 1],
  ])('the README quotes %s as it is', (file, lines) => {
    const golden = readFileSync(join(__dirname, 'golden', file), 'utf8').split('\n');
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const quoted = golden.filter((line) => line.startsWith('> - ') || line.startsWith('| the token family'));
    expect(quoted.length).toBeGreaterThanOrEqual(lines);
    for (const line of quoted.slice(0, lines)) expect(readme).toContain(line);
  });
});
