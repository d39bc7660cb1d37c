// npm run bench: the performance goals of the provider (see BENCHMARKS.md). Prints one table per benchmark with its
// goal and verdict; `--write` also rewrites the figures section of BENCHMARKS.md. `--help` lists the options.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runApplyBenchmark } from './bench/apply-throughput.mjs';
import { runFanOutBenchmark } from './bench/fan-out.mjs';
import { runLaunchBenchmark } from './bench/launch.mjs';
import { prepareLaunchTargets } from './bench/launch-targets.mjs';
import { runNoopPlanBenchmark } from './bench/noop-plan.mjs';
import { runRateLimitBenchmark } from './bench/rate-limit.mjs';
import { runUnreachableBenchmark } from './bench/unreachable.mjs';
import { describeMachine } from './bench/machine.mjs';
import { BenchUsageError, USAGE, parseBenchOptions } from './bench/options.mjs';
import { formatConsole, formatFigures, writeFigures } from './bench/report.mjs';
import { loadProjectSources } from './bench/sources.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundlePath = join(root, 'dist', 'terraform-provider-snyk.js');

const BENCHMARKS = {
  launch: (options, _sources, launch) => runLaunchBenchmark({ targets: launch.targets, runs: options.runs }),
  plan: (options, sources, launch) => runNoopPlanBenchmark({ sources, targets: launch.targets, runs: options.planRuns }),
  'fan-out': (options, sources) => runFanOutBenchmark({ sources, bundlePath, orgs: options.orgs, perOrg: options.perOrg, delayMs: options.delayMs }),
  apply: (options, sources) => runApplyBenchmark({ sources, bundlePath, create: options.create, delayMs: options.delayMs }),
  'rate-limit': (options, sources) => runRateLimitBenchmark({ sources, bundlePath, orgs: options.rateOrgs, rateLimits: options.rateLimits }),
  unreachable: (_options, sources) => runUnreachableBenchmark({ sources, bundlePath, orgs: 20 }),
};

async function main(argv) {
  const options = parseBenchOptions(argv);
  if (options.help) return void console.log(USAGE);
  if (options.printOptions) return void console.log(JSON.stringify(options));
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} does not exist: run npm run build first (npm run bench does).`);

  const sources = await loadProjectSources(root);
  const needsTargets = options.only.some((id) => id === 'launch' || id === 'plan');
  const launch = needsTargets ? await prepareLaunchTargets({ root, bundlePath, ids: options.targets }) : { targets: [], dispose: () => {} };
  const results = [];
  try {
    for (const id of options.only) {
      const result = await BENCHMARKS[id](options, sources, launch);
      console.log(`${formatConsole(result)}\n`);
      results.push(result);
    }
  } finally {
    sources.dispose();
    launch.dispose();
  }
  const failed = results.filter((result) => !result.pass).map((result) => result.id);
  console.log(failed.length === 0 ? 'All goals met.' : `Goals not met: ${failed.join(', ')}.`);
  if (options.write) {
    writeFigures(join(root, 'BENCHMARKS.md'), formatFigures(results, { machine: describeMachine(), date: new Date().toISOString().slice(0, 10) }));
    console.log('BENCHMARKS.md figures rewritten.');
  }
  if (options.strict && failed.length > 0) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof BenchUsageError ? `${error.message}\n\n${USAGE}` : error);
  process.exitCode = error instanceof BenchUsageError ? 2 : 1;
});
