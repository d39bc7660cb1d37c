import { rmSync } from 'node:fs';

/** Removes the test run's own temp dir (see global-setup.ts) with whatever the tests and libraries left in it. */
export default function globalTeardown(): void {
  const runTemp = (globalThis as { cdktfSnykTestTemp?: string }).cdktfSnykTestTemp;
  if (runTemp) rmSync(runTemp, { recursive: true, force: true });
}
