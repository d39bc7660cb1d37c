// Benchmark 3: apply throughput. A saved plan creating N organizations is applied with a delay on every Snyk call and
// Terraform's parallelism raised to N, so that the provider's own cap on concurrent calls is what bounds the work.
import { effectiveConcurrency, startInstrumentedEmulator, trafficRows } from './instrumented-emulator.mjs';
import { createBenchWorkspace, organizationsConfiguration } from './terraform-workspace.mjs';

const CONFIGURATION = organizationsConfiguration('bench-apply');

/** Concurrency counts as used when, on average, at least this many calls overlap. */
const MIN_MEAN_IN_FLIGHT = 2;

/** Runs the apply throughput benchmark and returns its result. */
export async function runApplyBenchmark({ sources, bundlePath, create, delayMs }) {
  const api = await startInstrumentedEmulator(sources);
  const workspace = createBenchWorkspace({ sources, bundlePath, env: api.providerEnv });
  try {
    workspace.writeFile('main.tf', CONFIGURATION);
    workspace.writeFile('terraform.tfvars.json', JSON.stringify({ group_id: api.emulator.defaultGroupId, org_count: create }));
    await workspace.mustTerraform(['init', '-input=false']);
    await workspace.mustTerraform(['plan', '-input=false', '-out=bench.tfplan']);
    api.delayEveryCall(delayMs);
    api.probe.reset();
    const run = await workspace.mustTerraform(['apply', '-input=false', `-parallelism=${create}`, 'bench.tfplan']);
    const created = api.emulator.state().orgs.filter((org) => org.name.startsWith('bench-apply-')).length;
    return report({ wallMs: run.ms, summary: api.probe.summary(), created }, { create, delayMs, cap: sources.MAX_CONCURRENT_SNYK_CALLS });
  } finally {
    workspace.cleanup();
    await api.close();
  }
}

function report({ wallMs, summary, created }, { create, delayMs, cap }) {
  const traffic = trafficRows(summary);
  const perOrgMs = summary.busyMs / create;
  const mean = effectiveConcurrency(summary);
  return {
    id: 'apply',
    title: `Apply throughput: ${create} organizations, ${delayMs} ms added to every call, -parallelism=${create}`,
    goal: `concurrency used (mean calls in flight >= ${MIN_MEAN_IN_FLIGHT}) but bounded (max in flight <= ${cap})`,
    pass: created === create && summary.failed === 0 && mean >= MIN_MEAN_IN_FLIGHT && summary.maxInFlight <= cap,
    rows: [
      ['organizations created', created],
      ['Snyk API calls (failed)', `${traffic.calls} (${summary.failed})`],
      ['serial round trips of one org', `${(summary.calls / create).toFixed(1)} calls, ${Math.round(perOrgMs)} ms`],
      [`${create} x serial round trips (sum of durations)`, traffic.serial],
      ['first call to last answer', `${traffic.window} (${(summary.busyMs / Math.max(1, summary.windowMs)).toFixed(1)}x faster than serial)`],
      ['wall time of terraform apply (process start to exit)', `${Math.round(wallMs)} ms`],
      ['mean calls in flight', mean.toFixed(1)],
      ['max calls in flight (provider cap)', `${summary.maxInFlight} (${cap})`],
    ],
  };
}
