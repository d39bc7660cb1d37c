// Command-line options of scripts/bench.mjs.
import { parseArgs } from 'node:util';
import { BENCH_INTEGRATION_TYPES } from './integration-fixtures.mjs';
import { LAUNCH_TARGET_IDS } from './launch-targets.mjs';

/** The benchmarks, in the order they run. */
export const BENCHMARK_IDS = ['launch', 'plan', 'fan-out', 'apply', 'rate-limit', 'unreachable'];

/** The emulator's `rate-limit` values the rate-limit benchmark runs under by default. */
export const DEFAULT_RATE_LIMITS = ['snyk', '900/min'];

/** The sizes used when an option is not given: the usage text and the parser both read them here. */
const DEFAULTS = { runs: 30, planRuns: 15, orgs: 10, perOrg: 5, create: 50, delayMs: 50, rateOrgs: 300 };

export const USAGE = `Usage: node scripts/bench.mjs [options]   (npm run bench -- [options] builds first)

  --only LIST       comma-separated benchmarks to run: ${BENCHMARK_IDS.join(', ')} (default: all)
  --runs N          launches of each program for the launch benchmark (default ${DEFAULTS.runs})
  --plan-runs N     rounds of no-op plans (provider, terraform_data, 3 x node -e 0) for the plan benchmark (default ${DEFAULTS.planRuns})
  --targets LIST    launch targets for the launch and plan benchmarks: ${LAUNCH_TARGET_IDS.join(', ')} (default: both)
  --orgs M          organizations in the refresh fan-out benchmark (default ${DEFAULTS.orgs})
  --per-org N       integrations per organization, 1..${BENCH_INTEGRATION_TYPES.length} (default ${DEFAULTS.perOrg})
  --create N        organizations created by the apply throughput benchmark (default ${DEFAULTS.create})
  --delay MS        delay fault added to every Snyk call in the fan-out and apply benchmarks (default ${DEFAULTS.delayMs})
  --rate-orgs N     organizations (each with a brokered integration) applied by the rate-limit benchmark (default ${DEFAULTS.rateOrgs})
  --rate-limit LIST comma-separated emulator rate limits for it: snyk or N/min (default ${DEFAULT_RATE_LIMITS.join(',')})
  --write           rewrite the figures section of BENCHMARKS.md with this run's results
  --strict          exit with status 1 when a goal is not met
  --print-options   print the resolved options as JSON and exit
  --help            show this text`;

/** Thrown for options that cannot be used; its message says which and why. */
export class BenchUsageError extends Error {}

/**
 * Parses `argv` (without node and the script) into the benchmark options.
 * @returns {{ only: string[], runs: number, planRuns: number, targets: string[], orgs: number, perOrg: number, create: number, delayMs: number,
 *   rateOrgs: number, rateLimits: string[], write: boolean, strict: boolean, printOptions: boolean, help: boolean }}
 */
export function parseBenchOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        only: { type: 'string' },
        runs: { type: 'string' },
        'plan-runs': { type: 'string' },
        targets: { type: 'string' },
        orgs: { type: 'string' },
        'per-org': { type: 'string' },
        create: { type: 'string' },
        delay: { type: 'string' },
        'rate-orgs': { type: 'string' },
        'rate-limit': { type: 'string' },
        write: { type: 'boolean' },
        strict: { type: 'boolean' },
        'print-options': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new BenchUsageError(error.message);
  }
  return {
    only: parseOnly(values.only),
    runs: integerOption('--runs', values.runs, DEFAULTS.runs, 1, 1000),
    planRuns: integerOption('--plan-runs', values['plan-runs'], DEFAULTS.planRuns, 1, 200),
    targets: parseTargets(values.targets),
    orgs: integerOption('--orgs', values.orgs, DEFAULTS.orgs, 1, 200),
    perOrg: integerOption('--per-org', values['per-org'], DEFAULTS.perOrg, 1, BENCH_INTEGRATION_TYPES.length),
    create: integerOption('--create', values.create, DEFAULTS.create, 1, 500),
    delayMs: integerOption('--delay', values.delay, DEFAULTS.delayMs, 0, 5000),
    rateOrgs: integerOption('--rate-orgs', values['rate-orgs'], DEFAULTS.rateOrgs, 1, 2000),
    rateLimits: parseRateLimits(values['rate-limit']),
    write: values.write === true,
    strict: values.strict === true,
    printOptions: values['print-options'] === true,
    help: values.help === true,
  };
}

function parseOnly(text) {
  if (text === undefined) return [...BENCHMARK_IDS];
  const ids = text.split(',').map((id) => id.trim()).filter((id) => id !== '');
  const unknown = ids.filter((id) => !BENCHMARK_IDS.includes(id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new BenchUsageError(`--only takes a comma-separated list of ${BENCHMARK_IDS.join(', ')}; got "${text}"`);
  }
  return BENCHMARK_IDS.filter((id) => ids.includes(id));
}

function parseTargets(text) {
  if (text === undefined) return [...LAUNCH_TARGET_IDS];
  const ids = text.split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (ids.length === 0 || ids.some((id) => !LAUNCH_TARGET_IDS.includes(id))) {
    throw new BenchUsageError(`--targets takes a comma-separated list of ${LAUNCH_TARGET_IDS.join(', ')}; got "${text}"`);
  }
  return LAUNCH_TARGET_IDS.filter((id) => ids.includes(id));
}

function parseRateLimits(text) {
  if (text === undefined) return [...DEFAULT_RATE_LIMITS];
  const limits = text.split(',').map((limit) => limit.trim()).filter((limit) => limit !== '');
  const bad = limits.filter((limit) => limit !== 'snyk' && !/^[1-9]\d*\/min$/.test(limit));
  if (limits.length === 0 || bad.length > 0) {
    throw new BenchUsageError(`--rate-limit takes a comma-separated list of snyk or N/min (e.g. 600/min); got "${text}"`);
  }
  return limits;
}

function integerOption(name, text, fallback, min, max) {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new BenchUsageError(`${name} takes a whole number from ${min} to ${max}; got "${text}"`);
  }
  return value;
}
