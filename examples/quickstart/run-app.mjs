// Runs the quickstart app for the cdktf CLI (cdktf.json's "app"): bundles main.ts with esbuild, leaving cdktf and
// constructs to node_modules, then runs the bundle with the environment the CLI gave (CDKTF_OUTDIR...).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
// Inside the project, so that the bundle finds cdktf and constructs in node_modules.
const cache = join(root, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
// cdktf's App creates its output folder without its parents (cdktf.json puts it under .quickstart/).
if (process.env.CDKTF_OUTDIR) mkdirSync(process.env.CDKTF_OUTDIR, { recursive: true });
const buildDir = mkdtempSync(join(cache, 'cdktf-snyk-quickstart-'));
try {
  const outfile = join(buildDir, 'main.js');
  await build({
    entryPoints: [join(here, 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['cdktf', 'constructs'],
    logLevel: 'warning',
  });
  const run = spawnSync(process.execPath, [outfile], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(buildDir, { recursive: true, force: true });
}
