// Benchmark 4: rate limits. An apply creates N organizations, each with a brokered integration, against the emulator's
// `rate-limit` behaviour (`snyk`: v1 2,000 and REST 1,620 calls a minute per key; `N/min`: a smaller limit, so that
// the limit is crossed within seconds). Snyk answers 429 past the limit until a full minute passes with no calls; the
// provider's throttle should pace below the limit, and after a 429 pause every call once for the window and then stay
// under what Snyk let through: at most one throttle window, and no failed call after it.
import { startInstrumentedEmulator } from './instrumented-emulator.mjs';
import { BROKERED_INTEGRATION_PER_ORG, createBenchWorkspace, organizationsConfiguration } from './terraform-workspace.mjs';

const CONFIGURATION = organizationsConfiguration('bench-rate', BROKERED_INTEGRATION_PER_ORG);

/** Runs the apply once per rate limit and returns one result with a column per limit. */
export async function runRateLimitBenchmark({ sources, bundlePath, orgs, rateLimits }) {
  const runs = [];
  for (const rateLimit of rateLimits) runs.push(await runOnce({ sources, bundlePath, orgs, rateLimit }));
  return report(runs, orgs);
}

async function runOnce({ sources, bundlePath, orgs, rateLimit }) {
  const api = await startInstrumentedEmulator(sources, { behaviors: { 'rate-limit': rateLimit } });
  const workspace = createBenchWorkspace({ sources, bundlePath, env: api.providerEnv });
  try {
    workspace.writeFile('main.tf', CONFIGURATION);
    workspace.writeFile('terraform.tfvars.json', JSON.stringify({ group_id: api.emulator.defaultGroupId, org_count: orgs }));
    await workspace.mustTerraform(['init', '-input=false']);
    await workspace.mustTerraform(['plan', '-input=false', '-out=bench.tfplan']);
    api.probe.reset();
    const run = await workspace.terraform(['apply', '-input=false', '-parallelism=50', 'bench.tfplan']);
    const state = api.emulator.state();
    const created = state.orgs.filter((org) => org.name.startsWith('bench-rate-')).length;
    const brokered = state.integrations.filter((integration) => integration.type === 'github-enterprise' && integration.tokenFamilyId).length;
    return { rateLimit, exitCode: run.code, wallMs: run.ms, created, brokered, ...analyse(api.probe.calls()), error: run.code === 0 ? '' : run.stderr };
  } finally {
    workspace.cleanup();
    await api.close();
  }
}

/**
 * Reads the calls in the order they started: a throttle window is a run of 429s; everything after the first window
 * should succeed.
 */
export function analyse(calls) {
  const ordered = [...calls].sort((a, b) => a.started - b.started);
  let windows = 0;
  let firstWindowEnd = -1;
  ordered.forEach((call, index) => {
    const limited = call.status === 429;
    if (limited && ordered[index - 1]?.status !== 429) windows += 1;
    if (limited && windows === 1) firstWindowEnd = index;
  });
  const after = firstWindowEnd < 0 ? [] : ordered.slice(firstWindowEnd + 1);
  const firstLimited = ordered.findIndex((call) => call.status === 429);
  const start = ordered[0]?.started ?? 0;
  const resumed = after[0];
  const lastOfWindow = ordered[firstWindowEnd];
  const end = Math.max(0, ...ordered.map((call) => call.ended));
  return {
    calls: ordered.length,
    limited: ordered.filter((call) => call.status === 429).length,
    otherFailures: ordered.filter((call) => call.status !== 429 && !(call.status >= 200 && call.status < 300)).length,
    windows,
    failedAfterFirstWindow: after.filter((call) => !(call.status >= 200 && call.status < 300)).length,
    callsBeforeFirst429: firstLimited < 0 ? ordered.length : firstLimited,
    firstLimitedAtMs: firstLimited < 0 ? undefined : ordered[firstLimited].started - start,
    pauseMs: resumed && lastOfWindow ? resumed.started - lastOfWindow.ended : undefined,
    firstMinuteAfterPause: resumed ? after.filter((call) => call.started - resumed.started < 60_000).length : undefined,
    spanMs: end - start,
  };
}

const seconds = (ms) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`);

function report(runs, orgs) {
  const pass = runs.every((run) => run.exitCode === 0 && run.created === orgs && run.brokered === orgs && run.windows <= 1 && run.failedAfterFirstWindow === 0);
  for (const run of runs.filter((candidate) => candidate.error)) console.error(`rate-limit ${run.rateLimit}: terraform apply failed\n${run.error}`);
  const row = (label, value) => [label, ...runs.map(value)];
  return {
    id: 'rate-limit',
    title: `Rate limits: apply of ${orgs} organizations with brokered integrations, -parallelism=50`,
    goal: 'every org and brokered integration created, at most one throttle window (a run of 429s) and no failed call after it',
    pass,
    header: ['emulator rate-limit', ...runs.map((run) => run.rateLimit)],
    rows: [
      row('terraform apply exit code', (run) => run.exitCode),
      row('organizations / brokered integrations created', (run) => `${run.created} / ${run.brokered}`),
      row('Snyk API calls', (run) => run.calls),
      row('calls before the first 429', (run) => run.callsBeforeFirst429),
      row('429 answers (all in the first window)', (run) => run.limited),
      row('throttle windows (runs of 429s)', (run) => run.windows),
      row('failed calls after the first window', (run) => run.failedAfterFirstWindow),
      row('other failed calls', (run) => run.otherFailures),
      row('first 429, from the first call', (run) => seconds(run.firstLimitedAtMs)),
      row('pause: last 429 to the next call', (run) => seconds(run.pauseMs)),
      row('calls in the first minute after the pause', (run) => run.firstMinuteAfterPause ?? '-'),
      row('first call to last answer', (run) => seconds(run.spanMs)),
      row('wall time of terraform apply', (run) => seconds(run.wallMs)),
    ],
  };
}
