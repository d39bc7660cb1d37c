// Benchmark 2: refresh fan-out. M orgs x N integrations are applied once, then `terraform plan -refresh-only` and
// `terraform plan` run with a delay on every Snyk call. Each plan is one provider process, which should fetch each
// org's integration type map once and overlap calls up to its concurrency cap.
import { BENCH_INTEGRATION_CREDENTIALS, BENCH_INTEGRATION_TYPES } from './integration-fixtures.mjs';
import { startInstrumentedEmulator, trafficRows } from './instrumented-emulator.mjs';
import { PROVIDER_BLOCKS, createBenchWorkspace } from './terraform-workspace.mjs';

const CONFIGURATION = `${PROVIDER_BLOCKS}
variable "integrations" {
  type = map(object({ organization_id = string, type = string }))
}

variable "credentials" {
  type      = map(map(string))
  sensitive = true
}

resource "snyk_integration" "fan_out" {
  for_each        = var.integrations
  organization_id = each.value.organization_id
  type            = each.value.type
  credentials     = var.credentials[each.value.type]
  settings        = { pull_request_test_enabled = true }
}
`;

const PLANS = [
  { label: 'plan -refresh-only', args: ['plan', '-refresh-only', '-detailed-exitcode', '-input=false'] },
  { label: 'plan', args: ['plan', '-detailed-exitcode', '-input=false'] },
];

/** Runs the fan-out benchmark and returns its result. */
export async function runFanOutBenchmark({ sources, bundlePath, orgs, perOrg, delayMs }) {
  const api = await startInstrumentedEmulator(sources);
  const workspace = createBenchWorkspace({ sources, bundlePath, env: api.providerEnv });
  try {
    workspace.writeFile('main.tf', CONFIGURATION);
    workspace.writeFile('terraform.tfvars.json', JSON.stringify(variables(api.emulator, orgs, perOrg)));
    await workspace.mustTerraform(['init', '-input=false']);
    await workspace.mustTerraform(['apply', '-auto-approve', '-input=false']);
    api.delayEveryCall(delayMs);
    const measured = [];
    for (const plan of PLANS) {
      api.probe.reset();
      const run = await workspace.mustTerraform(plan.args, [0, 2]);
      measured.push({ label: plan.label, wallMs: run.ms, exitCode: run.code, noChanges: run.stdout.includes('No changes.'), summary: api.probe.summary() });
    }
    return report(measured, { orgs, perOrg, delayMs, cap: sources.MAX_CONCURRENT_SNYK_CALLS });
  } finally {
    workspace.cleanup();
    await api.close();
  }
}

function variables(emulator, orgs, perOrg) {
  const types = BENCH_INTEGRATION_TYPES.slice(0, perOrg);
  const integrations = {};
  for (let index = 0; index < orgs; index++) {
    const org = emulator.createOrg(emulator.defaultGroupId, `bench-fan-out-${index}`);
    for (const type of types) integrations[`${index}-${type}`] = { organization_id: org.id, type };
  }
  const credentials = Object.fromEntries(types.map((type) => [type, BENCH_INTEGRATION_CREDENTIALS[type]]));
  return { integrations, credentials };
}

function report(measured, { orgs, perOrg, delayMs, cap }) {
  const traffic = measured.map((run) => trafficRows(run.summary));
  const column = (pick) => measured.map((run, index) => pick(run, traffic[index]));
  const pass = measured.every((run) => run.summary.typeMapCalls <= orgs && run.summary.maxInFlight <= cap && run.summary.failed === 0);
  return {
    id: 'fan-out',
    title: `Refresh fan-out: ${orgs} orgs x ${perOrg} integrations, ${delayMs} ms added to every call`,
    goal: `type-map calls (GET /v1/org/{id}/integrations) <= ${orgs} (one per org) per plan; at most ${cap} calls in flight`,
    pass,
    header: ['', ...measured.map((run) => run.label)],
    rows: [
      ['wall time of the terraform command', ...column((run) => `${Math.round(run.wallMs)} ms`)],
      ['type-map calls', ...column((_, t) => t.typeMapCalls)],
      ['Snyk API calls in all', ...column((_, t) => t.calls)],
      ['failed calls', ...column((run) => run.summary.failed)],
      ['calls one after another (sum of durations)', ...column((_, t) => t.serial)],
      ['first call to last answer', ...column((_, t) => t.window)],
      ['mean calls in flight (sum / window)', ...column((_, t) => t.effectiveConcurrency)],
      ['max calls in flight', ...column((_, t) => t.maxInFlight)],
      ['terraform reports "No changes."', ...column((run) => (run.noChanges ? 'yes' : 'no'))],
      ['-detailed-exitcode', ...column((run) => run.exitCode)],
    ],
  };
}
