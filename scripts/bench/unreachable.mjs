// Benchmark 5: an unreachable API. N organizations are applied against the emulator, the emulator is stopped (its
// port now refuses connections), and `terraform plan` refreshes them. A refused connection is not a throttle: the plan
// should fail within about ten seconds (the client's unreachable budget is 8 s for the whole process, not per call)
// with a message naming the API host.
import { URL } from 'node:url';
import { createBenchWorkspace, organizationsConfiguration } from './terraform-workspace.mjs';

const CONFIGURATION = organizationsConfiguration('bench-unreachable');

/** The most a plan may take to fail, from terraform's start to its exit. */
const GOAL_MS = 15_000;

export async function runUnreachableBenchmark({ sources, bundlePath, orgs }) {
  const emulator = await sources.startEmulator();
  const host = new URL(emulator.url).host;
  const workspace = createBenchWorkspace({ sources, bundlePath, env: { SNYK_TOKEN: emulator.apiKey, SNYK_API_URL: emulator.url } });
  try {
    workspace.writeFile('main.tf', CONFIGURATION);
    workspace.writeFile('terraform.tfvars.json', JSON.stringify({ group_id: emulator.defaultGroupId, org_count: orgs }));
    await workspace.mustTerraform(['init', '-input=false']);
    await workspace.mustTerraform(['apply', '-auto-approve', '-input=false']);
    await emulator.close();
    const plan = await workspace.terraform(['plan', '-input=false']);
    const namesHost = plan.stderr.replace(/\s+/g, ' ').includes(`Could not connect to the Snyk API at ${host}`);
    return {
      id: 'unreachable',
      title: `Unreachable API: plan of ${orgs} organizations with the API refusing connections`,
      goal: `the plan fails within ${GOAL_MS / 1000} s with a message naming the API host`,
      pass: plan.code === 1 && namesHost && plan.ms <= GOAL_MS,
      rows: [
        ['terraform plan exit code', plan.code],
        ['error names the host', namesHost ? 'yes' : 'no'],
        ['wall time of terraform plan', `${(plan.ms / 1000).toFixed(1)} s`],
      ],
    };
  } finally {
    workspace.cleanup();
    await emulator.close().catch(() => undefined);
  }
}
