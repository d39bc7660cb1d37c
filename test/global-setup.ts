import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Bundles the provider and the CLI from the current sources once, so end-to-end tests never run a stale build; and
 * gives the test run a temp dir of its own (TMPDIR, inherited by the workers and every process they start), which
 * global-teardown.ts removes: some libraries leave folders behind in the temp dir (cdktf's Testing helpers make a
 * `cdktf.outdir.*` per synthesized app and never remove it), and the run must leave nothing behind.
 */
export default function globalSetup(): void {
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'bundle.mjs')], { stdio: 'inherit' });
  const runTemp = mkdtempSync(join(tmpdir(), 'cdktf-snyk-test-'));
  (globalThis as { cdktfSnykTestTemp?: string }).cdktfSnykTestTemp = runTemp;
  process.env.TMPDIR = runTemp;
}
