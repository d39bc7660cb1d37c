// Runs this example's app for the cdktf CLI (cdktf.json's "app"): bundles main.ts with esbuild, cdktf and constructs
// left to the project's node_modules, then runs the bundle with the environment the CLI gave (CDKTF_OUTDIR...).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cache = join(here, '..', '..', 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
if (process.env.CDKTF_OUTDIR) mkdirSync(process.env.CDKTF_OUTDIR, { recursive: true });
const buildDir = mkdtempSync(join(cache, 'cdktf-snyk-universal-broker-'));
try {
  const outfile = join(buildDir, 'main.js');
  await build({ entryPoints: [join(here, 'main.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['cdktf', 'constructs'], logLevel: 'warning' });
  process.exitCode = spawnSync(process.execPath, [outfile], { stdio: 'inherit' }).status ?? 1;
} finally {
  rmSync(buildDir, { recursive: true, force: true });
}
