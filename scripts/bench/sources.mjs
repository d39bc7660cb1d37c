// Loads the project's TypeScript sources that the benchmarks drive (emulator, provider installer), bundled on the fly
// with esbuild into a temp dir: no dependency on a fresh lib/, and no type checking in the way of a quick measurement.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ENTRY = `
export { startEmulator } from './src/emulator';
export { installProvider } from './src/cli/provider-install';
export { writeCliConfigForMirror } from './src/cli/terraform-cli-config';
export { MAX_CONCURRENT_SNYK_CALLS } from './src/provider/snyk-context';
`;

/**
 * Bundles and loads the sources under `root`.
 * @returns {Promise<{ startEmulator: Function, installProvider: Function, writeCliConfigForMirror: Function,
 *   MAX_CONCURRENT_SNYK_CALLS: number, dispose: () => void }>}
 */
export async function loadProjectSources(root) {
  const dir = mkdtempSync(join(tmpdir(), 'cdktf-snyk-bench-src-'));
  const outfile = join(dir, 'bench-sources.cjs');
  try {
    await build({
      stdin: { contents: ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'bench-sources.ts' },
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile,
      logLevel: 'warning',
    });
    const loaded = createRequire(import.meta.url)(outfile);
    return { ...loaded, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
