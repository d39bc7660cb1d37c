// Benchmark 2: a no-op `terraform plan` of 20 resources (10 organizations and 10 brokered integrations, applied once
// before) against the emulator, for each launch target, against its floor measured in the same run: Terraform's own
// no-op plan of 20 `terraform_data` plus three `node -e 0` of the same Node (Terraform starts the provider three times
// per plan: schema, validate, plan). Rounds interleave the measurements so that machine load hits them alike. Beside
// it, the floor of the mechanism: the same terraform_data plan plus three launches of minimal-plugin.cjs answering one
// call each under AutoMTLS, which no Node provider can go below.
import { createLaunchClient, timeBareNode, timeFirstAnswer } from './first-answer.mjs';
import { MINIMAL_PLUGIN } from './launch.mjs';
import { median, round } from './stats.mjs';
import { BROKERED_INTEGRATION_PER_ORG, createBenchWorkspace, organizationsConfiguration } from './terraform-workspace.mjs';

export const PLAN_GOAL_RATIO = 1.5;
const PROVIDER_LAUNCHES_PER_PLAN = 3;
const ORGS = 10;

const PROVIDER_CONFIGURATION = organizationsConfiguration('bench-plan', BROKERED_INTEGRATION_PER_ORG);

// The same three launches with almost no work in them (org_count 1): what the launches alone cost, for the table's decomposition.
const SINGLE_ORG_CONFIGURATION = organizationsConfiguration('bench-plan-single');

const FLOOR_CONFIGURATION = `resource "terraform_data" "bench" {
  count = ${2 * ORGS}
  input = "bench-\${count.index}"
}
`;

const PLAN_ARGS = ['plan', '-input=false', '-lock=false'];

/** Applies both configurations once per target, then times `runs` rounds of their no-op plans. */
export async function runNoopPlanBenchmark({ sources, targets, runs }) {
  const columns = [];
  for (const target of targets) columns.push(await measureTarget({ sources, target, runs }));
  return {
    id: 'plan',
    title: `No-op plan: ${ORGS} organizations + ${ORGS} brokered integrations`,
    header: ['', ...columns.map((column) => column.label)],
    goal: `plan median <= ${PLAN_GOAL_RATIO} x floor (terraform_data plan median + ${PROVIDER_LAUNCHES_PER_PLAN} x node -e 0 median), for each`,
    pass: columns.every((column) => column.ratio <= PLAN_GOAL_RATIO && column.noChanges),
    rows: [
      ['rounds', ...columns.map(() => runs)],
      [`terraform plan, ${2 * ORGS} terraform_data, median`, ...columns.map((column) => `${column.terraformMs} ms`)],
      ['node -e 0 of the same Node, median', ...columns.map((column) => `${column.nodeMs} ms`)],
      [`floor: terraform_data plan + ${PROVIDER_LAUNCHES_PER_PLAN} x node -e 0`, ...columns.map((column) => `${column.floorMs} ms`)],
      [`terraform plan, ${ORGS} orgs + ${ORGS} brokered integrations, median`, ...columns.map((column) => `${column.planMs} ms`)],
      ['**ratio to the floor**', ...columns.map((column) => `**${column.ratio}x**`)],
      ['detail: terraform plan, 1 organization (the same 3 launches, 1 resource), median', ...columns.map((column) => `${column.singleMs} ms (${column.singleRatio}x)`)],
      [`detail: floor of the mechanism: terraform_data plan + ${PROVIDER_LAUNCHES_PER_PLAN} x minimal AutoMTLS answer (minimal-plugin.cjs)`, ...columns.map((column) => `${column.mechanismFloorMs} ms (${column.mechanismRatio}x the floor)`)],
      ['every plan said "No changes."', ...columns.map((column) => (column.noChanges ? 'yes' : 'no'))],
    ],
    values: columns,
  };
}

async function measureTarget({ sources, target, runs }) {
  const emulator = await sources.startEmulator();
  const env = { SNYK_TOKEN: emulator.apiKey, SNYK_API_URL: emulator.url };
  const provider = createBenchWorkspace({ sources, bundlePath: target.executable, env });
  const single = createBenchWorkspace({ sources, bundlePath: target.executable, env });
  const floor = createBenchWorkspace({ sources, bundlePath: target.executable });
  try {
    provider.writeFile('main.tf', PROVIDER_CONFIGURATION);
    single.writeFile('main.tf', SINGLE_ORG_CONFIGURATION);
    provider.writeFile('terraform.tfvars.json', JSON.stringify({ group_id: emulator.defaultGroupId, org_count: ORGS }));
    single.writeFile('terraform.tfvars.json', JSON.stringify({ group_id: emulator.defaultGroupId, org_count: 1 }));
    floor.writeFile('main.tf', FLOOR_CONFIGURATION);
    for (const workspace of [provider, single, floor]) {
      await workspace.mustTerraform(['init', '-input=false']);
      await workspace.mustTerraform(['apply', '-input=false', '-auto-approve']);
      await workspace.mustTerraform(PLAN_ARGS); // unmeasured: fills the provider's code cache and the OS's file cache
    }
    const plans = [];
    const terraformPlans = [];
    const singlePlans = [];
    const nodes = [];
    const minimalLaunches = [];
    const client = await createLaunchClient();
    let noChanges = true;
    for (let round = 0; round < runs; round++) {
      const plan = await provider.mustTerraform(PLAN_ARGS);
      noChanges &&= /No changes\./.test(plan.stdout);
      plans.push(plan.ms);
      terraformPlans.push((await floor.mustTerraform(PLAN_ARGS)).ms);
      singlePlans.push((await single.mustTerraform(PLAN_ARGS)).ms);
      for (let launch = 0; launch < PROVIDER_LAUNCHES_PER_PLAN; launch++) {
        nodes.push((await timeBareNode(target.node)).ms);
        minimalLaunches.push((await timeFirstAnswer(client, target.node, [MINIMAL_PLUGIN])).answerMs);
      }
    }
    return summarise(target, { plans, terraformPlans, singlePlans, nodes, minimalLaunches, noChanges });
  } finally {
    provider.cleanup();
    single.cleanup();
    floor.cleanup();
    await emulator.close();
  }
}

function summarise(target, { plans, terraformPlans, singlePlans, nodes, minimalLaunches, noChanges }) {
  const terraformMs = round(median(terraformPlans));
  const nodeMs = round(median(nodes));
  const floorMs = round(terraformMs + PROVIDER_LAUNCHES_PER_PLAN * nodeMs);
  const planMs = round(median(plans));
  const singleMs = round(median(singlePlans));
  const mechanismFloorMs = round(terraformMs + PROVIDER_LAUNCHES_PER_PLAN * median(minimalLaunches));
  return { id: target.id, label: target.label, terraformMs, nodeMs, floorMs, planMs, ratio: round(planMs / floorMs, 2), singleMs, singleRatio: round(singleMs / floorMs, 2), mechanismFloorMs, mechanismRatio: round(mechanismFloorMs / floorMs, 2), noChanges };
}
