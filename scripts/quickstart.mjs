// `npm run quickstart`: bundles the provider, then runs examples/quickstart/quickstart.ts (bundled on the fly with
// esbuild, so no TypeScript runtime is needed) from the project folder.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts', 'bundle.mjs')], { stdio: 'inherit' });

const cache = join(root, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const buildDir = mkdtempSync(join(cache, 'cdktf-snyk-quickstart-run-'));
try {
  const outfile = join(buildDir, 'quickstart.mjs');
  await build({
    entryPoints: [join(root, 'examples', 'quickstart', 'quickstart.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  const { runQuickstart } = await import(pathToFileURL(outfile).href);
  await runQuickstart(root);
} catch (error) {
  console.error(`quickstart failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(buildDir, { recursive: true, force: true });
}
