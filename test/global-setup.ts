import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Bundles the provider and the CLI from the current sources once, so end-to-end tests never run a stale build. */
export default function globalSetup(): void {
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'bundle.mjs')], { stdio: 'inherit' });
}
