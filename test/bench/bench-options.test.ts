import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const benchScript = join(root, 'scripts', 'bench.mjs');

interface BenchOptions {
  only: string[];
  runs: number;
  planRuns: number;
  targets: string[];
  orgs: number;
  perOrg: number;
  create: number;
  delayMs: number;
  rateOrgs: number;
  rateLimits: string[];
  write: boolean;
  strict: boolean;
}

function resolvedOptions(...args: string[]): BenchOptions {
  return JSON.parse(execFileSync(process.execPath, [benchScript, '--print-options', ...args], { encoding: 'utf8' })) as BenchOptions;
}

describe('scripts/bench.mjs options', () => {
  test('defaults run every benchmark at the sizes BENCHMARKS.md describes, writing nothing', () => {
    expect(resolvedOptions()).toMatchObject({
      only: ['launch', 'plan', 'fan-out', 'apply', 'rate-limit', 'unreachable'],
      runs: 30,
      planRuns: 15,
      targets: ['bundle', 'standalone'],
      orgs: 10,
      perOrg: 5,
      create: 50,
      delayMs: 50,
      rateOrgs: 300,
      rateLimits: ['snyk', '900/min'],
      write: false,
      strict: false,
    });
  });

  test('sizes, the benchmark selection and the flags can be changed', () => {
    const options = resolvedOptions('--only', 'apply,launch', '--runs', '5', '--orgs', '3', '--per-org', '2', '--create', '7', '--delay', '0', '--write', '--strict');
    expect(options).toMatchObject({ only: ['launch', 'apply'], runs: 5, orgs: 3, perOrg: 2, create: 7, delayMs: 0, write: true, strict: true });
    expect(resolvedOptions('--only', 'plan', '--targets', 'standalone', '--plan-runs', '4')).toMatchObject({ only: ['plan'], targets: ['standalone'], planRuns: 4 });
    expect(resolvedOptions('--only', 'rate-limit', '--rate-orgs', '20', '--rate-limit', '60/min,snyk')).toMatchObject({
      only: ['rate-limit'],
      rateOrgs: 20,
      rateLimits: ['60/min', 'snyk'],
    });
  });

  test.each([
    [['--only', 'nope'], '--only takes'],
    [['--orgs', 'ten'], '--orgs takes a whole number'],
    [['--per-org', '99'], '--per-org takes a whole number from 1 to 8'],
    [['--runs', '0'], '--runs takes a whole number'],
    [['--rate-limit', 'fast'], '--rate-limit takes a comma-separated list of snyk or N/min'],
    [['--rate-orgs', '0'], '--rate-orgs takes a whole number'],
    [['--targets', 'bundle,wasm'], '--targets takes a comma-separated list of bundle, standalone'],
    [['--plan-runs', '0'], '--plan-runs takes a whole number'],
    [['--frobnicate'], 'frobnicate'],
  ])('rejects %j with a usage error and exit status 2', (args, message) => {
    const result = spawnSync(process.execPath, [benchScript, ...args], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: node scripts/bench.mjs');
  });

  test('--help prints the usage and runs nothing', () => {
    const output = execFileSync(process.execPath, [benchScript, '--help'], { encoding: 'utf8' });
    expect(output).toContain('--write');
    expect(output).not.toContain('==');
  });

  test('the usage states the defaults that are used', () => {
    const output = execFileSync(process.execPath, [benchScript, '--help'], { encoding: 'utf8' });
    const defaults = resolvedOptions();
    const stated = (flag: string): string | undefined => new RegExp(`^  ${flag} .*\\(default ([^)]+)\\)$`, 'm').exec(output)?.[1];
    expect({
      runs: stated('--runs'),
      planRuns: stated('--plan-runs'),
      orgs: stated('--orgs'),
      perOrg: stated('--per-org'),
      create: stated('--create'),
      delayMs: stated('--delay'),
      rateOrgs: stated('--rate-orgs'),
      rateLimits: stated('--rate-limit'),
    }).toEqual({
      runs: String(defaults.runs),
      planRuns: String(defaults.planRuns),
      orgs: String(defaults.orgs),
      perOrg: String(defaults.perOrg),
      create: String(defaults.create),
      delayMs: String(defaults.delayMs),
      rateOrgs: String(defaults.rateOrgs),
      rateLimits: defaults.rateLimits.join(','),
    });
  });
});

describe('the BENCHMARKS.md figures section', () => {
  const reportModule = join(root, 'scripts', 'bench', 'report.mjs');

  test('BENCHMARKS.md has the markers that --write replaces between', () => {
    const markers = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', `import { FIGURES_START, FIGURES_END } from ${JSON.stringify(reportModule)}; console.log(JSON.stringify([FIGURES_START, FIGURES_END]));`], {
        encoding: 'utf8',
      }),
    ) as [string, string];
    const text = readFileSync(join(root, 'BENCHMARKS.md'), 'utf8');
    expect(text.indexOf(markers[0])).toBeGreaterThan(-1);
    expect(text.indexOf(markers[1])).toBeGreaterThan(text.indexOf(markers[0]));
  });

  test('writing figures replaces only the text between the markers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
    try {
      const file = join(dir, 'BENCHMARKS.md');
      const script = `
        import { FIGURES_START, FIGURES_END, formatFigures, writeFigures } from ${JSON.stringify(reportModule)};
        import { writeFileSync } from 'node:fs';
        writeFileSync(${JSON.stringify(file)}, 'intro\\n' + FIGURES_START + '\\nold figures\\n' + FIGURES_END + '\\noutro\\n');
        const result = { id: 'x', title: 'A benchmark', goal: 'be quick', pass: true, rows: [['calls', 3]] };
        writeFigures(${JSON.stringify(file)}, formatFigures([result], { machine: 'a test machine', date: '2000-01-01' }));`;
      execFileSync(process.execPath, ['--input-type=module', '-e', script]);
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith('intro\n')).toBe(true);
      expect(text.endsWith('\noutro\n')).toBe(true);
      expect(text).not.toContain('old figures');
      expect(text).toContain('Measured on 2000-01-01 on a test machine.');
      expect(text).toContain('| calls | 3 |');
      expect(text).toContain('Goal: be quick. **PASS**');

      const next = `
        import { formatFigures, writeFigures } from ${JSON.stringify(reportModule)};
        const rerun = { id: 'x', title: 'A benchmark', goal: 'be quick', pass: false, rows: [['calls', 4]] };
        const other = { id: 'y', title: 'Another benchmark', goal: 'be right', pass: true, rows: [['answers', 1]] };
        writeFigures(${JSON.stringify(file)}, formatFigures([other], { machine: 'a test machine', date: '2000-01-02' }));
        writeFigures(${JSON.stringify(file)}, formatFigures([rerun], { machine: 'a test machine', date: '2000-01-03' }));`;
      execFileSync(process.execPath, ['--input-type=module', '-e', next]);
      const merged = readFileSync(file, 'utf8');
      expect(merged).toContain('| answers | 1 |');
      expect(merged).toContain('| calls | 4 |');
      expect(merged).not.toContain('| calls | 3 |');
      expect(merged.indexOf('### Another benchmark')).toBeLessThan(merged.indexOf('### A benchmark'));
      expect(merged.endsWith('\noutro\n')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
